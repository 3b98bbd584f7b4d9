// `pnpm --filter @proseapi/csa-client generate`: writes src/schemas.generated.ts from the bundle.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { schemasModule } from './schemas-module.mjs';

const require = createRequire(import.meta.url);
const doc = JSON.parse(readFileSync(require.resolve('@proseapi/csa-openapi/openapi.json'), 'utf8'));
writeFileSync(new URL('../src/schemas.generated.ts', import.meta.url), schemasModule(doc));
