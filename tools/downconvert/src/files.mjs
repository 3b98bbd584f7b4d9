// @ts-check
/** Reading a bundle and writing its 3.0 variant beside it. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { downconvert } from './document.mjs';

/** @typedef {import('./schema.mjs').Loss} Loss */

/**
 * Where the 3.0 variant of a bundle goes: `openapi.json` → `openapi.3.0.json`, `openapi.3.0.yaml`.
 * @param {string} bundle
 */
export function variantPaths(bundle) {
  const stem = basename(bundle, extname(bundle));
  const dir = dirname(bundle);
  return { json: join(dir, `${stem}.3.0.json`), yaml: join(dir, `${stem}.3.0.yaml`) };
}

/**
 * Converts a bundle (JSON or YAML) and writes both 3.0 files beside it.
 * @param {string} bundle
 * @returns {{ json: string, yaml: string, losses: Loss[] }}
 */
export function writeVariant(bundle) {
  const text = readFileSync(bundle, 'utf8');
  const input = extname(bundle) === '.json' ? JSON.parse(text) : parse(text);
  const { document, losses } = downconvert(input);
  const paths = variantPaths(bundle);
  writeFileSync(paths.json, `${JSON.stringify(document, null, 2)}\n`);
  writeFileSync(paths.yaml, stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }));
  return { ...paths, losses };
}

/**
 * One line per kind of loss: effect, keyword, how many places, and the first place.
 * @param {Loss[]} losses
 */
export function summarizeLosses(losses) {
  /** @type {Map<string, Loss[]>} */
  const groups = new Map();
  for (const loss of losses) {
    const key = `${loss.effect} ${loss.keyword}`;
    groups.set(key, [...(groups.get(key) ?? []), loss]);
  }
  return [...groups.values()].map((group) => {
    const [first] = /** @type {[Loss, ...Loss[]]} */ (group);
    const places = `${group.length} place${group.length === 1 ? '' : 's'}`;
    return `${first.effect}: ${first.keyword} at ${places} (first ${first.pointer}): ${first.note}`;
  });
}
