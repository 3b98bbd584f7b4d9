import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operations, responseExample } from './spec.js';

/** The token the local API accepts; the same value as the mock's `DEMO_TOKEN`. */
export const DEMO_TOKEN = 'vY5fwetestK3gJXZH5uHCw';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Api-Token, Content-Type, Accept',
  'Access-Control-Expose-Headers': 'X-Request-Id',
};

/**
 * A small stand-in for the mock server with the same shape as `startMockServer()`: it answers
 * getClosingDocument with the spec's example, 401 without the demo token, CORS everywhere.
 */
export async function startLocalApi(): Promise<{ url: string; close(): Promise<void> }> {
  const op = operations().find((o) => o.operationId === 'getClosingDocument');
  if (!op) throw new Error('getClosingDocument is not in the bundle');
  const example = responseExample(op, '200');
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const headers = {
      ...CORS,
      'Content-Type': 'application/vnd.api+json',
      'X-Request-Id': 'local-1',
    };
    if (req.headers['x-api-token'] !== DEMO_TOKEN) {
      res.writeHead(401, headers);
      res.end(
        JSON.stringify({ errors: [{ title: 'Invalid or missing API token', status: '401' }] }),
      );
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (
      req.method === 'GET' &&
      url.pathname === '/api/v3/resellers/1/accounts/505/external_invoices' &&
      url.searchParams.get('filter[key]')
    ) {
      res.writeHead(200, headers).end(JSON.stringify(example));
      return;
    }
    res.writeHead(404, headers);
    res.end(JSON.stringify({ errors: [{ title: 'Not found', status: '404' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
