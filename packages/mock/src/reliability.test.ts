// The mock's reliability figures, counted over real sockets and real child processes of
// the CLI. It tries
// - bad requests the app reads (random mutations of every operation's example request,
//   fast-check with a fixed seed): goal 0 answers outside the description and its error
//   format;
// - bad requests node:http reads first (broken request lines, headers, framing): goal an
//   answer in the API's format wherever the socket still takes one; the others are
//   counted apart;
// - acknowledged writes across SIGTERM, SIGKILL and a kill during a save: goal 0 lost;
// - canary secrets (tokens, the admin secret) in every place a caller sends one: goal 0
//   leaks in answers, output, state files and journals;
// - member names that reach prototypes, in every place a key comes from outside: goal 0
//   polluted;
// - crashes (uncaught exceptions, unhandled rejections, children that die): goal 0.
// Loops are bounded; the tallies are printed and written to test-output/reliability.json
// (not committed).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import type { RunningServer } from '@proseapi/mock-engine/server';
import { createOracle, exampleRequest } from '@proseapi/mock-engine/testing';
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN, startMockServer } from './index.js';

const spec = bundle as unknown as JsonObject;
const model = buildSpecModel(spec);
const oracle = createOracle(spec);
const MT = 'application/vnd.api+json';
const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const DOCS = '/api/v3/resellers/1/accounts/505/external_invoices';
const ADMIN_SECRET = 'adminCanary4f2b9e71Zq';
const CANARY_TOKEN = 'tokenCanary8d1c3a5fXw';
const scratch = mkdtempSync(join(tmpdir(), 'activeplatform-reliability-'));

const tally = {
  badInputs: { tried: 0, notInFormat: 0 },
  beforeTheApp: { tried: 0, inFormat: 0, answeredByNodeHttp: 0, closedWithoutAnswer: 0 },
  crashes: { uncaughtExceptions: 0, unhandledRejections: 0, childFailures: 0 },
  writes: {
    sigterm: { acknowledged: 0, lost: 0 },
    sigkill: { acknowledged: 0, lost: 0 },
    killDuringSave: { acknowledged: 0, lost: 0, timings: 0 },
    earlySigterm: { tried: 0, exitedWithoutSaving: 0 },
  },
  canary: { places: 0, checks: 0, leaks: 0 },
  prototypeKeys: { checked: 0, polluted: 0 },
};
const problems: string[] = [];
const note = (problem: string) => {
  if (problems.length < 50) problems.push(problem);
};

// ---------------------------------------------------------------- the server under test

let server: RunningServer;
let base = '';
const onUncaught = () => tally.crashes.uncaughtExceptions++;
const onUnhandled = () => tally.crashes.unhandledRejections++;

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  server = await startMockServer({
    port: 0,
    adminSecret: ADMIN_SECRET,
    bodyLimit: 256 * 1024,
    stateFile: join(scratch, 'in-process.json'),
    storeLimits: { total: 32 * 1024 * 1024, tenant: 8 * 1024 * 1024 },
  });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUnhandled);
  rmSync(scratch, { recursive: true, force: true });
});

/** Whether a body is the API's error document. */
function isErrorDocument(text: string): boolean {
  try {
    const value = JSON.parse(text) as { errors?: unknown };
    const list = Array.isArray(value.errors) ? value.errors : [value.errors];
    return (
      list.length > 0 &&
      list.every(
        (e) =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as { title?: unknown }).title === 'string' &&
          typeof (e as { status?: unknown }).status === 'string',
      )
    );
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- prototypes

const PROTOTYPES: object[] = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
];
const protoSnapshot = () =>
  PROTOTYPES.map((proto) => Object.getOwnPropertyNames(proto).join(',')).join('|');
const PRISTINE = protoSnapshot();
function checkPrototypes(label: string): void {
  tally.prototypeKeys.checked++;
  if (protoSnapshot() !== PRISTINE || ({} as Record<string, unknown>).polluted !== undefined) {
    tally.prototypeKeys.polluted++;
    note(`polluted: ${label}`);
  }
}

// ---------------------------------------------------------------- bad requests the app reads

const examples = model.operations.map((op) => exampleRequest(model, op));
const KEYS = ['__proto__', 'constructor', 'prototype'] as const;

