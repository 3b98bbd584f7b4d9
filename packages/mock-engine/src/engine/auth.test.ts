import { buildSpecModel } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { credentialReader } from './auth.js';

const ok = { responses: { '200': { description: 'ok' } } };
const model = buildSpecModel({
  openapi: '3.1.0',
  paths: {
    '/key': { get: { ...ok, security: [{ headerKey: [] }, { queryKey: [] }, { cookieKey: [] }] } },
    // HTTP Basic together with an identity in the query, or a bearer token.
    '/both': { get: { ...ok, security: [{ basic: [], user: [] }, { oauth: [] }] } },
    '/tls': { get: { ...ok, security: [{ tls: [] }] } },
    '/open': { get: ok },
  },
  components: {
    securitySchemes: {
      headerKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      cookieKey: { type: 'apiKey', in: 'cookie', name: 'session' },
      basic: { type: 'http', scheme: 'basic' },
      user: { type: 'apiKey', in: 'query', name: 'userIdentifier' },
      oauth: { type: 'oauth2', flows: {} },
      tls: { type: 'mutualTLS' },
    },
  },
});

function reader(path: string) {
  const op = model.paths.get(path)?.get('GET');
  if (!op) throw new Error(path);
  const read = credentialReader(op);
  return (headers: Record<string, string>, query: Record<string, string> = {}) =>
    read({ header: (name) => headers[name], query: (name) => query[name] });
}

describe('credentials', () => {
  it('reads an API key from a header, the query or a cookie', () => {
    const read = reader('/key');
    expect(read({ 'x-api-key': ' k1 ' })).toEqual({
      required: true,
      credentials: [{ scheme: 'headerKey', type: 'apiKey', value: 'k1' }],
    });
    expect(read({}, { api_key: 'k2' }).credentials).toEqual([
      { scheme: 'queryKey', type: 'apiKey', value: 'k2' },
    ]);
    expect(read({ cookie: 'a=1; session=k3' }).credentials).toEqual([
      { scheme: 'cookieKey', type: 'apiKey', value: 'k3' },
    ]);
    expect(read({ 'x-api-key': '  ' })).toEqual({ required: true, credentials: undefined });
  });

  it('takes HTTP Basic with a query identity, or a bearer token instead', () => {
    const read = reader('/both');
    const basic = `Basic ${btoa('ann:s3cret:with:colons')}`;
    expect(read({ authorization: basic }, { userIdentifier: 'u-1' }).credentials).toEqual([
      { scheme: 'basic', type: 'basic', username: 'ann', password: 's3cret:with:colons' },
      { scheme: 'user', type: 'apiKey', value: 'u-1' },
    ]);
    // Basic without the identity satisfies no alternative.
    expect(read({ authorization: basic }).credentials).toBeUndefined();
    expect(
      read({ authorization: 'Basic not-base64!' }, { userIdentifier: 'u' }).credentials,
    ).toBeUndefined();
    expect(read({ authorization: 'Bearer abc.def' }).credentials).toEqual([
      { scheme: 'oauth', type: 'bearer', token: 'abc.def' },
    ]);
    expect(read({ authorization: 'Bearer' }).credentials).toBeUndefined();
  });

  it('asks nothing of operations without security, and nothing a request carries for mutual TLS', () => {
    expect(reader('/open')({})).toEqual({ required: false, credentials: [] });
    expect(reader('/tls')({})).toEqual({ required: true, credentials: [] });
  });
});
