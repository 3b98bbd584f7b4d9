import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_TOKEN, startMockServer } from '@activeplatform/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer } from './fixtures/hostile-server.js';

const run = promisify(execFile);
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = fileURLToPath(new URL('./fixtures/runtime-scenario.mjs', import.meta.url));
const BIN = join(PACKAGE_ROOT, 'node_modules', '.bin');

/** Each runtime runs the same scenario file; Deno only with the permissions it needs. */
const RUNTIMES: Record<string, (arg: string) => [string, string[]]> = {
  node: (arg) => [process.execPath, [SCENARIO, arg]],
  deno: (arg) => [
    join(BIN, 'deno'),
    ['run', '--allow-net=127.0.0.1', `--allow-read=${PACKAGE_ROOT},${tmpdir()}`, SCENARIO, arg],
  ],
  bun: (arg) => [join(BIN, 'bun'), [SCENARIO, arg]],
};

const FILE_BYTES = '%PDF-1.4 signed act';
let workDir = '';

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'index.js'))) {
    throw new Error('dist/ is missing: run `pnpm --filter @activeplatform/client build` first');
  }
  workDir = mkdtempSync(join(tmpdir(), 'ap-client-runtimes-'));
  writeFileSync(join(workDir, 'act.pdf'), FILE_BYTES);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/**
 * Runs the scenario under one runtime against a fresh stateful mock server, and a misbehaving
 * server with a second origin its redirects point to. Returns the scenario's results and whether
 * the second origin ever received the token.
 */
async function scenario(runtime: string): Promise<Record<string, unknown>> {
  const command = RUNTIMES[runtime];
  if (!command) throw new Error(`unknown runtime ${runtime}`);
  const server = await startMockServer({ port: 0 });
  const hostile = await startHostileServer();
  const elsewhere = await startHostileServer();
  try {
    const arg = JSON.stringify({
      baseUrl: server.url,
      token: DEMO_TOKEN,
      file: join(workDir, 'act.pdf'),
      hostile: hostile.url,
      elsewhere: elsewhere.url,
    });
    const [file, args] = command(arg);
    if (!existsSync(file)) {
      throw new Error(`${runtime} is not installed at ${file}: run \`pnpm install\``);
    }
    const { stdout } = await run(file, args, {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    return { ...result, elsewhereGotToken: elsewhere.requests.some((r) => r.token) };
  } finally {
    await Promise.all([server.close(), hostile.close(), elsewhere.close()]);
  }
}

describe('the built package under each runtime', () => {
  const results: Record<string, Record<string, unknown>> = {};

  for (const runtime of Object.keys(RUNTIMES)) {
    it(`${runtime}: reads, pages, uploads, polls, reports errors, refuses redirects away and runaway bodies`, async () => {
      const result = await scenario(runtime);
      results[runtime] = result;
      expect(result.read).toEqual({
        status: 200,
        id: expect.any(String),
        key: '0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4',
      });
      const managers = result.managers as string[];
      expect(managers.length).toBeGreaterThan(1);
      expect(new Set(managers).size).toBe(managers.length);
      expect(result.attachment).toBe(
        `data:application/pdf;base64,${Buffer.from(FILE_BYTES).toString('base64')}`,
      );
      expect(result.note).toEqual({ status: 201, error: null, attachment: 'act.pdf' });
      expect(result.task).toEqual({ created: expect.any(Number), status: 'completed' });
      expect(result.unauthorized).toEqual({
        isActivePlatformError: true,
        status: 401,
        hasErrors: true,
        leaksToken: false,
      });
      expect(result.offline).toEqual({ isNetworkError: true, name: 'ActivePlatformNetworkError' });
      const refused = { name: 'ActivePlatformError', refused: true, cutShort: false };
      expect(result.redirectAway).toEqual({ ...refused, status: 302 });
      expect(result.redirectAwayPost).toEqual({ ...refused, status: 307 });
      expect(result.elsewhereGotToken).toBe(false);
      expect(result.redirectHome).toEqual({ status: 200, method: 'POST', body: '{"a":1}' });
      expect(result.redirectHomeSeeOther).toEqual({ status: 200, method: 'GET', body: '' });
      expect(result.cutShort).toEqual({
        name: 'ActivePlatformNetworkError',
        refused: false,
        cutShort: true,
      });
      expect(result.cutOnceRetried).toEqual({ status: 200, method: 'GET', body: '' });
      const tooLarge = { name: 'ActivePlatformLimitError', limit: 'maxResponseBytes' };
      expect(result.tooLarge).toMatchObject(tooLarge);
      expect(result.tooLargeAnnounced).toMatchObject(tooLarge);
    }, 90_000);
  }

  it('gives the same results in Deno and Bun as in Node.js', () => {
    expect(Object.keys(results).sort()).toEqual(['bun', 'deno', 'node']);
    expect(results.deno).toEqual(results.node);
    expect(results.bun).toEqual(results.node);
  });
});
