import { describe, expect, it } from 'vitest';
import { measureValue } from './limits.js';

const LIMITS = { depth: 3, members: 6 };

describe('values measured against the bounds', () => {
  it('gives the size of a value within them, as JSON text counts it roughly', () => {
    // "ab" 4, 1 and null 6 each, keys 1+4 and 1+4, braces 2, brackets 2, two items 2.
    expect(measureValue({ a: 'ab', b: [1, null] }, LIMITS)).toEqual({ size: 32 });
    expect(measureValue('text', LIMITS)).toEqual({ size: 6 });
  });

  it('names the way to the first fault: too deep, too many members, a prototype name', () => {
    expect(measureValue({ a: { b: { c: { d: 1 } } } }, LIMITS)).toEqual({
      fault: { kind: 'depth', path: ['a', 'b', 'c'] },
    });
    expect(measureValue({ list: [1, 2, 3, 4, 5, 6] }, LIMITS)).toEqual({
      fault: { kind: 'members', path: ['list'] },
    });
    const hostile = JSON.parse('{"ok": 1, "data": [{"__proto__": {"admin": true}}]}');
    expect(measureValue(hostile, LIMITS)).toEqual({
      fault: { kind: 'key', path: ['data', 0, '__proto__'] },
    });
  });

  it('reports one fault, the first its walk meets, when a value breaks the bounds twice', () => {
    // The walk takes an object's members last first: the deep `second` before `first`.
    const value = { first: { constructor: 1 }, second: { a: { b: { c: 1 } } } };
    expect(measureValue(value, LIMITS)).toEqual({
      fault: { kind: 'depth', path: ['second', 'a', 'b'] },
    });
    expect(measureValue({ first: { constructor: 1 }, second: 2 }, LIMITS)).toEqual({
      fault: { kind: 'key', path: ['first', 'constructor'] },
    });
  });
});
