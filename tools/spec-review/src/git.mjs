// @ts-check
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec.mjs';

/**
 * @param {string[]} args
 * @param {string} cwd
 */
export function git(args, cwd) {
  const r = run('git', args, { cwd });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * The first of the candidate refs that exists.
 * @param {string} cwd
 * @param {string[]} candidates
 */
export function firstExistingRef(cwd, candidates) {
  return candidates.find(
    (ref) =>
      run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd }).status === 0,
  );
}

/**
 * Writes the files under `folder` at `ref` into a new temporary directory.
 * @param {string} cwd repository
 * @param {string} ref
 * @param {string} folder e.g. "spec"
 * @returns {{ dir: string, found: boolean }}
 */
export function checkoutFolder(cwd, ref, folder) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-review-'));
  const listing = run('git', ['ls-tree', '-r', '--name-only', ref, '--', folder], { cwd });
  const files = listing.stdout.split('\n').filter(Boolean);
  for (const file of files) {
    const blob = run('git', ['show', `${ref}:${file}`], { cwd });
    const target = join(dir, file);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, blob.stdout);
  }
  return { dir, found: files.length > 0 };
}

/**
 * Files under `folder` that differ between `ref` and the working tree (committed or not),
 * plus untracked ones.
 * @param {string} cwd
 * @param {string} ref
 * @param {string[]} folders
 */
export function changedFiles(cwd, ref, folders) {
  const changed = git(['diff', '--name-only', ref, '--', ...folders], cwd).split('\n');
  const untracked = git(
    ['ls-files', '--others', '--exclude-standard', '--', ...folders],
    cwd,
  ).split('\n');
  return [...new Set([...changed, ...untracked].filter(Boolean))];
}
