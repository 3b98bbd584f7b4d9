// Benchmarks the conformance recorder: per-call cost of the client with its fetch wrapped by
// `createRecorder` against the same client without it, in-process (the same injected fetch,
// which answers at once with a valid document). The recorder's checking is counted: each batch
// ends with `flush()`. Run after `pnpm build`: `node bench/recorder.mjs` (also part of
// `pnpm --filter @activeplatform/client bench`). Prints a markdown table.
import { readFileSync } from 'node:fs';
import { createClient } from '../dist/index.js';
import { createRecorder } from '../dist/recorder.js';
import { measure, options, ROUNDS, task } from './measure.mjs';

const TOKEN = 'vY5fwetestK3gJXZH5uHCw';
const MEDIA = 'application/vnd.api+json';
const PATH = '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices';
const KEY = '0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4';
const params = { path: { reseller_id: 1, account_id: 505 }, query: { filter: { key: KEY } } };
const spec = JSON.parse(
  readFileSync(
    new URL('../node_modules/@activeplatform/openapi/dist/openapi.json', import.meta.url),
  ),
);
const body = JSON.stringify(spec.components.examples['getClosingDocument-200'].value);
const check = (name, { data }) => {
  if (data?.data?.attributes?.key !== KEY) throw new Error(`${name}: unexpected answer`);
};

const injected = async () =>
  new Response(body, { status: 200, headers: { 'Content-Type': MEDIA } });
const baseUrl = 'https://test.activeplatform.com';
const recorder = createRecorder({ fetch: injected, baseUrl });
const plain = createClient({ baseUrl, token: TOKEN, fetch: injected });
const recorded = createClient({ baseUrl, token: TOKEN, fetch: recorder.fetch });

const results = await measure([
  task('plain', () => plain.GET(PATH, { params }), 50, { check }),
  task('recorded', () => recorded.GET(PATH, { params }), 50, {
    check,
    settle: () => recorder.flush(),
  }),
]);
const report = recorder.report();
if (report.exchanges === 0 || report.findings.length > 0) {
  throw new Error(`the recorder judged ${report.exchanges} exchanges and found mismatches`);
}

const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const [p, r] = ['plain', 'recorded'].map((n) => results.get(n));
console.log(`
Node ${process.version}, ${ROUNDS} rounds × ${options.time} ms per task; medians of per-call means.
${report.exchanges} exchanges judged, no mismatch.

| per call, injected fetch | wall | CPU | ratio (wall) | ratio (CPU) |
| --- | ---: | ---: | ---: | ---: |
| @activeplatform/client | ${us(p.wall)} | ${us(p.cpu)} | 1.00× | 1.00× |
| @activeplatform/client with the recorder | ${us(r.wall)} | ${us(r.cpu)} | ${(r.wall / p.wall).toFixed(2)}× | ${(r.cpu / p.cpu).toFixed(2)}× |

Goal: the recorder adds at most 20% per call (ratio ≤ 1.20×).
`);
