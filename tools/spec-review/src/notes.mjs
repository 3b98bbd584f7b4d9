// @ts-check
/**
 * Changes to examples that `redocly diff` does not report (an `example` of a media type, the
 * `examples` of a schema, ...): found by comparing the two resolved descriptions.
 */
import { canonical, NAME_MAPS, pointerSegments, toPointer } from './description.mjs';

/**
 * @typedef {import('./description.mjs').Description} Description
 * @typedef {import('./redocly-diff.mjs').RawChange} RawChange
 */

const EXAMPLE_KEYS = new Set(['example', 'examples']);

/**
 * Example changes between two descriptions, except where `reported` already has a change at
 * the same place or above it.
 * @param {Description} base
 * @param {Description} revision
 * @param {RawChange[]} reported
 * @returns {RawChange[]}
 */
export function exampleChanges(base, revision, reported) {
  const covered = reported.map((c) => pointerSegments(c.path).join('\u0000'));
  /** @param {string[]} segments */
  const isCovered = (segments) =>
    covered.some((c) => {
      const here = segments.join('\u0000');
      return here === c || here.startsWith(`${c}\u0000`);
    });
  /** @param {Description} d @param {any} node */
  const side = (d, node) => {
    const o = node !== null && typeof node === 'object' ? d.origin.get(node) : undefined;
    return o ? { file: o.file, pointer: o.pointer } : undefined;
  };
  /** @type {RawChange[]} */
  const out = [];
  /** @type {WeakMap<object, WeakSet<object>>} */
  const visited = new WeakMap();
  /**
   * @param {any} before
   * @param {any} after
   * @param {string[]} segments
   * @param {any} beforeParent
   * @param {any} afterParent
   */
  const walk = (before, after, segments, beforeParent, afterParent) => {
    const key = segments.at(-1) ?? '';
    const parentKey = segments.at(-2) ?? '';
    if (EXAMPLE_KEYS.has(key) && !NAME_MAPS.has(parentKey)) {
      if (canonical(before) === canonical(after) || isCovered(segments)) return;
      const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
      /** @type {RawChange} */
      const change = {
        path: toPointer(segments),
        typeName: 'Example',
        kind,
        impact: 'patch',
        verdicts: [],
        ...(kind === 'modified' ? { property: key } : {}),
      };
      const b = side(base, before) ?? side(base, beforeParent);
      const r = side(revision, after) ?? side(revision, afterParent);
      if (before !== undefined && b) change.base = b;
      if (after !== undefined && r) change.revision = r;
      out.push(change);
      return;
    }
    if (
      before === null ||
      after === null ||
      typeof before !== 'object' ||
      typeof after !== 'object'
    ) {
      return;
    }
    if (canonical(before) === canonical(after)) return;
    const seen = visited.get(before) ?? new WeakSet();
    visited.set(before, seen);
    if (seen.has(after)) return;
    seen.add(after);
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of keys) {
      // Components count where they are used.
      if (segments.length === 0 && k === 'components') continue;
      const inBoth = k in before && k in after;
      if (inBoth || EXAMPLE_KEYS.has(k)) {
        walk(before[k], after[k], [...segments, k], before, after);
      }
    }
  };
  walk(base.document, revision.document, [], undefined, undefined);
  return out;
}
