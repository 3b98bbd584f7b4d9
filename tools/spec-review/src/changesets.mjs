// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import parseChangesetFile from '@changesets/parse';
import { changedFiles } from './git.mjs';

/**
 * Reads the bumps a changeset file declares, with the parser `changeset version` itself uses,
 * so a file this check accepts is one the release can read: `{ "@activeplatform/openapi": "major" }`.
 * Throws the parser's error (which quotes the file) when the front matter is malformed.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseChangeset(text) {
  const { releases } = parseChangesetFile(text);
  return Object.fromEntries(releases.map((r) => [r.name, r.type]));
}

/**
 * Changesets added (or changed) since `ref`: their bumps, or why they cannot be read.
 * @param {string} cwd
 * @param {string} ref
 * @returns {{ file: string, bumps: Record<string, string>, error?: string }[]}
 */
export function changesetsSince(cwd, ref) {
  return changedFiles(cwd, ref, ['.changeset'])
    .filter((f) => f.endsWith('.md') && !f.endsWith('README.md'))
    .map((file) => {
      try {
        return { file, bumps: parseChangeset(readFileSync(join(cwd, file), 'utf8')) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { file, bumps: {}, error: message.split('\n')[0] ?? message };
      }
    });
}

/**
 * What the changeset check finds since `ref`: published packages whose files changed without
 * a changeset naming them, and changeset files the release could not read.
 * @param {string} cwd repository root
 * @param {string} ref
 * @param {Record<string, string>} packages folder → package name
 */
export function checkChangesets(cwd, ref, packages) {
  const changed = changedFiles(cwd, ref, Object.keys(packages));
  const changesets = changesetsSince(cwd, ref);
  const declared = new Set(changesets.flatMap((c) => Object.keys(c.bumps)));
  const missing = Object.entries(packages)
    .filter(([folder]) => changed.some((f) => f === folder || f.startsWith(`${folder}/`)))
    .map(([, name]) => name)
    .filter((name) => !declared.has(name));
  const unreadable = changesets.flatMap((c) =>
    c.error === undefined ? [] : [{ file: c.file, error: c.error }],
  );
  return { missing, unreadable };
}
