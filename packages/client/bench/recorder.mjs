// Benchmarks the conformance recorder: per-call cost of the client with its fetch wrapped by
// `createRecorder` against the same client without it, in-process (the same injected fetch,
// which answers at once with a valid document). The recorder hands the client the very answer
// and judges what the client reads of it. The recorder's checking is counted: each batch
// ends with `flush()`. A second table does the same for a list of 100 accounts. Each table has
// a row for the recorder without the closed validators the build adds (every answer walked for
// undeclared members). Each task runs in processes of its own, so that no task's objects shape
// the code another one is measured with. Run after `pnpm build`: `node bench/recorder.mjs` (also part of
// `pnpm --filter @activeplatform/client bench`). Prints markdown tables.
import { readFileSync } from 'node:fs';
import { createClient } from '../dist/index.js';
import { createRecorder } from '../dist/recorder.js';
import { specHash, validators } from '../src/recorder/validators.generated.js';
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
// The same recorder without the closed validators the build adds: every answer is walked for
// members the description does not declare, as it was before they existed.
const withoutClosed = {
  specHash,
  validators: Object.fromEntries(Object.entries(validators).filter(([k]) => !k.startsWith('C '))),
};
const walking = createRecorder({ fetch: injected, baseUrl, spec, precompiled: withoutClosed });
const walked = createClient({ baseUrl, token: TOKEN, fetch: walking.fetch });
// A larger answer: a list of 100 accounts (the description's example account, repeated).
const LIST = '/api/v3/resellers/{reseller_id}/accounts';
const listParams = { path: { reseller_id: 1 } };
const listed = spec.components.examples['listAccounts-200'].value;
const listBody = JSON.stringify({
  ...listed,
  data: Array.from({ length: 100 }, () => listed.data[0]),
});
const checkList = (name, { data }) => {
  if (data?.data?.length !== 100) throw new Error(`${name}: unexpected answer`);
};
const listInjected = async () =>
  new Response(listBody, { status: 200, headers: { 'Content-Type': MEDIA } });
const listRecorder = createRecorder({ fetch: listInjected, baseUrl });
const listWalking = createRecorder({
  fetch: listInjected,
  baseUrl,
  spec,
  precompiled: withoutClosed,
});
const plainList = createClient({ baseUrl, token: TOKEN, fetch: listInjected });
const recordedList = createClient({ baseUrl, token: TOKEN, fetch: listRecorder.fetch });
const walkedList = createClient({ baseUrl, token: TOKEN, fetch: listWalking.fetch });
// What a recorder at the fetch layer would pay before any checking, two ways it does not take:
// a clone of each answer read on the side (what it still does for streams of events), or each
// answer read once and handed over rebuilt from its bytes (what it did with a document before
// it tapped the caller's own reads). Both stay as references.
const reads = new Set();
const cloning = async (input, init) => {
  const response = await injected(input, init);
  const read = response.clone().arrayBuffer();
  reads.add(read);
  read.finally(() => reads.delete(read));
  return response;
};
const cloned = createClient({ baseUrl, token: TOKEN, fetch: cloning });
const rebuilding = async (input, init) => {
  const response = await injected(input, init);
  const reader = response.body.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  return Object.defineProperties(
    new Response(bytes, { status: response.status, headers: response.headers }),
    { statusText: { value: response.statusText }, url: { value: response.url } },
  );
};
const rebuilt = createClient({ baseUrl, token: TOKEN, fetch: rebuilding });

const tasks = [
  task('plain', () => plain.GET(PATH, { params }), 50, { check }),
  task('cloned', () => cloned.GET(PATH, { params }), 50, {
    check,
    settle: () => Promise.all([...reads]),
  }),
  task('rebuilt', () => rebuilt.GET(PATH, { params }), 50, { check }),
  task('recorded', () => recorded.GET(PATH, { params }), 50, {
    check,
    settle: () => recorder.flush(),
  }),
  task('walked', () => walked.GET(PATH, { params }), 50, {
    check,
    settle: () => walking.flush(),
  }),
  task('plain list', () => plainList.GET(LIST, { params: listParams }), 5, { check: checkList }),
  task('recorded list', () => recordedList.GET(LIST, { params: listParams }), 5, {
    check: checkList,
    settle: () => listRecorder.flush(),
  }),
  task('walked list', () => walkedList.GET(LIST, { params: listParams }), 5, {
    check: checkList,
    settle: () => listWalking.flush(),
  }),
];
// Each task runs in processes of its own (see `measure`), and each recorder's report is checked
// where it ran: every exchange judged, and no mismatch.
const recorders = {
  recorded: recorder,
  walked: walking,
  'recorded list': listRecorder,
  'walked list': listWalking,
};
const results = await measure(tasks, {
  apart: true,
  after(name) {
    const { exchanges, findings } = recorders[name]?.report() ?? { exchanges: 0, findings: [] };
    if (name in recorders && (exchanges === 0 || findings.length > 0)) {
      throw new Error(`${name}: the recorder judged ${exchanges} exchanges and found mismatches`);
    }
    return exchanges;
  },
});
const judged = [...results.values()].reduce((sum, r) => sum + (r.counted ?? 0), 0);

const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const [p, c, b, r, w, pl, rl, wl] = [
  'plain',
  'cloned',
  'rebuilt',
  'recorded',
  'walked',
  'plain list',
  'recorded list',
  'walked list',
].map((n) => results.get(n));
const row = (label, x, base = p) =>
  `| ${label} | ${us(x.wall)} | ${us(x.cpu)} | ${(x.wall / base.wall).toFixed(2)}× | ${(x.cpu / base.cpu).toFixed(2)}× |`;
console.log(`
Node ${process.version}, ${ROUNDS} rounds × ${options.time} ms per task; medians of per-call means.
${judged} exchanges judged, no mismatch; each task ran in processes of its own.

| per call, injected fetch | wall | CPU | ratio (wall) | ratio (CPU) |
| --- | ---: | ---: | ---: | ---: |
${row('@activeplatform/client', p)}
${row('@activeplatform/client, each answer cloned and read (no checking; a reference)', c)}
${row('@activeplatform/client, each answer read once and rebuilt (no checking; a reference)', b)}
${row('@activeplatform/client with the recorder', r)}
${row('@activeplatform/client with the recorder, every answer walked (no closed validators)', w)}

| a list of 100 accounts (${(listBody.length / 1024).toFixed(0)} KiB) | wall | CPU | ratio (wall) | ratio (CPU) |
| --- | ---: | ---: | ---: | ---: |
${row('@activeplatform/client', pl, pl)}
${row('@activeplatform/client with the recorder', rl, pl)}
${row('@activeplatform/client with the recorder, every answer walked (no closed validators)', wl, pl)}

Goal: the recorder adds at most 20% per call (ratio ≤ 1.20×).
`);
