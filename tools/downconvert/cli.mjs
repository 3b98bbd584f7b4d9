#!/usr/bin/env node
// @ts-check
/**
 * openapi-downconvert <bundle> [--verbose]
 *
 * Writes the OpenAPI 3.0 variant of a bundled OpenAPI 3.1 description beside it
 * (`openapi.json` → `openapi.3.0.json` and `openapi.3.0.yaml`) and prints what the
 * conversion loses, grouped by construct (every place with --verbose).
 */
import { relative } from 'node:path';
import { summarizeLosses, writeVariant } from './src/index.mjs';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const [bundle] = args.filter((a) => a !== '--verbose');

if (!bundle) {
  process.stderr.write('usage: openapi-downconvert <bundle.json|bundle.yaml> [--verbose]\n');
  process.exitCode = 2;
} else {
  try {
    const { json, yaml, losses } = writeVariant(bundle);
    const lines = verbose
      ? losses.map((l) => `${l.effect}: ${l.pointer}: ${l.note}`)
      : summarizeLosses(losses);
    process.stdout.write(
      `${relative(process.cwd(), json)}, ${relative(process.cwd(), yaml)}: OpenAPI 3.0 variant written${lines.length ? `; lost in the conversion:\n  ${lines.join('\n  ')}` : ', nothing lost'}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `openapi-downconvert: ${bundle}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
