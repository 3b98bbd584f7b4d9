#!/usr/bin/env node
// @ts-check
/**
 * Set-up's browser step: finds Chromium, or installs Debian's when this process may (root on
 * Debian or Ubuntu), or stops with one message that says what to run. A second run finds the
 * browser and changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findChromium, INSTALL_COMMAND, missingChromiumMessage } from './index.mjs';

/**
 * Whether `/etc/os-release` describes Debian or a derivative (Ubuntu included).
 * @param {string} osRelease the file's text
 */
export function isDebianLike(osRelease) {
  const ids = osRelease
    .split('\n')
    .filter((line) => /^(ID|ID_LIKE)=/.test(line))
    .flatMap((line) =>
      line
        .slice(line.indexOf('=') + 1)
        .replace(/"/g, '')
        .split(/\s+/),
    );
  return ids.some((id) => id === 'debian' || id === 'ubuntu');
}

/**
 * @typedef {{
 *   env: NodeJS.ProcessEnv,
 *   isRoot: boolean,
 *   osRelease: string,
 *   find: typeof findChromium,
 *   run: (command: string, args: string[], env: NodeJS.ProcessEnv) => number,
 *   log: (line: string) => void,
 * }} EnsureContext
 */

/**
 * @param {EnsureContext} ctx
 * @returns {{ ok: true, path: string, installed: boolean } | { ok: false, message: string }}
 */
export function ensureChromium(ctx) {
  const found = ctx.find({ env: ctx.env });
  if (found) return { ok: true, path: found.path, installed: false };
  if (ctx.env.CHROMIUM_PATH || !ctx.isRoot || !isDebianLike(ctx.osRelease)) {
    return { ok: false, message: missingChromiumMessage(ctx.env) };
  }
  ctx.log(`No Chromium found; installing Debian's: apt-get update && ${INSTALL_COMMAND}`);
  const [command = 'apt-get', ...args] = INSTALL_COMMAND.split(' ');
  const env = { ...ctx.env, DEBIAN_FRONTEND: 'noninteractive' };
  const updated = ctx.run('apt-get', ['update'], env);
  const status = updated === 0 ? ctx.run(command, args, env) : updated;
  const after = status === 0 ? ctx.find({ env: ctx.env }) : undefined;
  if (after) return { ok: true, path: after.path, installed: true };
  return {
    ok: false,
    message: `Installing Chromium with apt-get failed (exit ${status}). ${missingChromiumMessage(ctx.env)}`,
  };
}

function main() {
  /** @type {string} */
  let osRelease = '';
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    // Not Linux, or no os-release: never install, only look.
  }
  const result = ensureChromium({
    env: process.env,
    isRoot: process.getuid?.() === 0,
    osRelease,
    find: findChromium,
    run: (command, args, env) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1,
    log: (line) => console.log(line),
  });
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(`Chromium: ${result.path}${result.installed ? ' (installed now)' : ''}`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
