// @ts-check
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../cli.mjs', import.meta.url));

/** Repositories the tests made. */
const made = new Set();
/** Removes every repository the tests of this file made (call it from `afterAll`). */
export function removeRepositories() {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}

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
 * Runs the CLI in `cwd` without blocking, so that several runs can share the machine.
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<{ status: number | null, stdout: string, stderr: string }>}
 */
export function runCliAsync(args, cwd) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args, '--root', cwd], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/**
 * A throwaway git repository with the given files committed on `main`.
 * @param {Record<string, string>} files
 */
export function tempRepo(files) {
  const dir = mkdtempSync(join(tmpdir(), 'review-repo-'));
  made.add(dir);
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

const repository = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A copy of this repository as it is on disk (tracked and untracked files, uncommitted edits
 * included, ignored files left out), committed on `main` in a new git repository, with the
 * real node_modules and the built packages (`packages/<name>/dist`) linked in. Tests run the
 * repository's own commands and configuration there and edit it freely.
 * @returns {{ dir: string, git: (...args: string[]) => string }}
 */
export function repositoryCopy() {
  const listed = spawnSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], {
    cwd: repository,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(listed.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'repo-copy-'));
  made.add(dir);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(repository, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
  }
  const links = ['node_modules'];
  for (const group of ['spec', 'packages', 'tools']) {
    for (const name of readdirSync(join(repository, group))) {
      links.push(`${group}/${name}/node_modules`);
      if (group === 'packages') links.push(`${group}/${name}/dist`);
    }
  }
  for (const link of links) {
    if (existsSync(join(repository, link)) && existsSync(dirname(join(dir, link)))) {
      symlinkSync(join(repository, link), join(dir, link));
    }
  }
  const git = (/** @type {string[]} */ ...a) => {
    const r = spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main');
  // The links are no directories, so the repository's `node_modules/` and `dist/` miss them.
  writeFileSync(join(dir, '.git/info/exclude'), 'node_modules\ndist\n');
  git('config', 'user.email', 'review@example.invalid');
  git('config', 'user.name', 'Review');
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { dir, git };
}
