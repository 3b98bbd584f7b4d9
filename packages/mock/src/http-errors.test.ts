import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { createOracle, send } from '@proseapi/mock-engine/testing';
import { describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN, MANAGERS } from './index.js';

// Each refusal has its status and comes in the API's own error format.
const oracle = createOracle(bundle as unknown as Record<string, unknown>);
const MT = 'application/vnd.api+json';
const DOCS = '/api/v3/resellers/1/accounts/505/external_invoices';
const document = {
  key: 'erp-77',
  type: 'invoice',
  name: 'Invoice 77',
  amount: { total: '77.00', currency: 'EUR' },
  start_date: '2024-10-01',
  end_date: '2024-10-31',
  file: 'data:application/pdf;base64,JVBERi0xLjQK',
};

const handler = createMockHandler({ mode: 'stateful', bodyLimit: 2048 });
const headers = { 'x-api-token': DEMO_TOKEN, 'content-type': MT };

async function expectError(
  init: Parameters<typeof send>[2],
  status: number,
  title?: string | RegExp,
) {
  const sent = await send(handler, oracle, init);
  expect(sent.status).toBe(status);
  expect(sent.problems).toEqual([]);
  const errors = (sent.json as { errors: { title: string; status: string }[] }).errors;
  expect(Array.isArray(errors)).toBe(true);
  expect(errors[0]?.status).toBe(String(status));
  if (typeof title === 'string') expect(errors[0]?.title).toBe(title);
  else if (title) expect(errors[0]?.title).toMatch(title);
  return sent;
}

describe('refusals', () => {
  it('400 for malformed JSON', async () => {
    await expectError(
      { method: 'POST', path: DOCS, headers, body: '{"key": "erp-77",' },
      400,
      'Malformed request body',
    );
  });

  it('400 for a missing or mistyped query parameter', async () => {
    await expectError(
      { method: 'GET', path: DOCS, headers },
      400,
      'param is missing or the value is empty: filter',
    );
    await expectError(
      { method: 'GET', path: DOCS, query: 'filter[colour]=red', headers },
      400,
      /filter/,
    );
  });

  it('401 without a token and with an unknown one', async () => {
    await expectError(
      { method: 'GET', path: DOCS, query: 'filter[key]=x' },
      401,
      'API token is missing',
    );
    await expectError(
      { method: 'GET', path: DOCS, query: 'filter[key]=x', headers: { 'x-api-token': '  ' } },
      401,
      'API token is missing',
    );
    await expectError(
      {
        method: 'GET',
        path: DOCS,
        query: 'filter[key]=x',
        headers: { 'x-api-token': 'vY5fwetestK3gJXZH5uHCx' },
      },
      401,
      'API token is invalid',
    );
  });

  it('403 for a reseller outside the token’s tree, 404 for an unknown reseller', async () => {
    const below = MANAGERS.find((m) => m.resellerId === 4)?.token as string;
    await expectError(
      { method: 'GET', path: DOCS, query: 'filter[key]=x', headers: { 'x-api-token': below } },
      403,
    );
    await expectError(
      {
        method: 'GET',
        path: '/api/v3/resellers/999/accounts/505/external_invoices',
        query: 'filter[key]=x',
        headers,
      },
      404,
    );
  });

  it('404 for an unknown id, an unknown account and an unknown path', async () => {
    await expectError(
      { method: 'DELETE', path: `${DOCS}/424242`, headers },
      404,
      'Resource not found',
    );
    await expectError(
      { method: 'DELETE', path: '/api/v3/resellers/1/accounts/777/external_invoices/11', headers },
      404,
    );
    await expectError({ method: 'GET', path: '/api/v3/nothing-here', headers }, 404);
    // A path parameter of the wrong type does not name any resource.
    await expectError({ method: 'DELETE', path: `${DOCS}/eleven`, headers }, 404);
  });

  it('405 with Allow for a method the path does not have', async () => {
    const sent = await expectError({ method: 'PUT', path: `${DOCS}/11`, headers, body: '{}' }, 405);
    expect(sent.headers.get('allow')).toBe('DELETE, PATCH');
  });

  it('413 for a body over the limit', async () => {
    const big = { ...document, file: `data:application/pdf;base64,${'A'.repeat(4096)}` };
    await expectError({ method: 'POST', path: DOCS, headers, body: JSON.stringify(big) }, 413);
  });

  it('415 for a body of another media type, or of none', async () => {
    await expectError(
      {
        method: 'POST',
        path: DOCS,
        headers: { 'x-api-token': DEMO_TOKEN, 'content-type': 'text/plain' },
        body: JSON.stringify(document),
      },
      415,
      /application\/vnd\.api\+json/,
    );
    // No Content-Type at all.
    await expectError(
      {
        method: 'POST',
        path: DOCS,
        headers: { 'x-api-token': DEMO_TOKEN },
        body: new Uint8Array(Buffer.from(JSON.stringify(document))),
      },
      415,
    );
  });

  it('accepts the media type with parameters', async () => {
    const sent = await send(handler, oracle, {
      method: 'POST',
      path: DOCS,
      headers: { 'x-api-token': DEMO_TOKEN, 'content-type': `${MT}; charset=utf-8` },
      body: JSON.stringify(document),
    });
    expect(sent.status).toBe(200);
  });

  it('422 for an invalid body, naming the member', async () => {
    await expectError(
      {
        method: 'POST',
        path: DOCS,
        headers,
        body: JSON.stringify({ ...document, type: 'receipt' }),
      },
      422,
      'param is invalid: type',
    );
    const { name: _name, ...withoutName } = document;
    await expectError(
      { method: 'POST', path: DOCS, headers, body: JSON.stringify(withoutName) },
      422,
      'param is missing or the value is empty: name',
    );
    await expectError(
      {
        method: 'POST',
        path: DOCS,
        headers,
        body: JSON.stringify({ ...document, amount: { total: 'twelve', currency: 'EUR' } }),
      },
      422,
      'param is invalid: amount.total',
    );
    await expectError({ method: 'POST', path: DOCS, headers }, 422, /param is missing/);
  });

  it('Prefer asks for a declared status or example; unknown ones are 404', async () => {
    await expectError(
      { method: 'DELETE', path: `${DOCS}/11`, headers: { ...headers, prefer: 'code=503' } },
      404,
      /no response with status 503/,
    );
    // Every operation declares 4XX: any 4xx status is one of its answers.
    const teapot = await send(handler, oracle, {
      method: 'DELETE',
      path: `${DOCS}/11`,
      headers: { ...headers, prefer: 'code=418' },
    });
    expect([teapot.status, teapot.problems]).toEqual([418, []]);
    await expectError(
      {
        method: 'PATCH',
        path: `${DOCS}/11`,
        headers: { ...headers, prefer: 'example=nothing' },
        body: JSON.stringify(document),
      },
      404,
      /no example named nothing/,
    );
    const sent = await send(handler, oracle, {
      method: 'PATCH',
      path: `${DOCS}/11`,
      headers: { ...headers, prefer: 'example=unsupportedCurrency' },
      body: JSON.stringify(document),
    });
    expect(sent.status).toBe(400);
    expect(sent.problems).toEqual([]);
  });

  it('answers HEAD like GET without a body, and CORS preflights', async () => {
    const head = await handler(
      new Request(`http://mock.test${DOCS}?filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4`, {
        method: 'HEAD',
        headers,
      }),
    );
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const preflight = await handler(
      new Request(`http://mock.test${DOCS}/11`, {
        method: 'OPTIONS',
        headers: {
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'x-api-token',
        },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('DELETE, PATCH');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-api-token');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
