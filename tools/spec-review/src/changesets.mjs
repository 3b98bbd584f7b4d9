// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { changedFiles } from './git.mjs';

/**
 * Reads the bumps a changeset file declares: `{ "@activeplatform/openapi": "major" }`.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseChangeset(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match) return {};
  const front = parse(match[1] ?? '') ?? {};
  return typeof front === 'object' ? /** @type {Record<string, string>} */ (front) : {};
}

/**
 * Changesets added (or changed) since `ref`, with their bumps.
 * @param {string} cwd
 * @param {string} ref
 */
export function changesetsSince(cwd, ref) {
  return changedFiles(cwd, ref, ['.changeset'])
    .filter((f) => f.endsWith('.md') && !f.endsWith('README.md'))
    .flatMap((file) => {
      try {
        return [{ file, bumps: parseChangeset(readFileSync(join(cwd, file), 'utf8')) }];
      } catch {
        return [];
      }
    });
}

/**
 * Published packages whose files changed since `ref` without a changeset naming them.
 * @param {string} cwd repository root
 * @param {string} ref
 * @param {Record<string, string>} packages folder → package name
 */
export function missingChangesets(cwd, ref, packages) {
  const changed = changedFiles(cwd, ref, Object.keys(packages));
  const declared = new Set(changesetsSince(cwd, ref).flatMap((c) => Object.keys(c.bumps)));
  return Object.entries(packages)
    .filter(([folder]) => changed.some((f) => f === folder || f.startsWith(`${folder}/`)))
    .map(([, name]) => name)
    .filter((name) => !declared.has(name));
}
