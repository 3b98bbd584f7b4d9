// Compiles the request and response validators of the bundled spec into dist/ (Ajv
// standalone code), so that the mock never compiles a schema when it starts: one module
// for every runtime, and the same split by path for Node.js.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeSplit } from '@proseapi/mock-engine/compile';
import { compileBundle } from '../dist/codegen.js';

const require = createRequire(import.meta.url);
const specPath = require.resolve('@activeplatform/openapi/openapi.json');
const doc = JSON.parse(readFileSync(specPath, 'utf8'));
const partsDir = 'precompiled-parts';
const { cjs, esm, count, split } = compileBundle(doc, partsDir);
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
writeSplit(dist, 'precompiled', split, partsDir);
writeFileSync(new URL('../dist/precompiled.cjs', import.meta.url), cjs);
writeFileSync(new URL('../dist/precompiled.js', import.meta.url), esm);
console.log(`precompiled ${count} validators (${split.parts.size} parts by path) from ${specPath}`);
