// @ts-check
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from './exec.mjs';

/** Folders this process made; removed when it exits. */
const made = new Set();
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** @param {string} prefix */
function temporaryFolder(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** An empty description, the base of a spec that does not exist yet. */
export const EMPTY_SPEC = {
  openapi: '3.1.0',
  info: { title: 'none', version: '0.0.0' },
  paths: {},
};

/**
 * Bundles a multi-file description into one JSON file without linting it.
 * @param {string} entry root document
 * @returns {string} path of the bundle
 */
export function bundle(entry) {
  const dir = temporaryFolder('spec-bundle-');
  const out = join(dir, 'openapi.json');
  const config = join(dir, 'redocly.yaml');
  writeFileSync(config, 'rules: {}\n');
  const r = runBin('@redocly/cli', 'redocly', [
    'bundle',
    entry,
    '--config',
    config,
    '--output',
    out,
  ]);
  if (r.status !== 0 || !existsSync(out)) {
    throw new Error(`Could not bundle ${entry}:\n${r.stdout}${r.stderr}`);
  }
  return out;
}

/**
 * Writes a document to a temporary JSON file.
 * @param {unknown} doc
 */
export function writeTemp(doc) {
  const file = join(temporaryFolder('spec-doc-'), 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
