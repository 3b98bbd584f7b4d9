#!/usr/bin/env node
// @ts-check
/**
 * spec-new <METHOD> <path>: scaffolds a documented action as a new operation of a description.
 *
 * Options: --api DIR (the description's folder, default spec/activeplatform), --reference DIR
 * (its reference data, default tools/reference/<name of the API folder>), --section NAME (when
 * the reference data names none), --operation-id ID, --file NAME (the path item's file name),
 * --root DIR (the repository, default: the current directory's repository).
 */
import { spawnSync } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { defaultReferenceDir, ScaffoldError, scaffold } from './src/scaffold.mjs';

const args = process.argv.slice(2);
/** @param {string} name */
function option(name) {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

function repositoryRoot() {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : process.cwd();
}

const root = option('--root') ?? repositoryRoot();
const inRoot = (/** @type {string} */ dir) => (isAbsolute(dir) ? dir : join(root, dir));
const apiDir = inRoot(option('--api') ?? 'spec/activeplatform');
const referenceOption = option('--reference');
const referenceDir = referenceOption ? inRoot(referenceOption) : defaultReferenceDir(root, apiDir);
const section = option('--section');
const operationId = option('--operation-id');
const file = option('--file');
const [method, path, ...rest] = args;

if (!method || !path || rest.length > 0 || !/^[a-z]+$/i.test(method) || !path.startsWith('/')) {
  process.stderr.write(
    'usage: spec-new <METHOD> <path> [--api DIR] [--reference DIR] [--section NAME] [--operation-id ID] [--file NAME]\n' +
      'example: pnpm spec:new GET /api/v3/resellers/{reseller_id}/reseller_charges/{charge_id}\n',
  );
  process.exitCode = 2;
} else {
  try {
    const result = scaffold({
      apiDir,
      referenceDir,
      repoRoot: root,
      method,
      path,
      section,
      operationId,
      file,
    });
    process.stdout.write(
      `${result.operationId} (${result.section}) scaffolded in ${result.file}.\n\nWritten:\n` +
        result.written.map((f) => `  ${f}\n`).join('') +
        `\nBefore review:\n${result.notes.map((n) => `  - ${n}\n`).join('')}` +
        '  - Run `pnpm --filter <the description package> build` (lint, bundle, coverage).\n',
    );
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    process.stderr.write(`spec-new: ${error.message}\n`);
    process.exitCode = 1;
  }
}
