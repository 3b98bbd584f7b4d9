#!/usr/bin/env node
// @ts-check
/**
 * record-pairs --bundle FILE --mock MODULE --out FILE
 *
 * Records request/answer pairs for every operation of a bundled description from a mock
 * loaded in-process, and writes them as JSON ({ "pairs": [...] }). MODULE is the path of an
 * ES module exporting `createMockFetch({ spec, mode, acceptAnyToken })`, a fetch-compatible
 * function; when it also exports `DEMO_TOKEN`, that credential is sent, otherwise any
 * token is accepted. Credentials are recorded as `redacted`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { recordPairs } from './src/pairs.mjs';

const args = process.argv.slice(2);
/** @param {string} name */
const value = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const bundle = value('--bundle');
const mockPath = value('--mock');
const out = value('--out');

if (!bundle || !mockPath || !out) {
  process.stderr.write('usage: record-pairs --bundle FILE --mock MODULE --out FILE\n');
  process.exitCode = 2;
} else {
  try {
    const doc = JSON.parse(readFileSync(bundle, 'utf8'));
    const mock = await import(pathToFileURL(resolve(mockPath)).href);
    if (typeof mock.createMockFetch !== 'function') {
      throw new Error(`${mockPath} exports no createMockFetch`);
    }
    const token = typeof mock.DEMO_TOKEN === 'string' ? mock.DEMO_TOKEN : undefined;
    const pairs = await recordPairs({
      doc,
      credential: token ?? 'any-token',
      createFetch: (mode) =>
        mock.createMockFetch({ spec: doc, mode, ...(token ? {} : { acceptAnyToken: true }) }),
    });
    writeFileSync(out, `${JSON.stringify({ pairs }, null, 1)}\n`);
    process.stdout.write(`${pairs.length} pairs recorded in ${out}\n`);
  } catch (error) {
    process.stderr.write(
      `record-pairs: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