describe('bad requests the app reads', () => {
  it('random mutations of every example request (fast-check, 400 runs)', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('malformed' as const), cut: fc.nat({ max: 50 }) }),
      fc.record({
        kind: fc.constant('deep' as const),
        levels: fc.integer({ min: 60, max: 20_000 }),
      }),
      fc.record({
        kind: fc.constant('wide' as const),
        items: fc.integer({ min: 1, max: 200_000 }),
      }),
      fc.record({
        kind: fc.constant('key' as const),
        key: fc.constantFrom(...KEYS),
        at: fc.nat({ max: 2 }),
      }),
      fc.record({
        kind: fc.constant('large' as const),
        size: fc.integer({ min: 262_145, max: 600_000 }),
      }),
      fc.record({
        kind: fc.constant('type' as const),
        type: fc.constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          '',
          'application/json',
        ),
      }),
      fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
      fc.record({
        kind: fc.constant('query' as const),
        query: fc.constantFrom(
          'filter[__proto__][x]=1',
          'page[constructor][prototype][x]=1',
          '__proto__[polluted]=yes',
          'page[size]=-1',
          'page[size]=99999999999999999999',
          'filter[key]=%ZZ',
          `${'a['.repeat(2000)}=1`,
          'page[number]=1e400',
        ),
      }),
      fc.record({
        kind: fc.constant('path' as const),
        segment: fc.constantFrom(
          '9'.repeat(400),
          '%2F..%2F',
          '-1',
          '%00',
          '__proto__',
          'constructor',
          '1e400',
          encodeURIComponent('ü'.repeat(300)),
        ),
      }),
      fc.record({
        kind: fc.constant('token' as const),
        token: fc.constantFrom('', ' ', CANARY_TOKEN, 'x'.repeat(5000)),
      }),
      fc.record({
        kind: fc.constant('method' as const),
        method: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'FOO', 'PROPFIND'),
      }),
      fc.record({
        kind: fc.constant('prefer' as const),
        prefer: fc.constantFrom(
          'code=999',
          'code=418',
          'example=__proto__',
          'dynamic=true',
          'code=abc',
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: model.operations.length - 1 }), mutation, async (index, m) => {
        const example = examples[index];
        if (!example) return;
        let method = example.method;
        let path = example.path;
        let query = example.query;
        const headers: Record<string, string> = { 'x-api-token': DEMO_TOKEN, accept: MT };
        if (example.contentType) headers['content-type'] = example.contentType;
        let body: string | Uint8Array | undefined = example.body;
        const json = example.body ?? '{"data":{"attributes":{}}}';
        switch (m.kind) {
          case 'malformed':
            body = json.slice(0, Math.max(1, json.length - 1 - m.cut));
            break;
          case 'deep':
            body = `{"data":{"attributes":{"x":${'['.repeat(m.levels)}${']'.repeat(m.levels)}}}}`;
            break;
          case 'wide':
            body = `{"data":{"attributes":{"x":[${'0,'.repeat(m.items)}0]}}}`;
            break;
          case 'key': {
            const poison = `"${m.key}":{"polluted":"yes"}`;
            body = [
              `{${poison},"data":{}}`,
              `{"data":{${poison},"attributes":{}}}`,
              `{"data":{"attributes":{${poison}}}}`,
            ][m.at];
            break;
          }
          case 'large':
            body = `{"data":{"attributes":{"x":"${'x'.repeat(m.size)}"}}}`;
            break;
          case 'type':
            if (m.type) headers['content-type'] = m.type;
            else delete headers['content-type'];
            body ??= json;
            break;
          case 'bytes':
            body = m.bytes;
            break;
          case 'query':
            query = m.query;
            break;
          case 'path':
            path = path.replace(/\/[^/]+$/, `/${m.segment}`);
            break;
          case 'token':
            headers['x-api-token'] = m.token;
            break;
          case 'method':
            method = m.method;
            break;
          case 'prefer':
            headers.prefer = m.prefer;
            break;
        }
        if (method === 'GET' || method === 'HEAD') body = undefined;
        tally.badInputs.tried++;
        let response: Response;
        try {
          response = await fetch(`${base}${path}${query ? `?${query}` : ''}`, {
            method,
            headers,
            body: (body ?? null) as BodyInit | null,
          });
        } catch (error) {
          tally.badInputs.notInFormat++;
          note(`no answer: ${method} ${path} ${m.kind}: ${(error as Error).message}`);
          return;
        }
        const text = await response.text();
        // A method node:http's parser does not know is refused before any route is matched.
        const unparsed =
          response.status === 400 &&
          response.headers.get('content-type') === MT &&
          isErrorDocument(text);
        const found =
          method === 'HEAD' || method === 'OPTIONS' || unparsed
            ? []
            : oracle.check({
                method,
                path,
                status: response.status,
                contentType: response.headers.get('content-type'),
                body: text,
              });
        if (found.length > 0 || response.status >= 500) {
          tally.badInputs.notInFormat++;
          note(
            `${method} ${path} ${m.kind} → ${response.status}: ${found.join('; ').slice(0, 200)}`,
          );
        }
        if (m.kind === 'key' || m.kind === 'query') checkPrototypes(`${m.kind} ${path}`);
        if (m.kind === 'token') {
          tally.canary.checks++;
          if (
            text.includes(CANARY_TOKEN) ||
            JSON.stringify([...response.headers]).includes(CANARY_TOKEN)
          ) {
            tally.canary.leaks++;
            note(`canary token echoed by ${method} ${path}`);
          }
        }
      }),
      { numRuns: 400, seed: 1616 },
    );
  }, 300_000);

  it('the administration endpoints, with and without their secret', async () => {
    const cases: [string, string, Record<string, string>, string | undefined][] = [
      ['GET', 'state', {}, undefined],
      ['GET', 'state', { 'x-mock-admin-secret': 'wrong' }, undefined],
      ['POST', 'reset', { 'content-type': 'text/plain', origin: 'https://evil.example' }, 'x'],
      ['PUT', 'state', { 'x-mock-admin-secret': ADMIN_SECRET }, '{"tables":{"__proto__":[]}}'],
      [
        'PUT',
        'state',
        { 'x-mock-admin-secret': ADMIN_SECRET },
        '{"tables":{"/a":[{"parents":[],"resource":{"id":"1","__proto__":{"polluted":1}}}]}}',
      ],
      [
        'PUT',
        'state',
        { 'x-mock-admin-secret': ADMIN_SECRET },
        `{"tables":{"/a":[{"parents":[],"resource":{"id":"1","x":${'['.repeat(5000)}${']'.repeat(5000)}}}]}}`,
      ],
      [
        'PUT',
        'state',
        { 'x-mock-admin-secret': ADMIN_SECRET },
        '{"tables":{"/a":[{"parents":[],"resource":{"id":"99999999999999999999"}}]}}',
      ],
      ['PUT', 'state', { 'x-mock-admin-secret': ADMIN_SECRET }, 'not json'],
      ['DELETE', 'state', { 'x-mock-admin-secret': ADMIN_SECRET }, undefined],
      [
        'OPTIONS',
        'reset',
        { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        undefined,
      ],
    ];
    for (const [method, action, headers, body] of cases) {
      tally.badInputs.tried++;
      const response = await fetch(`${base}/__mock/${action}`, {
        method,
        headers,
        body: body ?? null,
      });
      const text = await response.text();
      const cors = response.headers.get('access-control-allow-origin');
      if (!isErrorDocument(text) || cors !== null || response.status < 400) {
        tally.badInputs.notInFormat++;
        note(`admin ${method} ${action} → ${response.status} ${text.slice(0, 100)}`);
      }
      checkPrototypes(`admin ${method} ${action}`);
      tally.canary.checks++;
      if (
        text.includes(ADMIN_SECRET) ||
        JSON.stringify([...response.headers]).includes(ADMIN_SECRET)
      ) {
        tally.canary.leaks++;
        note(`admin secret echoed by ${method} ${action}`);
      }
    }
    // The world is still there and answers.
    const after = await fetch(`${base}${DOCS}?filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4`, {
      headers: { 'x-api-token': DEMO_TOKEN },
    });
    expect(after.status).toBe(200);
  });
});

