#!/usr/bin/env node
// @ts-check
/**
 * Proves the release flow on the committed tree without touching it: `pnpm changeset status`
 * here, then `pnpm version-packages` in a scratch worktree of HEAD, which must consume every
 * pending changeset, bump the packages they name and write their changelogs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `\`${[command, ...args].join(' ')}\` failed in ${cwd}:\n${r.stdout}${r.stderr}`,
    );
  }
  return r.stdout;
}

/** @param {string} dir */
function pendingChangesets(dir) {
  return readdirSync(join(dir, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
}

/** @param {string} dir */
function versions(dir) {
  const listing = run('git', ['ls-files', '*package.json'], dir).split('\n').filter(Boolean);
  return Object.fromEntries(
    listing.map((file) => {
      const pkg = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      return [pkg.name, { version: pkg.version, dir: join(dir, file, '..') }];
    }),
  );
}

run('pnpm', ['changeset', 'status'], root);
console.log('changeset status: every pending changeset reads');

const scratch = join(mkdtempSync(join(tmpdir(), 'release-')), 'repo');
run('git', ['worktree', 'add', '--detach', scratch, 'HEAD'], root);
try {
  for (const folder of ['.', 'tools/spec-review']) {
    const modules = join(root, folder, 'node_modules');
    if (existsSync(modules)) symlinkSync(modules, join(scratch, folder, 'node_modules'));
  }
  const pending = pendingChangesets(scratch);
  const before = versions(scratch);
  run('pnpm', ['run', 'version-packages'], scratch);
  const after = versions(scratch);
  const left = pendingChangesets(scratch);
  if (left.length > 0) throw new Error(`changeset version left ${left.join(', ')} unconsumed`);
  const bumped = Object.keys(after).filter((name) => after[name].version !== before[name]?.version);
  for (const name of bumped) {
    const log = join(after[name].dir, 'CHANGELOG.md');
    if (!existsSync(log) || !readFileSync(log, 'utf8').includes(after[name].version)) {
      throw new Error(`${name} was bumped to ${after[name].version} without a changelog entry`);
    }
  }
  if (pending.length > 0 && bumped.length === 0) {
    throw new Error(`${pending.length} changesets were pending, yet no package was bumped`);
  }
  console.log(
    `dry release: ${pending.length} changesets → ${bumped
      .map((name) => `${name} ${before[name]?.version} → ${after[name].version}`)
      .join(', ')}`,
  );
} finally {
  run('git', ['worktree', 'remove', '--force', scratch], root);
}
