// Writes what the mock reads when it starts, so that it never compiles a schema then:
// - dist/description.json: the bundle without its texts and provenance marks
//   (`compactDocument`), the mock's default description, a third of the bundle's size;
// - the request and response validators compiled from it (Ajv standalone code): one module
//   for every runtime, and the same split by path for Node.js.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writePrecompiled } from '@proseapi/mock-engine/compile';
import { compactDocument } from '@proseapi/openapi-model';
import { compileBundle } from '../dist/codegen.js';

const require = createRequire(import.meta.url);
const specPath = require.resolve('@activeplatform/openapi/openapi.json');
const doc = compactDocument(JSON.parse(readFileSync(specPath, 'utf8')));
const out = fileURLToPath(new URL('../dist/', import.meta.url));
writeFileSync(`${out}description.json`, JSON.stringify(doc));
const sources = compileBundle(doc, 'precompiled-parts');
writePrecompiled(out, 'precompiled', sources);
console.log(
  `precompiled ${sources.count} validators (${sources.split?.parts.size} parts by path) from ${specPath}`,
);
