import { readFileSync } from 'node:fs';
import bundle from '@proseapi/rambase-openapi/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain ES module without types
import { describeModule } from '../scripts/describe.mjs';

describe('what the client knows of the description', () => {
  it('is current (pnpm --filter @proseapi/rambase-client build writes it)', () => {
    const committed = readFileSync(new URL('./description.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe((describeModule as (doc: unknown) => string)(bundle));
  });
});
