import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport } from '@proseapi/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN, startMockServer } from './index.js';
import { startProxyServer } from './proxy.js';

const MT = 'application/vnd.api+json';
const dir = mkdtempSync(join(tmpdir(), 'mock-proxy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const headers = { 'x-api-token': DEMO_TOKEN, accept: MT };
const ACCOUNT = '/api/v3/resellers/1/accounts/505';

/** The package's command, as a user starts it, with its output collected. */
function command(args: string[]) {
  const cli = spawn(process.execPath, [join(import.meta.dirname, '../dist/cli.cjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  cli.stdout.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  cli.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  return { cli, output };
}

describe('the validating proxy in front of the mock', () => {
  it('passes answers through, finds nothing in the mock’s own traffic, and records fixtures', async () => {
    const api = await startMockServer({ port: 0 });
    const record = join(dir, 'report.json');
    const proxy = await startProxyServer({ target: api.url, port: 0, record });
    try {
      const direct = await fetch(`${api.url}${ACCOUNT}`, { headers });
      const through = await fetch(`${proxy.url}${ACCOUNT}`, { headers });
      expect(through.status).toBe(direct.status);
      expect(await through.text()).toBe(await direct.text());
      const refused = await fetch(`${proxy.url}${ACCOUNT}`, {
        headers: { ...headers, 'x-api-token': 'unknown-token' },
      });
      expect(refused.status).toBe(401);
      expect((await fetch(`${proxy.url}/api/v3/nothing-here`, { headers })).status).toBe(404);
    } finally {
      await proxy.close();
      await api.close();
    }
    const report = readReport(JSON.parse(readFileSync(record, 'utf8')), record);
    expect(report.recordedBy).toBe('proxy');
    expect(report.exchanges).toBe(3);
    expect(report.findings).toEqual([]);
    expect(report.errorTexts).toMatchObject([
      { operation: 'GET /api/v3/resellers/{reseller_id}/accounts/{account_id}', status: 401 },
    ]);
    expect(report.fixtures?.map((f) => [f.path, f.status])).toEqual([[ACCOUNT, 200]]);
    expect(readFileSync(record, 'utf8')).not.toContain(DEMO_TOKEN);

    // The recorded answers, served again by a mock.
    const replay = createMockHandler({ fixtures: record });
    const answer = await replay(new Request(`http://mock.test${ACCOUNT}`, { headers }));
    expect(answer.headers.get('x-mock-source')).toBe('recorded');
    expect(await answer.json()).toEqual(report.fixtures?.[0]?.body);
  });

  it('runs from the command line, prints each mismatch and a summary, and writes the report', async () => {
    // An API that answers every request with a status no operation declares.
    const api = await startMockServer({ port: 0, faults: { errorRate: 1, errorStatuses: [502] } });
    const record = join(dir, 'cli-report.json');
    const { cli, output: printed } = command([
      '--proxy',
      api.url,
      '--record',
      record,
      '--port',
      '0',
    ]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        cli.once('exit', (code) =>
          reject(new Error(`the proxy exited with ${code}: ${printed.stdout}`)),
        );
        const poll = setInterval(() => {
          const found = /listening on (http:\/\/\S+),/.exec(printed.stdout);
          if (found?.[1]) {
            clearInterval(poll);
            resolve(found[1]);
          }
        }, 20);
      });
      for (let i = 0; i < 2; i++) {
        const answer = await fetch(`${url}${ACCOUNT}`, { headers });
        expect(answer.status).toBe(502);
        expect(answer.headers.get('x-mock-fault')).toBe('injected');
      }
    } finally {
      const exited = new Promise((resolve) => cli.once('exit', resolve));
      cli.kill('SIGTERM');
      await exited;
      await api.close();
    }
    const output = printed.stdout;
    expect(output).toContain('Validating proxy listening on');
    expect(output.match(/^mismatch: /gm)).toHaveLength(1);
    expect(output).toContain(
      'mismatch: GET /api/v3/resellers/{reseller_id}/accounts/{account_id} 502 response: status 502 is not declared',
    );
    expect(output).toContain('2 exchanges checked, 1 mismatch (2 occurrences)');
    const report = readReport(JSON.parse(readFileSync(record, 'utf8')), record);
    expect(report.exchanges).toBe(2);
    expect(report.findings).toMatchObject([{ kind: 'undeclared-status', status: 502, count: 2 }]);
    expect(output).not.toContain(DEMO_TOKEN);
  });

  it('refuses, from the command line, options that only shape the mock when it proxies', async () => {
    const { cli, output } = command([
      '--proxy',
      'http://127.0.0.1:9',
      '--fixtures',
      join(dir, 'absent.json'),
      '--latency',
      '5',
      '--port',
      '0',
    ]);
    const code = await new Promise((resolve) => cli.once('exit', resolve));
    expect(code).toBe(1);
    expect(output.stderr).toBe(
      "activeplatform-mock: --proxy answers with the real API's answers; --fixtures, --latency only shape the mock's (run a mock without --proxy to use them)\n",
    );
  });
});
