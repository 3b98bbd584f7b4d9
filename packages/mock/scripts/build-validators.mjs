// Compiles the request and response validators of the bundled spec into dist/ (Ajv
// standalone code), so that the mock never compiles a schema when it starts.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileBundle } from '../dist/codegen.js';

const require = createRequire(import.meta.url);
const specPath = require.resolve('@activeplatform/openapi/openapi.json');
const doc = JSON.parse(readFileSync(specPath, 'utf8'));
const { cjs, esm, count } = compileBundle(doc);
writeFileSync(new URL('../dist/precompiled.cjs', import.meta.url), cjs);
writeFileSync(new URL('../dist/precompiled.js', import.meta.url), esm);
console.log(`precompiled ${count} validators from ${specPath}`);
