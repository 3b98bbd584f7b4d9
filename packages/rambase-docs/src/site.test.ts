/**
 * The RamBase docs site: the checks every docs site runs (the description and its samples,
 * the page in Chromium), and what this API's samples must show: a bearer token on every call
 * but the token endpoint, which takes a form, and `$expand` on the reads.
 */
import { fileURLToPath } from 'node:url';
import {
  builtSite,
  curlOf,
  curlRequest,
  describeDocsSite,
  operationById,
  operationName,
  sampleMock,
  sampleOf,
} from '@proseapi/docs-site/testing';
import { describe, expect, it } from 'vitest';

const site = await builtSite(fileURLToPath(new URL('..', import.meta.url)));

describe('the RamBase curl samples', () => {
  it('send the bearer token, and ask for JSON by the Accept header alone', () => {
    for (const entry of site.operations.filter((e) => e.path !== '/oauth2/access_token')) {
      const curl = curlOf(site, operationName(entry));
      expect(curl.headers.authorization).toBe('Bearer $RAMBASE_TOKEN');
      expect(curl.headers.accept).toBe('application/json');
      expect(new URL(curl.url).searchParams.has('$format')).toBe(false);
    }
    const get = curlOf(site, 'getSupplierInvoiceNotification');
    expect(new URL(get.url).searchParams.get('$expand')).toContain('CreatedBy.Name');
  });

  it('ask the token endpoint for a token with a form and no token', () => {
    const curl = curlOf(site, 'createAccessToken');
    expect(curl.headers.authorization).toBeUndefined();
    expect(curl.form.map(([name]) => name)).toContain('grant_type');
  });
});

describe('the run of the samples against the mock', () => {
  it('is refused a read without a token it issued, or in a format the description does not know', async () => {
    const { send, env } = await sampleMock(site);
    expect(env.RAMBASE_TOKEN).toMatch(/\S/);
    const sample = sampleOf(operationById(site, 'getSupplierInvoiceNotification'), 'curl');
    const status = async (command: string) => (await send(curlRequest(command, env))).status;
    expect(await status(sample)).toBe(200);
    expect(
      await status(sample.replace('  -H "Authorization: Bearer $RAMBASE_TOKEN" \\\n', '')),
    ).toBe(401);
    expect((await send(curlRequest(sample, { RAMBASE_TOKEN: 'not-issued' }))).status).toBe(401);
    expect(await status(sample.replace('?$expand=', '?$format=yaml&$expand='))).toBe(400);
  });
});

describeDocsSite(site);
