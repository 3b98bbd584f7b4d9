/**
 * The sandbox path of the scenarios, proven without a sandbox: a mock server stands in for the
 * installation, and the package's `scenarios` script runs against it over HTTP with the
 * ACTIVEPLATFORM_* variables set, exactly as `pnpm check:sandbox` does.
 */
import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@activeplatform/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSandboxSettings, writeReport } from './target.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
/** A token of the mock's seed (reseller 2): the canary that must not be written anywhere. */
const TOKEN = 'nW7kqRb2Lx9TzP4mVc8sHd';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the package's `scenarios` script; vitest's results also go to `results` as JSON. */
function runScenarios(env: Record<string, string>, results: string): Promise<Run> {
  // The child is a vitest run of its own: it must not take this run's worker variables.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(
      'pnpm',
      [
        'run',
        '--silent',
        'scenarios',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${results}`,
      ],
      {
        cwd: packageDir,
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The administration endpoints answer only with a secret; this one is the test's own. */
const ADMIN_SECRET = 'scenario-admin-secret';

/** Ids of the records of one collection (`…/notes`) in the mock's state. */
async function idsOf(url: string, collection: string): Promise<string[]> {
  const answer = await fetch(`${url}/__mock/state`, {
    headers: { 'X-Mock-Admin-Secret': ADMIN_SECRET },
  });
  if (!answer.ok) throw new Error(`the mock's state answered ${answer.status}`);
  const state = (await answer.json()) as {
    tables: Record<string, Array<{ resource: { id: string | number } }>>;
  };
  const rows = state.tables[`/api/v3/resellers/{}/${collection}`];
  if (!rows) throw new Error(`the mock's state has no collection ${collection}`);
  return rows.map((row) => String(row.resource.id)).sort();
}

describe('the scenarios against a sandbox (a mock server standing in for one)', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  let dir: string;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, adminSecret: ADMIN_SECRET });
    dir = await mkdtemp(join(tmpdir(), 'client-scenarios-'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('run over HTTP, all pass, leave the installation as they found it, and never write the token', async () => {
    const before = {
      notes: await idsOf(server.url, 'notes'),
      documents: await idsOf(server.url, 'free_access_documents'),
    };
    const run = await runScenarios(
      {
        ACTIVEPLATFORM_BASE_URL: server.url,
        ACTIVEPLATFORM_TOKEN: TOKEN,
        ACTIVEPLATFORM_RESELLER_ID: '2',
        ACTIVEPLATFORM_REPORT: join(dir, 'report.json'),
      },
      join(dir, 'results.json'),
    );
    expect(run.stderr).not.toMatch(/FAIL/);
    expect(run.code).toBe(0);

    const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as {
      numTotalTests: number;
      numPassedTests: number;
      testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    const names = results.testResults.flatMap((file) => file.assertionResults);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(names.every((test) => test.fullName.startsWith('scenarios against the sandbox'))).toBe(
      true,
    );
    // Nothing skipped: the stand-in has a parent reseller, accounts and plans.
    expect(results.numPassedTests).toBe(results.numTotalTests);

    expect(await idsOf(server.url, 'notes')).toEqual(before.notes);
    expect(await idsOf(server.url, 'free_access_documents')).toEqual(before.documents);

    // The recorder saw every exchange, and the mock keeps to the description: no mismatch.
    const text = await readFile(join(dir, 'report.json'), 'utf8');
    const report = JSON.parse(text) as {
      format: string;
      recordedBy: string;
      exchanges: number;
      findings: unknown[];
      errorTexts: Array<{ operation: string; status: number }>;
    };
    expect(report.format).toBe('proseapi-conformance');
    expect(report.recordedBy).toBe('recorder');
    expect(report.exchanges).toBeGreaterThanOrEqual(names.length);
    expect(report.findings).toEqual([]);
    // The error answers went through it too: the scenarios' 401, 403, 404 and 422.
    expect(new Set(report.errorTexts.map((seen) => seen.status))).toEqual(
      new Set([401, 403, 404, 422]),
    );
    expect(run.stdout).toContain(`${report.exchanges} exchanges checked, 0 mismatches`);

    const places = {
      report: text,
      results: await readFile(join(dir, 'results.json'), 'utf8'),
      stdout: run.stdout,
      stderr: run.stderr,
    };
    for (const [place, written] of Object.entries(places)) {
      expect(written.includes(TOKEN), place).toBe(false);
    }
    expect(Object.keys(places)).toHaveLength(4);
  }, 180_000);
});

describe('readSandboxSettings', () => {
  const full = {
    ACTIVEPLATFORM_BASE_URL: 'https://sandbox.example',
    ACTIVEPLATFORM_TOKEN: 'secret-token-value',
    ACTIVEPLATFORM_RESELLER_ID: '42',
  };

  it('is the mock when neither the address nor the token is set', () => {
    expect(readSandboxSettings({}, '/work')).toBeUndefined();
  });

  it('refuses half a configuration without quoting the token', () => {
    expect(() =>
      readSandboxSettings({ ACTIVEPLATFORM_TOKEN: 'secret-token-value' }, '/work'),
    ).toThrow(/ACTIVEPLATFORM_BASE_URL is missing/);
    expect(() => readSandboxSettings({ ACTIVEPLATFORM_BASE_URL: 'https://x' }, '/w')).toThrow(
      /ACTIVEPLATFORM_TOKEN is missing/,
    );
    try {
      readSandboxSettings({ ...full, ACTIVEPLATFORM_RESELLER_ID: 'abc' }, '/work');
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toMatch(/ACTIVEPLATFORM_RESELLER_ID/);
      expect(String(error)).not.toContain('secret-token-value');
    }
  });

  it('writes the report where the command was typed unless given an absolute path', () => {
    expect(readSandboxSettings(full, '/work/pkg')).toEqual({
      baseUrl: 'https://sandbox.example',
      token: 'secret-token-value',
      resellerId: 42,
      reportPath: '/work/pkg/activeplatform-conformance.json',
    });
    expect(readSandboxSettings({ ...full, INIT_CWD: '/home/me' }, '/work/pkg')?.reportPath).toBe(
      '/home/me/activeplatform-conformance.json',
    );
    expect(
      readSandboxSettings({ ...full, ACTIVEPLATFORM_REPORT: '/tmp/r.json' }, '/work/pkg')
        ?.reportPath,
    ).toBe('/tmp/r.json');
  });
});

describe('writeReport', () => {
  it('writes nothing when the report holds the token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'client-scenarios-'));
    try {
      const path = join(dir, 'nested', 'report.json');
      await expect(writeReport(path, '{"x":"a-secret-token"}', 'a-secret-token')).rejects.toThrow(
        /holds the token; it was not written/,
      );
      await expect(access(path)).rejects.toThrow();
      await writeReport(path, '{"x":"[redacted]"}', 'a-secret-token');
      expect(await readFile(path, 'utf8')).toBe('{"x":"[redacted]"}\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
