// Benchmark: this mock against Prism (`prism mock`) and a bare node:http server, on
// the same bundled spec, side by side, with autocannon on loopback. Each server runs
// in its own process; every load run is a few seconds. Prints a markdown table.
//
//   pnpm bench            (at the root, or in packages/mock)
//   BENCH_SECONDS=5 pnpm bench
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  deref,
  exampleOf,
  formatQueryString,
  listOperations,
  loadBundle,
  queryPairs,
} from '@proseapi/openapi-model';
import autocannon from 'autocannon';

const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const HOST = '127.0.0.1';
const specPath = require.resolve('@activeplatform/openapi/openapi.json');
const spec = loadBundle(specPath);
const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const prism = require.resolve('@stoplight/prism-cli/dist/index.js');
const { DEMO_TOKEN } = await import('../dist/index.js');

// --- requests built from the spec's own examples -------------------------------------
const exampleOfParam = (param) =>
  exampleOf(spec, param, { schema: true }) ?? deref(spec, param.schema)?.default ?? 1;
function buildRequest(entry) {
  let url = entry.path;
  const pairs = [];
  for (const param of entry.parameters) {
    if (param.in === 'path') {
      url = url.replace(`{${param.name}}`, encodeURIComponent(exampleOfParam(param)));
    }
    if (param.in === 'query' && param.required) {
      const style = param.style ?? 'form';
      pairs.push(
        ...queryPairs(
          { name: param.name, style, explode: param.explode ?? style === 'form' },
          exampleOfParam(param),
        ),
      );
    }
  }
  const headers = { 'x-api-token': DEMO_TOKEN, accept: 'application/vnd.api+json' };
  let body;
  const requestBody = deref(spec, entry.operation.requestBody);
  if (requestBody) {
    const [mediaType, media] = Object.entries(requestBody.content)[0];
    body = JSON.stringify(exampleOf(spec, media));
    headers['content-type'] = mediaType;
  }
  const query = formatQueryString(pairs);
  return {
    name: `${entry.method.toUpperCase()} ${entry.path}`,
    operationId: entry.operation.operationId,
    path: `${url}${query ? `?${query}` : ''}`,
    method: entry.method.toUpperCase(),
    headers,
    body,
  };
}
const operations = listOperations(spec).filter((o) => o.method === 'get' || o.method === 'post');
const listLike = (o) => o.method === 'get' && !o.path.endsWith('}');
const getOp = operations.find(listLike) ?? operations.find((o) => o.method === 'get');
const postOp = operations.find((o) => o.method === 'post' && o.operation.requestBody);
const scenarios = [
  getOp && { label: 'list GET', ...buildRequest(getOp) },
  postOp && { label: 'validated POST', ...buildRequest(postOp) },
].filter(Boolean);

// --- processes ----------------------------------------------------------------------
const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitUntilServing(url, child, request, limitMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const answer = await fetch(`${url}${request?.path ?? '/'}`, {
        method: request?.method,
        headers: request?.headers,
        body: request?.body,
        signal: AbortSignal.timeout(500),
      });
      await answer.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  throw new Error(`${url} did not answer within ${limitMs} ms`);
}

const SERVERS = {
  'mock (stateless)': (port) => [
    process.execPath,
    [cli, '--port', String(port), '--host', HOST, '--mode', 'stateless'],
  ],
  'mock (stateful)': (port) => [
    process.execPath,
    [cli, '--port', String(port), '--host', HOST, '--mode', 'stateful'],
  ],
  Prism: (port) => [process.execPath, [prism, 'mock', '-p', String(port), '-h', HOST, specPath]],
  'Prism -v error': (port) => [
    process.execPath,
    [prism, 'mock', '-p', String(port), '-h', HOST, '-v', 'error', specPath],
  ],
  'bare node:http': (port, bodies) => [
    process.execPath,
    [
      '-e',
      `const bodies = ${JSON.stringify(bodies)};
       require('node:http').createServer((req, res) => {
         const body = Buffer.from(bodies[req.method] ?? '');
         req.on('data', () => {});
         req.on('end', () => { res.writeHead(200, { 'content-type': 'application/vnd.api+json', 'content-length': body.length }); res.end(body); });
       }).listen(${port}, '${HOST}');`,
    ],
  ],
};

const cpuPreload = fileURLToPath(new URL('./cpu-usage.cjs', import.meta.url));
const cpuDir = mkdtempSync(join(tmpdir(), 'mock-bench-'));
let cpuFiles = 0;

/**
 * Spawns a server; it is up when it has answered `request` (default: `GET /`). Every server
 * gets the same preload, which reports its CPU time when it stops (see `stop`).
 */
async function start(kind, arg, request) {
  const port = await freePort();
  const [command, args] = SERVERS[kind](port, arg);
  const cpuFile = join(cpuDir, `${cpuFiles++}.txt`);
  const began = performance.now();
  // Prism logs every request at its default level: its output is drained, not shown.
  const child = spawn(command, ['--require', cpuPreload, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SCARF_ANALYTICS: 'false', BENCH_CPU_FILE: cpuFile },
  });
  child.stdout.resume();
  const url = `http://${HOST}:${port}`;
  await waitUntilServing(url, child, request);
  return { url, child, cpuFile, startupMs: performance.now() - began };
}

