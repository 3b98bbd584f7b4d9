#!/usr/bin/env node
// @ts-check
/**
 * `npm run setup`: everything `pnpm test` needs, on a machine that has only Node.js and npm.
 * pnpm at the version package.json pins, a Chromium for the browser tests, the dependencies
 * from the lockfile, and a build. Each step is skipped or replayed from cache when it is
 * already done, so a second run is quick and changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { packageManager } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const pnpmVersion = String(packageManager).replace(/^pnpm@/, '');

/**
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nsetup stopped: \`${[command, ...args].join(' ')}\` failed.`);
    process.exit(r.status ?? 1);
  }
}

function installedPnpm() {
  const r = spawnSync('pnpm', ['--version'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** @type {[string, number][]} */
const timings = [];
/**
 * @param {string} name
 * @param {() => void} step
 */
function step(name, step) {
  const start = performance.now();
  console.log(`\n▶ ${name}`);
  step();
  timings.push([name, performance.now() - start]);
}

step(`pnpm ${pnpmVersion}`, () => {
  const have = installedPnpm();
  if (have === pnpmVersion) console.log(`pnpm ${have} is installed.`);
  else run('npm', ['install', '--global', `pnpm@${pnpmVersion}`]);
});
step('Chromium for the browser tests', () => run(process.execPath, ['tools/chromium/ensure.mjs']));
step('dependencies', () => run('pnpm', ['install', '--frozen-lockfile']));
step('build', () => run('pnpm', ['build']));

console.log('\nsetup done:');
for (const [name, ms] of timings) console.log(`  ${name.padEnd(32)} ${(ms / 1000).toFixed(1)} s`);
