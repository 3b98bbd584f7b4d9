// Benchmarks the validating proxy: the latency it adds to a call on loopback. A bare node:http
// server (its own process) answers a documented read with the description's example; the proxy
// (`activeplatform-mock --proxy`, its own process) stands in front of it; a last row forwards
// the same way with no checking, to show what the checking adds. Sequential calls with a
// kept-alive connection, direct and through the proxy, in alternating rounds; the table shows
// the median (p50) and p90 of each, and what the proxy adds at p50.
//
//   node bench/proxy.mjs   (after `pnpm build`; also part of `pnpm bench` in packages/mock)
//   BENCH_CALLS=2000 node bench/proxy.mjs
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const ROUNDS = 5;
const HOST = '127.0.0.1';
const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const spec = JSON.parse(readFileSync(require.resolve('@activeplatform/openapi/openapi.json')));
const body = JSON.stringify(spec.components.examples['getClosingDocument-200'].value);
const KEY = '0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4';
const PATH = `/api/v3/resellers/1/accounts/505/external_invoices?filter[key]=${KEY}`;
const TOKEN = 'vY5fwetestK3gJXZH5uHCw';

/** Starts a child process and resolves with the URL it prints. */
function start(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found) resolve({ url: found[1], child });
    });
  });
}

async function stop({ child }) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
/** One GET; resolves with its duration in milliseconds. */
function call(origin) {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${PATH}`,
      { agent, headers: { 'x-api-token': TOKEN, accept: 'application/vnd.api+json' } },
      (res) => {
        let size = 0;
        res.on('data', (chunk) => {
          size += chunk.length;
        });
        res.on('end', () => {
          if (res.statusCode !== 200 || size !== Buffer.byteLength(body)) {
            reject(new Error(`${origin}: ${res.statusCode}, ${size} bytes`));
          } else resolve(performance.now() - began);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)];
};

const api = await start([
  '-e',
  `const body = Buffer.from(${JSON.stringify(body)});
   const server = require('node:http').createServer((req, res) => {
     req.resume();
     req.on('end', () => { res.writeHead(200, { 'content-type': 'application/vnd.api+json', 'content-length': body.length }); res.end(body); });
   });
   server.listen(0, '${HOST}', () => console.log('http://${HOST}:' + server.address().port));`,
]);
const record = join(tmpdir(), `proxy-bench-${process.pid}.json`);
const proxies = {
  'through the proxy': await start([cli, '--proxy', api.url, '--port', '0']),
  'through the proxy, --record': await start([
    cli,
    '--proxy',
    api.url,
    '--port',
    '0',
    '--record',
    record,
  ]),
};
// The same forwarding with no checking (the engine's proxy alone): what the checking adds.
proxies['forwarding only, no checking'] = await start([
  '--input-type=module',
  '-e',
  `import { startProxy } from ${JSON.stringify(import.meta.resolve('@proseapi/mock-engine/proxy'))};
   const server = await startProxy({ target: '${api.url}', port: 0 });
   console.log(server.url);`,
]);
const targets = { direct: api, ...proxies };
const times = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
try {
  for (const { url } of Object.values(targets)) for (let i = 0; i < 100; i++) await call(url);
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.entries(targets);
    for (const [name, { url }] of round % 2 ? order.reverse() : order) {
      for (let i = 0; i < CALLS / ROUNDS; i++) times[name].push(await call(url));
    }
  }
} finally {
  agent.destroy();
  for (const server of [...Object.values(proxies), api]) await stop(server);
}
const recorded = JSON.parse(readFileSync(record, 'utf8'));
rmSync(record);
if (recorded.findings.length > 0) throw new Error('the proxy found mismatches in valid answers');

const ms = (value) => `${value.toFixed(3)} ms`;
const p50 = quantile(times.direct, 0.5);
console.log(`
Node ${process.version}, ${CALLS} sequential calls per row (kept-alive connection), ${ROUNDS} alternating rounds.
Answer: ${Buffer.byteLength(body)} bytes; the proxy checked ${recorded.exchanges} of them (--record), no mismatch.

| per call, loopback | p50 | p90 | added at p50 |
| --- | ---: | ---: | ---: |
${Object.keys(targets)
  .map((name) => {
    const mid = quantile(times[name], 0.5);
    return `| ${name} | ${ms(mid)} | ${ms(quantile(times[name], 0.9))} | ${name === 'direct' ? '—' : ms(mid - p50)} |`;
  })
  .join('\n')}

Goal: the proxy adds at most 2 ms at p50.
`);
