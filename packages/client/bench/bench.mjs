// Benchmarks the client against bare openapi-fetch (in-process, injected fetch) and against raw
// fetch and axios over loopback (a node:http server on 127.0.0.1). Run after `pnpm build`:
// `pnpm --filter @activeplatform/client bench`. Prints a markdown table. Takes about 25 seconds.
// How tasks are timed: see measure.mjs.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import axios from 'axios';
import createOpenApiClient from 'openapi-fetch';
import { createClient } from '../dist/index.js';
import { measure, task as measureTask, options, ROUNDS } from './measure.mjs';

const TOKEN = 'vY5fwetestK3gJXZH5uHCw';
const MEDIA = 'application/vnd.api+json';
const PATH = '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices';
const KEY = '0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4';
const params = { path: { reseller_id: 1, account_id: 505 }, query: { filter: { key: KEY } } };
const headers = { 'X-Api-Token': TOKEN, Accept: MEDIA, 'Content-Type': MEDIA };

const spec = JSON.parse(
  readFileSync(
    new URL('../node_modules/@activeplatform/openapi/dist/openapi.json', import.meta.url),
  ),
);
const body = JSON.stringify(spec.components.examples['getClosingDocument-200'].value);

/** Throws unless the call answered the closing document asked for. */
const check = (name, { data }) => {
  if (data?.data?.attributes?.key !== KEY) throw new Error(`${name}: unexpected answer`);
};
const task = (name, call, batch) => measureTask(name, call, batch, { check });

// In-process: both clients get the same injected fetch, which answers at once.
const injected = async () =>
  new Response(body, { status: 200, headers: { 'Content-Type': MEDIA } });
const baseUrl = 'https://test.activeplatform.com';
const bare = createOpenApiClient({ baseUrl, fetch: injected, headers });
const ours = createClient({ baseUrl, token: TOKEN, fetch: injected });
const oursNoTimeout = createClient({
  baseUrl,
  token: TOKEN,
  fetch: injected,
  timeoutMs: Number.POSITIVE_INFINITY,
});
const inProcess = await measure([
  task('bare', () => bare.GET(PATH, { params }), 50),
  task('ours', () => ours.GET(PATH, { params }), 50),
  task('ours-no-timeout', () => oursNoTimeout.GET(PATH, { params }), 50),
]);

// Loopback: a node:http server on 127.0.0.1 answers the same document.
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'Content-Type': MEDIA, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const url = `${origin}/api/v3/resellers/1/accounts/505/external_invoices?filter[key]=${KEY}`;
const overLoopback = createClient({ baseUrl: origin, token: TOKEN });
const overLoopbackNoTimeout = createClient({
  baseUrl: origin,
  token: TOKEN,
  timeoutMs: Number.POSITIVE_INFINITY,
});
const bareLoopback = createOpenApiClient({ baseUrl: origin, headers });
/** Raw fetch with the client's default timeout written by hand: a signal and a timer. */
const rawWithTimeout = async () => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const response = await fetch(url, { headers, signal: controller.signal });
    return { data: await response.json() };
  } finally {
    clearTimeout(timer);
  }
};
const loopback = await measure([
  task('raw', async () => ({ data: await (await fetch(url, { headers })).json() }), 10),
  task('raw-timeout', rawWithTimeout, 10),
  task('ours', () => overLoopback.GET(PATH, { params }), 10),
  task('ours-no-timeout', () => overLoopbackNoTimeout.GET(PATH, { params }), 10),
  task('bare', () => bareLoopback.GET(PATH, { params }), 10),
  task('axios', () => axios.get(url, { headers }), 10),
]);
server.closeAllConnections();
server.close();

const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const x = (a, b) => `${(a / b).toFixed(2)}×`;
const row = (label, r, base, goal) =>
  `| ${label} | ${us(r.wall)} | ${us(r.cpu)} | ${base ? x(r.wall, base.wall) : '1.00×'} | ${base ? x(r.cpu, base.cpu) : '1.00×'} | ${goal} |`;

const [bareR, oursR, offR] = ['bare', 'ours', 'ours-no-timeout'].map((n) => inProcess.get(n));
const [rawR, rawTimeoutR, loopR, loopOffR, bareLoopR, axiosR] = [
  'raw',
  'raw-timeout',
  'ours',
  'ours-no-timeout',
  'bare',
  'axios',
].map((n) => loopback.get(n));
console.log(`
Node ${process.version}, ${ROUNDS} rounds × ${options.time} ms per task; medians of per-call means.

| per call | wall | CPU | ratio (wall) | ratio (CPU) | against |
| --- | ---: | ---: | ---: | ---: | --- |
${row('openapi-fetch, injected fetch', bareR, undefined, 'baseline')}
${row('@activeplatform/client, injected fetch', oursR, bareR, 'bare openapi-fetch (goal ≤ 1.15×)')}
${row('@activeplatform/client, injected fetch, timeoutMs: Infinity', offR, bareR, 'bare openapi-fetch')}
${row('raw fetch, loopback', rawR, undefined, 'baseline')}
${row('@activeplatform/client, loopback', loopR, rawR, 'raw fetch (goal ≤ 1.05×)')}
${row('@activeplatform/client, loopback, timeoutMs: Infinity', loopOffR, rawR, 'raw fetch')}
${row('raw fetch with a 30 s timeout (signal + timer), loopback', rawTimeoutR, rawR, 'raw fetch')}
${row('@activeplatform/client, loopback', loopR, rawTimeoutR, 'raw fetch with the same timeout')}
${row('openapi-fetch, loopback', bareLoopR, rawR, 'raw fetch')}
${row('axios, loopback', axiosR, rawR, 'raw fetch')}
${row('@activeplatform/client, loopback', loopR, axiosR, 'axios (goal < 1×)')}
`);
