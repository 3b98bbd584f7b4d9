import { readFileSync } from 'node:fs';
import bundle from '@proseapi/csa-openapi/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain ES module without types
import { schemasModule } from '../scripts/schemas-module.mjs';

describe('the schemas the client reads XML with', () => {
  it('are those of the current description (pnpm --filter @proseapi/csa-client generate)', () => {
    const committed = readFileSync(new URL('./schemas.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe((schemasModule as (doc: unknown) => string)(bundle));
  });
});
