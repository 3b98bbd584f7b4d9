// Canary secrets sent through the recorder and the mock's validating proxy at once, to an API
// that echoes them everywhere: none may appear in any report, summary, fixture, served answer
// or log. The test counts the places it checked.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_TOKEN } from '@activeplatform/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import { createRecorder } from './index.js';

const TOKEN = 'canary-token-3f8a1c9e77';
const PASSWORD = 'canary-password-b41d0e62';
const BASIC = `Basic ${btoa(`reseller-admin:${PASSWORD}`)}`;
const MT = 'application/vnd.api+json';
const cli = join(
  dirname(createRequire(import.meta.url).resolve('@activeplatform/mock/package.json')),
  'dist/cli.cjs',
);
const dir = mkdtempSync(join(tmpdir(), 'recorder-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every form in which a canary could be written down. */
const forms = [
  TOKEN,
  PASSWORD,
  BASIC.slice('Basic '.length),
  encodeURIComponent(TOKEN),
  encodeURIComponent(PASSWORD),
];

/** An API that repeats the credentials it gets in headers, cookies, bodies and error texts. */
function echo(request: IncomingMessage, response: ServerResponse, sent: string): void {
  const token = String(request.headers['x-api-token'] ?? '');
  const authorization = String(request.headers.authorization ?? '');
  const password = atob(authorization.replace(/^Basic /, '')).split(':')[1] ?? '';
  const headers = { 'content-type': MT, 'x-echo': token, 'set-cookie': `session=${token}` };
  const url = new URL(request.url ?? '/', 'http://api.test');
  if (url.pathname.endsWith('/accounts/506')) {
    response.writeHead(503, headers);
    response.end(JSON.stringify({ errors: [{ title: `token ${token} is locked (${password})` }] }));
    return;
  }
  const status = request.method === 'POST' ? 201 : 200;
  response.writeHead(status, headers);
  response.end(
    JSON.stringify({
      data: {
        id: '505',
        type: 'accounts',
        attributes: {
          name: `echo of ${token}`,
          api_token: token,
          password,
          authorization,
          query: url.search,
          request: sent,
        },
      },
    }),
  );
}

async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts the mock's CLI; resolves with its URL once it listens. */
async function start(args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [cli, ...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out.stderr}`)));
    const poll = setInterval(() => {
      const found = /listening on (http:\/\/[^\s,]+)/.exec(out.stdout);
      if (found?.[1]) {
        clearInterval(poll);
        resolve(found[1]);
      }
    }, 20);
  });
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    return out;
  };
  return { url, stop };
}

describe('secrets', () => {
  it('no canary token or password in any recording, report, fixture, answer served or log', async () => {
    const api = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => echo(request, response, Buffer.concat(chunks).toString()));
    });
    const record = join(dir, 'proxy.json');
    const proxy = await start(['--proxy', api.url, '--record', record]);
    // The recorder in the app, the proxy in front of the API: the same traffic goes through both.
    const recorder = createRecorder({ fixtures: true, baseUrl: proxy.url });
    const client = createClient({
      baseUrl: proxy.url,
      token: TOKEN,
      headers: { Authorization: BASIC },
      fetch: recorder.fetch,
      retry: false,
    });
    const account = '/api/v3/resellers/{reseller_id}/accounts/{account_id}';
    const seen = [
      await client.GET(account, { params: { path: { reseller_id: 1, account_id: 505 } } }),
      await client.GET(account, { params: { path: { reseller_id: 1, account_id: 506 } } }),
      await client.POST('/api/v3/resellers/{reseller_id}/notes', {
        params: { path: { reseller_id: 1 } },
        body: { data: { attributes: { id: 505, type: 'account', content: `pw ${PASSWORD}` } } },
      }),
    ];
    // An endpoint the description lacks, with the token in its path and its query.
    const unknown = await recorder.fetch(
      `${proxy.url}/api/v3/tokens/${TOKEN}?api_token=${TOKEN}&password=${PASSWORD}`,
      { headers: { 'x-api-token': TOKEN, authorization: BASIC } },
    );
    const unknownText = await unknown.text();
    // The caller got the canaries back: the API did echo them, so the places below were exposed.
    expect(JSON.stringify(seen[0]?.data)).toContain(TOKEN);
    expect(JSON.stringify(seen[2]?.data)).toContain(PASSWORD);
    expect(unknownText).toContain(TOKEN);
    await recorder.flush();
    const proxyLog = await proxy.stop();
    await api.close();

    // The proxy's recording, served again by the mock.
    const replay = await start(['--fixtures', record]);
    const served = await fetch(`${replay.url}/api/v3/resellers/1/accounts/505`, {
      headers: { 'x-api-token': DEMO_TOKEN, accept: MT },
    });
    const servedText = `${[...served.headers].join('\n')}\n${await served.text()}`;
    expect(served.headers.get('x-mock-source')).toBe('recorded');
    const replayLog = await replay.stop();

    const report = recorder.report();
    const proxyReport = readFileSync(record, 'utf8');
    const places: Record<string, string> = {
      'recorder report (JSON)': JSON.stringify(report),
      'recorder summary': recorder.format(),
      'recorder fixtures': JSON.stringify(report.fixtures),
      'proxy recording file': proxyReport,
      'proxy recording fixtures': JSON.stringify(JSON.parse(proxyReport).fixtures),
      'proxy log (stdout)': proxyLog.stdout,
      'proxy log (stderr)': proxyLog.stderr,
      'answer served from the fixtures': servedText,
      'mock log with fixtures (stdout)': replayLog.stdout,
      'mock log with fixtures (stderr)': replayLog.stderr,
    };
    const checked: string[] = [];
    for (const [place, text] of Object.entries(places)) {
      for (const form of forms) expect(text, `${place} holds ${form}`).not.toContain(form);
      checked.push(place);
    }
    expect(checked).toHaveLength(10);
    // The places that keep bodies and samples did keep them, with the secrets taken out.
    for (const place of [
      'recorder report (JSON)',
      'recorder fixtures',
      'proxy recording file',
      'proxy recording fixtures',
      'answer served from the fixtures',
    ]) {
      expect(places[place], place).toContain('[redacted]');
    }
    expect(report.exchanges).toBe(4);
    expect(JSON.parse(proxyReport).exchanges).toBe(4);
    expect(proxyLog.stdout).toContain('mismatch: ');
    expect(report.findings.map((f) => f.operation)).toContain('GET /api/v3/tokens/[redacted]');
  }, 60_000);
});