// ---------------------------------------------------------------- bad requests node:http reads first

function exchange(port: number, write: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(write));
    let received = '';
    const timer = setTimeout(() => socket.destroy(), 15_000);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

const RAW: string[] = [
  'BROKEN\r\n\r\n',
  'GET\r\n\r\n',
  'GET / HTTP/9.9\r\nhost: x\r\n\r\n',
  'G@T /api/v3 HTTP/1.1\r\nhost: x\r\n\r\n',
  'GET /api/v3 HTTP/1.1\r\nbad header\r\n\r\n',
  'GET /api/v3 HTTP/1.1\r\nhost: x\r\nx-a\x00: b\r\n\r\n',
  'GET /api/v3 HTTP/1.1\r\nhost: x\r\n folded\r\n\r\n',
  `GET /api/v3 HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
  `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`,
  `GET /api/v3 HTTP/1.1\r\nhost: x\r\n${Array.from({ length: 3000 }, (_, i) => `x-${i}: v`).join('\r\n')}\r\n\r\n`,
  `POST ${DOCS} HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n`,
  `POST ${DOCS} HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\nhello`,
  `POST ${DOCS} HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`,
  `POST ${DOCS} HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n`,
  `POST ${DOCS} HTTP/1.1\r\nhost: x\r\ntransfer-encoding: gzip\r\n\r\n`,
  `GET ${DOCS} HTTP/1.1\r\nhost: x\r\nexpect: the-impossible\r\nconnection: close\r\n\r\n`,
  `GET ${DOCS} HTTP/1.1\r\nconnection: close\r\n\r\n`,
  `GET http://evil.example${DOCS} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
  'CONNECT evil.example:443 HTTP/1.1\r\nhost: evil.example\r\n\r\n',
  `GET ${DOCS}\x00 HTTP/1.1\r\nhost: x\r\n\r\n`,
  `GET ${DOCS} HTTP/1.1\rhost: x\r\n\r\n`,
  `GET ${DOCS} HTTP/1.1\r\nhost: x\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n`,
  '\r\n\r\n\r\n',
  `GET ${DOCS} HTTP/1.1\r\nhost: x\r\nx-api-token: \x7f\r\nconnection: close\r\n\r\n`,
];

