// @ts-check
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from './exec.mjs';

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
  const dir = mkdtempSync(join(tmpdir(), 'spec-bundle-'));
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
  const file = join(mkdtempSync(join(tmpdir(), 'spec-doc-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
