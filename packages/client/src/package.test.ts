import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
type Entry = typeof import('./index.js');

describe('the built package, as ESM and as CommonJS', () => {
  let esm: Entry;
  let cjs: Entry;

  beforeAll(async () => {
    if (!existsSync(`${dist}index.js`) || !existsSync(`${dist}index.cjs`)) {
      throw new Error('dist/ is missing: run `pnpm --filter @activeplatform/client build` first');
    }
    esm = (await import(`${dist}index.js`)) as Entry;
    cjs = createRequire(import.meta.url)(`${dist}index.cjs`) as Entry;
  });

  it('both export the same names', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(esm).sort()).toEqual([
      'ActivePlatformError',
      'ActivePlatformLimitError',
      'ActivePlatformNetworkError',
      'ActivePlatformTimeoutError',
      'DATA_URI_TYPES',
      'createClient',
      'isActivePlatformError',
      'paginate',
      'pollAsyncTask',
      'serializeQuery',
      'toDataUri',
    ]);
  });

  it.each(['esm', 'cjs'] as const)('%s: a call goes out with the conventions', async (kind) => {
    const entry = kind === 'esm' ? esm : cjs;
    const seen: Request[] = [];
    const client = entry.createClient({
      baseUrl: 'https://test.activeplatform.com',
      token: 'vY5fwetestK3gJXZH5uHCw',
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(new Request(input, init));
        return new Response('{"data":null}', { status: 200 });
      }) as typeof fetch,
    });
    const { data } = await client.GET(
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices',
      { params: { path: { reseller_id: 1, account_id: 505 }, query: { filter: { key: 'k' } } } },
    );
    expect(data).toEqual({ data: null });
    expect(seen[0]?.url).toBe(
      'https://test.activeplatform.com/api/v3/resellers/1/accounts/505/external_invoices?filter[key]=k',
    );
    expect(seen[0]?.headers.get('x-api-token')).toBe('vY5fwetestK3gJXZH5uHCw');
  });

  it.each(['esm', 'cjs'] as const)(
    '%s: toDataUri reads a file path through node:fs',
    async (kind) => {
      const entry = kind === 'esm' ? esm : cjs;
      const uri = await entry.toDataUri(`${dist}index.js`, { mimeType: 'text/plain' });
      expect(uri.startsWith('data:text/plain;base64,')).toBe(true);
    },
  );
});
