// @ts-check
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli.mjs', import.meta.url));

/**
 * Runs the CLI; `bundle` is written to a temp file and passed with --bundle.
 * @param {string[]} args
 * @param {{ bundle?: unknown, cwd?: string }} [options]
 */
export function runCli(args, options = {}) {
  const extra = [];
  if (options.bundle) {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-bundle-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(options.bundle));
    extra.push('--bundle', file);
  }
  const cwd = options.cwd ?? process.cwd();
  const r = spawnSync(
    process.execPath,
    [cli, ...args, ...extra, ...(options.cwd ? ['--root', cwd] : [])],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A throwaway git repository with the given files committed on `main`.
 * @param {Record<string, string>} files
 */
export function tempRepo(files) {
  const dir = mkdtempSync(join(tmpdir(), 'review-repo-'));
  const git = (/** @type {string[]} */ ...a) => {
    const r = spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'review@example.invalid');
  git('config', 'user.name', 'Review');
  write(dir, files);
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { dir, git };
}

/**
 * @param {string} dir
 * @param {Record<string, string>} files
 */
export function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
