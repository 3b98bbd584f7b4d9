// @ts-check
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
 * Writes the files under `folder` at `ref` into a new temporary directory (one `git archive`).
 * @param {string} cwd repository
 * @param {string} ref
 * @param {string} folder e.g. "spec"
 * @returns {{ dir: string, found: boolean }}
 */
export function checkoutFolder(cwd, ref, folder) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-review-'));
  const archive = spawnSync('git', ['archive', '--format=tar', ref, '--', folder], {
    cwd,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (archive.status !== 0 || archive.stdout.length === 0) return { dir, found: false };
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) {
    throw new Error(`Could not unpack ${folder} at ${ref}: ${String(untar.stderr).trim()}`);
  }
  return { dir, found: true };
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