describe('bad requests node:http reads first', () => {
  it('are answered in the API format wherever the socket takes an answer', async () => {
    const port = Number(new URL(base).port);
    for (const request of RAW) {
      tally.beforeTheApp.tried++;
      const answer = await exchange(port, Buffer.from(request, 'latin1'));
      if (answer === '') {
        tally.beforeTheApp.closedWithoutAnswer++;
        continue;
      }
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const typed = new RegExp(`content-type: ${MT.replace(/[.+]/g, '\\$&')}`, 'i').test(head);
      const status = Number(head.split(' ')[1]);
      if (typed && (status < 400 || isErrorDocument(body))) tally.beforeTheApp.inFormat++;
      else {
        tally.beforeTheApp.answeredByNodeHttp++;
        note(
          `node:http answered ${JSON.stringify(request.slice(0, 40))} with ${head.split('\r\n')[0]}`,
        );
      }
    }
    checkPrototypes('raw requests');
  }, 240_000);
});

// ---------------------------------------------------------------- the CLI, killed

interface Child {
  process: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCli(stateFile: string, extra: string[] = []): Promise<Child> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--state', stateFile, ...extra], {
    env: { ...process.env, ACTIVEPLATFORM_MOCK_ADMIN_SECRET: ADMIN_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the CLI did not start: ${output}`)), 60_000);
    child.stdout?.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ process: child, url, output: () => output, exited });
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited: ${output}`));
    });
  });
}

const document = (key: string, file = 'data:application/pdf;base64,JVBERi0xLjQK') =>
  JSON.stringify({
    key,
    type: 'act',
    name: `Document ${key}`,
    amount: { total: '1.00', currency: 'EUR' },
    start_date: '2024-11-01',
    end_date: '2024-11-30',
    file,
  });

/** Sends writes at once; resolves with the keys whose creation was acknowledged. */
async function write(url: string, keys: string[], file?: string): Promise<string[]> {
  const answers = await Promise.all(
    keys.map((key) =>
      fetch(`${url}${DOCS}`, {
        method: 'POST',
        headers: { 'x-api-token': DEMO_TOKEN, 'content-type': MT },
        body: document(key, file),
      }).then(
        (r) => (r.status === 200 ? key : undefined),
        () => undefined,
      ),
    ),
  );
  return answers.filter((k): k is string => k !== undefined);
}

/** The keys among `keys` that a fresh start of the CLI on the state file does not hold. */
async function lostAfterRestart(stateFile: string, keys: string[]): Promise<string[]> {
  const child = await startCli(stateFile);
  const lost: string[] = [];
  for (const key of keys) {
    const found = await fetch(`${child.url}${DOCS}?filter[key]=${key}`, {
      headers: { 'x-api-token': DEMO_TOKEN },
    });
    if (found.status !== 200) lost.push(key);
  }
  child.process.kill('SIGTERM');
  const { code } = await child.exited;
  if (code !== 0) {
    tally.crashes.childFailures++;
    note(`restart exited ${code}: ${child.output().slice(-300)}`);
  }
  return lost;
}