/** Stops a server; returns the CPU time it used in all (ms), when it could tell. */
async function stop(server) {
  if (server.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  try {
    return Number(readFileSync(server.cpuFile, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

async function load(url, scenario, seconds, kind) {
  // A stateful mock starts every run from its seeded world (earlier POST runs add records).
  if (kind === 'mock (stateful)') await fetch(`${url}/__mock/reset`, { method: 'POST' });
  const result = await autocannon({
    url: `${url}${scenario.path}`,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

// --- run: every server stays up; rounds alternate between them so that a busy moment
// of the machine does not fall on one server only; the best round of each counts.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const probe = await start('mock (stateless)');
const bodies = {};
for (const scenario of scenarios) {
  const sample = await fetch(`${probe.url}${scenario.path}`, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
  });
  bodies[scenario.method] = await sample.text();
  scenario.status = sample.status;
}
await stop(probe);

const servers = {};
for (const kind of Object.keys(SERVERS)) servers[kind] = await start(kind, bodies);
const best = new Map();
try {
  for (const scenario of scenarios) {
    for (const kind of Object.keys(servers)) await load(servers[kind].url, scenario, 1, kind); // warm-up
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of scenarios) {
      for (const kind of Object.keys(servers)) {
        const result = await load(servers[kind].url, scenario, SECONDS, kind);
        const key = `${scenario.label}|${kind}`;
        const previous = best.get(key);
        if (!previous || result.rps > previous.rps) best.set(key, result);
      }
    }
  }
} finally {
  for (const server of Object.values(servers)) await stop(server);
}

// Start-up ends with the answer to the first scenario (a list GET of the description,
// checked and answered like any other), not with a 404 for a path no operation has.
// The bare server's start-up is the floor: a Node.js process that loads node:http and
// listens, on this machine at this moment.
const STARTED = ['mock (stateless)', 'mock (stateful)', 'Prism', 'bare node:http'];
const startups = Object.fromEntries(STARTED.map((kind) => [kind, []]));
// The CPU time of a start: stopped right after its first answer, a server has done little else.
const startCpu = Object.fromEntries(STARTED.map((kind) => [kind, []]));
for (let i = 0; i < STARTS; i++) {
  for (const kind of STARTED) {
    const server = await start(kind, bodies, scenarios[0]);
    startups[kind].push(server.startupMs);
    startCpu[kind].push(await stop(server));
  }
}
rmSync(cpuDir, { recursive: true, force: true });
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a, b) => (b > 0 ? `${fmt(a / b, 1)}×` : 'n/a');
const lines = [];
lines.push(
  `Benchmark: best of ${ROUNDS} rounds of ${SECONDS} s per server and scenario (after a 1 s warm-up), ${CONNECTIONS} connections, autocannon on ${HOST}; Node ${process.version}; spec "${spec.info?.title}" ${spec.info?.version}, ${Object.keys(spec.paths).length} paths.`,
);
lines.push('');
lines.push(
  '| scenario | server | req/s | p99 (ms) | failed | req/s vs Prism | p99 vs Prism | req/s vs Prism -v error | req/s vs bare node:http |',
);
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const scenario of scenarios) {
  const get = (kind) => best.get(`${scenario.label}|${kind}`);
  const prismDefault = get('Prism');
  const prismQuiet = get('Prism -v error');
  const bare = get('bare node:http');
  for (const kind of Object.keys(SERVERS)) {
    const r = get(kind);
    if (!r) continue;
    const isMock = kind.startsWith('mock');
    lines.push(
      `| ${scenario.label} \`${scenario.operationId ?? scenario.name}\` | ${kind} | ${fmt(r.rps)} | ${fmt(r.p99)} | ${r.bad} | ${isMock ? ratio(r.rps, prismDefault.rps) : ''} | ${isMock ? `${fmt(r.p99 / Math.max(prismDefault.p99, 1), 2)}×` : ''} | ${isMock ? ratio(r.rps, prismQuiet.rps) : ''} | ${isMock ? `${fmt((r.rps / bare.rps) * 100)} %` : ''} |`,
    );
  }
}
lines.push('');
const bareStart = median(startups['bare node:http']);
const prismStart = median(startups.Prism);
const bareCpu = median(startCpu['bare node:http']);
lines.push(
  `| start-up: spawn → first answer of \`${scenarios[0]?.operationId}\` (median of ${STARTS}) | ms | above bare node:http (ms) | vs Prism | CPU (ms) | CPU above bare node:http (ms) |`,
);
lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const kind of STARTED) {
  const ms = median(startups[kind]);
  const cpu = median(startCpu[kind]);
  const bare = kind === 'bare node:http';
  lines.push(
    `| ${kind} | ${fmt(ms)} | ${bare ? '' : fmt(ms - bareStart)} | ${kind === 'Prism' ? '' : `${fmt(ms / prismStart, 2)}×`} | ${fmt(cpu)} | ${bare ? '' : fmt(cpu - bareCpu)} |`,
  );
}
lines.push('');
lines.push(
  "Goals: mock ≥ 20× Prism's req/s on every row; list GETs ≥ 50 % and validated POSTs ≥ 40 % of bare node:http; start-up ≤ 200 ms. `Prism` is `prism mock <spec>` as shipped (it logs every request); `Prism -v error` logs errors only. The bare server's start-up is the floor of any Node.js server on this machine at this moment. CPU is the process's own user and system time to that answer, which other work on the machine barely moves.",
);
console.log(lines.join('\n'));
