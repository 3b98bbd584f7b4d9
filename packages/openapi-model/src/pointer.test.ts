import { describe, expect, it } from 'vitest';
import {
  deref,
  escapePointer,
  pointerGet,
  pointerOf,
  ReferenceResolutionError,
  targetPointer,
  unescapePointer,
} from './pointer.js';

const doc = {
  components: {
    parameters: {
      'a/b~c': { name: 'x', in: 'query' },
      alias: { $ref: '#/components/parameters/a~1b~0c' },
      loop: { $ref: '#/components/parameters/loop' },
    },
  },
  list: [10, 20],
};

describe('JSON pointers', () => {
  it('escapes and reads back segments with / and ~', () => {
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(unescapePointer('a~1b~0c')).toBe('a/b~c');
    expect(unescapePointer('a%7Bb%7D')).toBe('a{b}');
    expect(unescapePointer('bad%ZZ')).toBe('bad%ZZ');
    expect(pointerOf(['paths', '/a/{b}', 'get'])).toBe('#/paths/~1a~1{b}/get');
  });

  it('reads values by pointer, array positions included, and nothing else', () => {
    expect(pointerGet(doc, '#/components/parameters/a~1b~0c')).toEqual({ name: 'x', in: 'query' });
    expect(pointerGet(doc, '#/list/1')).toBe(20);
    expect(pointerGet(doc, '#')).toBe(doc);
    expect(pointerGet(doc, '#/missing/x')).toBeUndefined();
    expect(pointerGet(doc, '#/list/__proto__')).toBeUndefined();
    expect(pointerGet(doc, '#/components/constructor')).toBeUndefined();
    expect(pointerGet(doc, 'other.json#/a')).toBeUndefined();
  });
});

describe('references', () => {
  it('follows chains of local references', () => {
    expect(deref(doc, { $ref: '#/components/parameters/alias' })).toEqual({
      name: 'x',
      in: 'query',
    });
    expect(
      targetPointer(doc, { $ref: '#/components/parameters/alias' }, '#/paths/x/parameters/0'),
    ).toBe('#/components/parameters/a~1b~0c');
    expect(targetPointer(doc, { name: 'inline' }, '#/here')).toBe('#/here');
  });

  it('stops at cycles and unknown targets, or names them when strict', () => {
    expect(deref(doc, { $ref: '#/nowhere' })).toBeUndefined();
    expect(deref(doc, { $ref: 'other.yaml#/a' })).toBeUndefined();
    expect(() => deref(doc, { $ref: '#/nowhere' }, { strict: true })).toThrow(
      new ReferenceResolutionError('#/nowhere', 'Unresolved reference'),
    );
    expect(() => deref(doc, { $ref: 'other.yaml#/a' }, { strict: true })).toThrow(
      /Only local references can be resolved: other.yaml#\/a/,
    );
    expect(() => deref(doc, { $ref: '#/components/parameters/loop' }, { strict: true })).toThrow(
      /Reference cycle at #\/components\/parameters\/loop/,
    );
  });
});
