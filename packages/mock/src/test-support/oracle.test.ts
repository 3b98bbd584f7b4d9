import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createOracle } from './oracle.js';

// The tests' judge must itself catch what it is there to catch.
const oracle = createOracle(bundle as unknown as Record<string, unknown>);
const path = '/api/v3/resellers/1/accounts/505/external_invoices/11';
const MT = 'application/vnd.api+json';

describe('oracle', () => {
  it('accepts a declared answer and refuses a wrong body, media type or status', () => {
    const error = JSON.stringify({ errors: [{ title: 'Resource not found', status: '404' }] });
    expect(
      oracle.check({ method: 'DELETE', path, status: 404, contentType: MT, body: error }),
    ).toEqual([]);
    expect(
      oracle.check({
        method: 'DELETE',
        path,
        status: 200,
        contentType: MT,
        body: JSON.stringify({ data: {} }),
      }),
    ).not.toEqual([]);
    expect(
      oracle.check({
        method: 'DELETE',
        path,
        status: 404,
        contentType: 'application/json',
        body: error,
      }),
    ).not.toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 418, contentType: MT, body: error }),
    ).not.toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 503, contentType: MT, body: error }),
    ).not.toEqual([]);
  });

  it('allows HTTP-level refusals in the error format only', () => {
    const error = JSON.stringify({ errors: [{ title: 'Too large', status: '413' }] });
    expect(
      oracle.check({ method: 'DELETE', path, status: 413, contentType: MT, body: error }),
    ).toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 413, contentType: MT, body: '{"oops":1}' }),
    ).not.toEqual([]);
    expect(
      oracle.check({ method: 'GET', path: '/nowhere', status: 200, contentType: MT, body: error }),
    ).not.toEqual([]);
    expect(oracle.template('/api/v3/resellers/1/accounts/2/external_invoices')).toBe(
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices',
    );
  });
});
