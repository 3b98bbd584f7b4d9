// Compiles the validators the conformance recorder judges with, from the bundled description
// (Ajv standalone code, with the mock's compiler), into src/recorder/validators.generated.js,
// which the build bundles into dist/recorder.*: the recorder never compiles a schema. Each
// answer's schema is also compiled closed to undeclared members (`closed`): an answer both
// validators take skips the walk that looks for such members.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { precompileValidators } from '@proseapi/mock-engine/compile';

const require = createRequire(import.meta.url);
const specPath = require.resolve('@activeplatform/openapi/openapi.json');
const { esm, count } = precompileValidators(JSON.parse(readFileSync(specPath, 'utf8')), {
  closed: true,
});
writeFileSync(new URL('../src/recorder/validators.generated.js', import.meta.url), esm);
console.log(`precompiled ${count} validators for the recorder from ${specPath}`);
