// Compiles the request and response validators of the bundled spec into dist/ (Ajv
// standalone code), so that the mock never compiles a schema when it starts: one module
// for every runtime, and the same split by path for Node.js.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writePrecompiled } from '@proseapi/mock-engine/compile';
import { compileBundle } from '../dist/codegen.js';

const require = createRequire(import.meta.url);
const specPath = require.resolve('@activeplatform/openapi/openapi.json');
const doc = JSON.parse(readFileSync(specPath, 'utf8'));
const sources = compileBundle(doc, 'precompiled-parts');
writePrecompiled(fileURLToPath(new URL('../dist/', import.meta.url)), 'precompiled', sources);
console.log(
  `precompiled ${sources.count} validators (${sources.split?.parts.size} parts by path) from ${specPath}`,
);
