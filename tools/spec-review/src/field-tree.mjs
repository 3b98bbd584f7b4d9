// @ts-check
/**
 * Documented field trees, as reference folders hold them (a node with its name and its
 * `children`), read into the dotted field names coverage checks.
 */

/**
 * @template {{ children?: T[] | undefined }} T
 * Every node below the root of a field tree, as dotted names (`a`, `a.b`, …), parents first.
 * @param {T | undefined} root a missing tree has no fields
 * @param {(node: T) => string} nameOf a node's name
 * @returns {string[]}
 */
export function dottedNames(root, nameOf) {
  /** @type {string[]} */
  const names = [];
  const walk = (/** @type {T} */ node, /** @type {string} */ prefix) => {
    for (const child of node.children ?? []) {
      const name = `${prefix}${nameOf(child)}`;
      names.push(name);
      walk(child, `${name}.`);
    }
  };
  if (root && typeof root === 'object') walk(root, '');
  return names;
}
