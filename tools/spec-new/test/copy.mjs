// @ts-check
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../cli.mjs', import.meta.url));
const toolDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * A temporary copy of what scaffolding touches: the description's sources, its reference data,
 * the house rules (provenance rules switched on) and an empty .changeset folder.
 */
export function copyRepository() {
  const root = mkdtempSync(join(tmpdir(), 'spec-new-'));
  const api = join(root, 'spec/activeplatform');
  for (const part of ['openapi.yaml', 'package.json', 'scaffold.yaml', 'resources', 'shared']) {
    cpSync(join(repo, 'spec/activeplatform', part), join(api, part), { recursive: true });
  }
  cpSync(
    join(repo, 'tools/reference/activeplatform'),
    join(root, 'tools/reference/activeplatform'),
    {
      recursive: true,
    },
  );
  for (const plugin of ['index.js', 'provenance.js', 'files.js']) {
    cpSync(join(repo, 'tools/redocly-plugin', plugin), join(root, 'tools/redocly-plugin', plugin));
  }
  const rules = readFileSync(join(repo, 'redocly.yaml'), 'utf8').replace(
    /^( {2}provenance\/[a-z-]+): off$/gm,
    '$1: error',
  );
  writeFileSync(join(root, 'redocly.yaml'), rules);
  mkdirSync(join(root, '.changeset'));
  return { root, api };
}

/**
 * Runs `spec-new` on a copy.
 * @param {string} root
 * @param {string[]} args
 */
export function specNew(root, args) {
  const r = spawnSync(process.execPath, [cli, ...args, '--root', root], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * @typedef {{ ruleId: string, message: string, location: Array<{ pointer: string, source: { ref: string } }> }} Problem
 */

/**
 * The house rules' problems on a copy, each as `rule file pointer`, files relative to the
 * description's folder.
 * @param {string} root
 * @returns {string[]}
 */
export function lint(root) {
  const r = spawnSync(
    'pnpm',
    [
      'exec',
      'redocly',
      'lint',
      join(root, 'spec/activeplatform/openapi.yaml'),
      '--config',
      join(root, 'redocly.yaml'),
      '--format=json',
      '--max-problems=100000',
    ],
    { cwd: toolDir, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  );
  const start = r.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly lint printed no report:\n${r.stdout}\n${r.stderr}`);
  /** @type {Problem[]} */
  const problems = JSON.parse(r.stdout.slice(start)).problems;
  return problems.map((p) => {
    const loc = p.location[0];
    const file = loc?.source.ref.replace(/^.*spec\/activeplatform\//, '');
    return `${p.ruleId} ${file} ${loc?.pointer}`;
  });
}