describe('acknowledged writes across kills of the CLI', () => {
  it('SIGTERM', async () => {
    const file = join(scratch, 'sigterm.json');
    const child = await startCli(file);
    const acked = await write(
      child.url,
      Array.from({ length: 40 }, (_, i) => `term-${i}`),
    );
    child.process.kill('SIGTERM');
    const { code } = await child.exited;
    if (code !== 0) tally.crashes.childFailures++;
    tally.writes.sigterm.acknowledged += acked.length;
    const lost = await lostAfterRestart(file, acked);
    tally.writes.sigterm.lost += lost.length;
    expect(acked.length).toBe(40);
  }, 240_000);

  it('SIGKILL while writes are in flight', async () => {
    const file = join(scratch, 'sigkill.json');
    const child = await startCli(file);
    const keys = Array.from({ length: 120 }, (_, i) => `kill-${i}`);
    const acked: string[] = [];
    // Kill after the first acknowledgements, with others still in flight.
    await new Promise<void>((resolve) => {
      let killed = false;
      let pending = keys.length;
      for (const key of keys) {
        write(child.url, [key]).then((done) => {
          acked.push(...done);
          if (!killed && acked.length >= 30) {
            killed = true;
            child.process.kill('SIGKILL');
          }
          if (--pending === 0) resolve();
        });
      }
    });
    const { signal } = await child.exited;
    if (signal !== 'SIGKILL') tally.crashes.childFailures++;
    tally.writes.sigkill.acknowledged += acked.length;
    const lost = await lostAfterRestart(file, acked);
    tally.writes.sigkill.lost += lost.length;
    if (lost.length > 0) note(`SIGKILL lost ${lost.join(', ')}`);
    expect(acked.length).toBeGreaterThanOrEqual(30);
  }, 240_000);

  it('a kill during the save of a large state (6 timings)', async () => {
    const file = join(scratch, 'save.json');
    const big = `data:application/pdf;base64,${'A'.repeat(1_000_000)}`;
    let round = 0;
    for (const delay of [0, 5, 20, 60, 150, 400]) {
      tally.writes.killDuringSave.timings++;
      const child = await startCli(file);
      const acked = await write(
        child.url,
        Array.from({ length: 6 }, (_, i) => `save-${round}-${i}`),
        big,
      );
      round++;
      child.process.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, delay));
      child.process.kill('SIGKILL');
      await child.exited;
      tally.writes.killDuringSave.acknowledged += acked.length;
      const lost = await lostAfterRestart(file, acked);
      tally.writes.killDuringSave.lost += lost.length;
      if (lost.length > 0) note(`kill ${delay} ms into the save lost ${lost.join(', ')}`);
    }
  }, 600_000);

  it('SIGTERM right after the CLI says it listens (10 starts)', async () => {
    for (let i = 0; i < 10; i++) {
      const file = join(scratch, `early-${i}.json`);
      tally.writes.earlySigterm.tried++;
      const child = await startCli(file);
      child.process.kill('SIGTERM');
      const { code } = await child.exited;
      let saved = code === 0 && existsSync(file);
      try {
        JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        saved = false;
      }
      if (!saved) {
        tally.writes.earlySigterm.exitedWithoutSaving++;
        note(`early SIGTERM: exit ${code}, ${child.output().slice(-200)}`);
      }
    }
  }, 300_000);
});

// ---------------------------------------------------------------- canary secrets

