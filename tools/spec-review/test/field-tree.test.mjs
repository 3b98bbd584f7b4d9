// @ts-check
import { describe, expect, it } from 'vitest';
import { dottedNames } from '../src/field-tree.mjs';

describe('a documented field tree', () => {
  it('gives every node below its root as a dotted name, parents first', () => {
    /** @typedef {{ tag: string, children?: Node[] }} Node */
    /** @type {Node} */
    const tree = {
      tag: 'Root',
      children: [
        { tag: 'a', children: [{ tag: 'b' }, { tag: 'c', children: [{ tag: 'd' }] }] },
        { tag: 'e' },
      ],
    };
    expect(dottedNames(tree, (/** @type {Node} */ n) => n.tag)).toEqual([
      'a',
      'a.b',
      'a.c',
      'a.c.d',
      'e',
    ]);
  });

  it('has no fields when it is missing', () => {
    expect(dottedNames(undefined, () => 'x')).toEqual([]);
  });
});
