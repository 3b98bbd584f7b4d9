// @ts-check
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
 * Takes a path item out of a copy: its registration in the root, its file, and the example
 * files of the operations it holds; shared parameters and models stay.
 * @param {string} api the copy's description folder
 * @param {string} path e.g. /api/v3/resellers/{reseller_id}/notes
 * @param {string} file e.g. resources/notes/notes.yaml
 * @param {string[]} operationIds
 */
export function removePathItem(api, path, file, operationIds) {
  const rootFile = join(api, 'openapi.yaml');
  const registration = `  ${path}:\n    $ref: ${file}\n`;
  const text = readFileSync(rootFile, 'utf8');
  if (!text.includes(registration)) throw new Error(`${path} is not registered as ${file}`);
  writeFileSync(rootFile, text.replace(registration, ''));
  rmSync(join(api, file));
  const examples = join(api, file, '../examples');
  for (const f of readdirSync(examples)) {
    if (operationIds.some((id) => f.startsWith(`${id}-`))) rmSync(join(examples, f));
  }
}

/**
 * Edits a copy's reference data: `operations` and `extras` (the documented endpoints beyond
 * the coverage list) are replaced by what `edit` returns.
 * @param {string} root
 * @param {(data: { operations: any[], extras: any[] }) => { operations: any[], extras: any[] }} edit
 */
export function editReference(root, edit) {
  const dir = join(root, 'tools/reference/activeplatform');
  const operations = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8'));
  const conventions = JSON.parse(readFileSync(join(dir, 'conventions.json'), 'utf8'));
  const edited = edit({
    operations,
    extras: conventions.extra_v3_endpoints_not_in_endpoints_tsv,
  });
  conventions.extra_v3_endpoints_not_in_endpoints_tsv = edited.extras;
  writeFileSync(join(dir, 'operations.json'), JSON.stringify(edited.operations));
  writeFileSync(join(dir, 'conventions.json'), JSON.stringify(conventions));
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