describe('canary secrets', () => {
  it('never appear in answers, output, state files or journals', async () => {
    const file = join(scratch, 'canary.json');
    // A state whose manager holds the canary token: a token the mock knows.
    const state = createMockHandler({ mode: 'stateful' }).snapshot();
    state.tables['/manager_tokens']?.push({
      parents: [],
      resource: { id: CANARY_TOKEN, attributes: { manager_id: 3, reseller_id: 7 } },
    });
    writeFileSync(file, JSON.stringify(state));
    const child = await startCli(file);
    const unknown = 'unknownCanary7e3d1b9aYv';
    const places: [string, RequestInit & { path?: string }][] = [
      ['unknown token in X-Api-Token', { headers: { 'x-api-token': unknown } }],
      ['known token, reseller out of reach', { headers: { 'x-api-token': CANARY_TOKEN } }],
      [
        'known token, malformed body',
        { method: 'POST', headers: { 'x-api-token': CANARY_TOKEN, 'content-type': MT }, body: '{' },
      ],
      [
        'known token, unknown path',
        { path: '/api/v3/nothing', headers: { 'x-api-token': CANARY_TOKEN } },
      ],
      ['token in Authorization', { headers: { authorization: `Bearer ${unknown}` } }],
      ['token in the query', { path: `${DOCS}?api_token=${unknown}`, headers: {} }],
      ['token in a cookie', { headers: { cookie: `token=${unknown}` } }],
      [
        'wrong admin secret',
        { path: '/__mock/state', headers: { 'x-mock-admin-secret': unknown } },
      ],
      [
        'admin secret, state read',
        { path: '/__mock/state', headers: { 'x-mock-admin-secret': ADMIN_SECRET } },
      ],
      [
        'admin secret, bad state',
        {
          path: '/__mock/state',
          method: 'PUT',
          headers: { 'x-mock-admin-secret': ADMIN_SECRET },
          body: '{}',
        },
      ],
    ];
    const secrets = [unknown, ADMIN_SECRET];
    const check = (place: string, text: string, forbidden: string[]) => {
      tally.canary.checks++;
      for (const secret of forbidden) {
        if (text.includes(secret) || text.includes(encodeURIComponent(secret))) {
          tally.canary.leaks++;
          note(`leak: ${place}`);
        }
      }
    };
    for (const [place, init] of places) {
      tally.canary.places++;
      const path = init.path ?? '/api/v3/resellers/1/accounts';
      const response = await fetch(`${child.url}${path}`, init);
      const text = await response.text();
      // The known canary token may be read back only where the state is handed out.
      const forbidden = place.includes('state read') ? [unknown] : [...secrets, CANARY_TOKEN];
      check(`${place}: status line`, `${response.status} ${response.statusText}`, forbidden);
      check(`${place}: headers`, JSON.stringify([...response.headers]), forbidden);
      check(`${place}: body`, text, forbidden);
    }
    child.process.kill('SIGTERM');
    await child.exited;
    tally.canary.places += 3;
    check('CLI output', child.output(), secrets);
    check('state file', readFileSync(file, 'utf8'), secrets);
    check(
      'journal',
      existsSync(`${file}.journal`) ? readFileSync(`${file}.journal`, 'utf8') : '',
      secrets,
    );
    // A corrupt state file: its error does not quote it.
    tally.canary.places++;
    const corrupt = join(scratch, 'corrupt.json');
    writeFileSync(
      corrupt,
      `{"tables":{"/manager_tokens":[{"parents":[],"resource":{"id":"${CANARY_TOKEN}"} x`,
    );
    const failing = spawn(process.execPath, [CLI, '--port', '0', '--state', corrupt], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    failing.stdout?.on('data', (c) => {
      output += c;
    });
    failing.stderr?.on('data', (c) => {
      output += c;
    });
    const code = await new Promise((r) => failing.on('exit', r));
    expect(code).toBe(1);
    expect(output).toContain(corrupt);
    check('error of a corrupt state file', output, [CANARY_TOKEN]);
  }, 240_000);
});

// ---------------------------------------------------------------- prototype keys in states

describe('prototype keys in state files', () => {
  it('are refused at start, naming the file and the place', () => {
    for (const key of KEYS) {
      const file = join(scratch, `proto-${key}.json`);
      writeFileSync(
        file,
        `{"tables":{"/api/v3/resellers":[{"parents":[],"resource":{"id":"1","attributes":{"${key}":{"polluted":"yes"}}}}]}}`,
      );
      expect(() => createMockHandler({ mode: 'stateful', seed: file })).toThrow(
        `${file}: /tables/~1api~1v3~1resellers/0/resource/attributes/${key}: this member name is refused`,
      );
      checkPrototypes(`state file ${key}`);
    }
  });
});

describe('figures', () => {
  it('meet the goals', async () => {
    await new Promise((r) => setTimeout(r, 50));
    const report = { ...tally, problems };
    const dir = new URL('../test-output/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('reliability.json', dir), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`mock reliability: ${JSON.stringify(tally)}`);
    expect(problems).toEqual([]);
    expect(tally.badInputs.notInFormat).toBe(0);
    expect(tally.crashes).toEqual({
      uncaughtExceptions: 0,
      unhandledRejections: 0,
      childFailures: 0,
    });
    const lost =
      tally.writes.sigterm.lost + tally.writes.sigkill.lost + tally.writes.killDuringSave.lost;
    expect(lost).toBe(0);
    expect(tally.writes.earlySigterm.exitedWithoutSaving).toBe(0);
    expect(tally.canary.leaks).toBe(0);
    expect(tally.prototypeKeys.polluted).toBe(0);
    expect(tally.badInputs.tried).toBeGreaterThan(0);
    expect(tally.canary.checks).toBeGreaterThan(0);
  });
});
