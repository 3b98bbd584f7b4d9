// @ts-check
/**
 * Where the browser tests find Chromium. One answer for set-up and for every test: the
 * `CHROMIUM_PATH` variable when it is set (and nothing else then), else Debian's
 * `/usr/bin/chromium`, else the usual Chromium and Chrome names on `PATH`. A candidate counts
 * only when it runs and says it is Chromium or Chrome, so a snap stub or a stale symlink is
 * passed over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Names looked up on `PATH`, in order. */
export const CHROMIUM_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
];

/** The flags every headless launch uses on these machines. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** The Debian package set-up installs when it may. */
export const INSTALL_COMMAND = 'apt-get install -y --no-install-recommends chromium';

/**
 * @param {string} file
 * @returns {string | undefined} its `--version` line when it is a Chromium or Chrome
 */
export function probeChromium(file) {
  if (!existsSync(file)) return undefined;
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const line = r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
  return line && /chrom(e|ium)/i.test(line) ? line : undefined;
}

/**
 * The files to try, in order.
 * @param {NodeJS.ProcessEnv} env
 */
export function chromiumCandidates(env) {
  if (env.CHROMIUM_PATH) return [env.CHROMIUM_PATH];
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const onPath = CHROMIUM_NAMES.flatMap((name) => dirs.map((dir) => join(dir, name)));
  return [...new Set(['/usr/bin/chromium', ...onPath])];
}

/**
 * The first candidate that runs, with its version line.
 * @param {{ env?: NodeJS.ProcessEnv, probe?: (file: string) => string | undefined }} [options]
 * @returns {{ path: string, version: string } | undefined}
 */
export function findChromium(options = {}) {
  const { env = process.env, probe = probeChromium } = options;
  for (const path of chromiumCandidates(env)) {
    const version = probe(path);
    if (version) return { path, version };
  }
  return undefined;
}

/**
 * What to tell someone whose machine has no usable Chromium.
 * @param {NodeJS.ProcessEnv} env
 */
export function missingChromiumMessage(env) {
  if (env.CHROMIUM_PATH) {
    return (
      `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which is not a runnable Chromium or Chrome ` +
      '(it must answer `--version`). Point it at one, or unset it to use the system Chromium.'
    );
  }
  return (
    'No Chromium found: looked for /usr/bin/chromium and for ' +
    `${CHROMIUM_NAMES.join(', ')} on PATH. The browser tests need one. Install Debian's with ` +
    `\`sudo apt-get update && sudo ${INSTALL_COMMAND}\`, or set CHROMIUM_PATH to a Chromium or ` +
    'Chrome binary, then run `npm run setup` again.'
  );
}

/**
 * The path the tests launch, or an error that says how to get one.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function requireChromium(env = process.env) {
  const found = findChromium({ env });
  if (!found) throw new Error(missingChromiumMessage(env));
  return found.path;
}
