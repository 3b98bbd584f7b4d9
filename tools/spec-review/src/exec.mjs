// @ts-check
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));

/**
 * Path of a dependency's executable, from this package's own node_modules.
 * @param {string} pkg
 * @param {string} bin
 */
export function binOf(pkg, bin) {
  const dir = join(modules, pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin];
  return join(dir, rel);
}

/**
 * Runs a command and returns its output; never throws on a non-zero exit.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string> }} [options]
 */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1', ...options.env },
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * Runs a command without blocking, so that several can run side by side.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string> }} [options]
 * @returns {Promise<{ status: number, stdout: string, stderr: string }>}
 */
export function runAsync(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1', ...options.env },
    });
    /** @type {Buffer[]} */
    const out = [];
    /** @type {Buffer[]} */
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (error) => done({ status: 1, stdout: '', stderr: String(error) }));
    child.on('close', (code) =>
      done({
        status: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/**
 * Runs a Node executable from a dependency without blocking.
 * @param {string} pkg
 * @param {string} bin
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string> }} [options]
 */
export function runBinAsync(pkg, bin, args, options) {
  return runAsync(process.execPath, [binOf(pkg, bin), ...args], options);
}

/**
 * Runs a Node executable from a dependency.
 * @param {string} pkg
 * @param {string} bin
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string> }} [options]
 */
export function runBin(pkg, bin, args, options) {
  return run(process.execPath, [binOf(pkg, bin), ...args], options);
}
