/**
 * Where the end-to-end scenarios run. Without `ACTIVEPLATFORM_BASE_URL` and
 * `ACTIVEPLATFORM_TOKEN` they run in-process against the stateful mock; with both set they
 * run against that installation (a sandbox) with the conformance recorder on, and `finish()`
 * writes its report.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A token of the mock's seed: Nils Northwind, manager of reseller 2 (parent 1, children 4 and 5). */
const MOCK_TOKEN = 'nW7kqRb2Lx9TzP4mVc8sHd';
const MOCK_RESELLER_ID = 2;
const MOCK_BASE_URL = 'https://test.activeplatform.com';

export interface ScenarioTarget {
  kind: 'mock' | 'sandbox';
  baseUrl: string;
  token: string;
  /** The reseller the token's manager belongs to. */
  resellerId: number;
  /** The `fetch` the scenarios' clients send with. */
  fetch: typeof globalThis.fetch;
  /** Milliseconds between two polls of an asynchronous task. */
  pollIntervalMs: number;
  /** Called once after the last scenario. */
  finish(): Promise<void>;
}

/** The settings read from the environment, or `undefined` for the mock. */
export interface SandboxSettings {
  baseUrl: string;
  token: string;
  resellerId: number;
  /** Absolute path of the report. */
  reportPath: string;
}

/**
 * Reads the sandbox settings. A half-given configuration is refused with a message that says
 * what is missing; the token itself is never part of a message.
 */
export function readSandboxSettings(
  env: Record<string, string | undefined>,
  cwd: string,
): SandboxSettings | undefined {
  const baseUrl = env.ACTIVEPLATFORM_BASE_URL?.trim();
  const token = env.ACTIVEPLATFORM_TOKEN?.trim();
  if (!baseUrl && !token) return undefined;
  if (!baseUrl || !token) {
    throw new Error(
      `Set both ACTIVEPLATFORM_BASE_URL and ACTIVEPLATFORM_TOKEN to run the scenarios against a sandbox (${baseUrl ? 'ACTIVEPLATFORM_TOKEN' : 'ACTIVEPLATFORM_BASE_URL'} is missing).`,
    );
  }
  const reseller = env.ACTIVEPLATFORM_RESELLER_ID?.trim() ?? '';
  const resellerId = Number(reseller);
  if (!/^\d+$/.test(reseller) || !Number.isSafeInteger(resellerId)) {
    throw new Error(
      `Set ACTIVEPLATFORM_RESELLER_ID to the ID of the reseller the token's manager belongs to (got ${reseller ? JSON.stringify(reseller) : 'nothing'}).`,
    );
  }
  const report = env.ACTIVEPLATFORM_REPORT?.trim() || 'activeplatform-conformance.json';
  // pnpm runs package scripts in the package's folder; INIT_CWD is where the command was typed.
  const base = env.INIT_CWD || cwd;
  const reportPath = /^([a-zA-Z]:)?[\\/]/.test(report) ? report : `${base}/${report}`;
  return { baseUrl, token, resellerId, reportPath };
}

export async function resolveTarget(
  env: Record<string, string | undefined> = process.env,
): Promise<ScenarioTarget> {
  const sandbox = readSandboxSettings(env, process.cwd());
  if (!sandbox) {
    // Loaded only here: the sandbox path does not need the mock.
    const { createMockFetch } = await import('@activeplatform/mock');
    return {
      kind: 'mock',
      baseUrl: MOCK_BASE_URL,
      token: MOCK_TOKEN,
      resellerId: MOCK_RESELLER_ID,
      fetch: createMockFetch({ mode: 'stateful' }),
      pollIntervalMs: 1,
      finish: async () => {},
    };
  }
  // The sandbox's traffic goes through the conformance recorder; its report is written at the end.
  const { createRecorder } = await import('../recorder/index.js');
  const recorder = createRecorder({ baseUrl: sandbox.baseUrl, secrets: [sandbox.token] });
  return {
    kind: 'sandbox',
    baseUrl: sandbox.baseUrl,
    token: sandbox.token,
    resellerId: sandbox.resellerId,
    fetch: recorder.fetch,
    pollIntervalMs: 1000,
    finish: async () => {
      await recorder.flush();
      const report = recorder.report();
      await writeReport(sandbox.reportPath, JSON.stringify(report, null, 2), sandbox.token);
      console.log(`${recorder.format()}\nConformance report: ${sandbox.reportPath}`);
    },
  };
}

/** Writes the report, unless the token is in it: then nothing is written and the run fails. */
export async function writeReport(path: string, text: string, token: string): Promise<void> {
  if (text.includes(token)) {
    throw new Error(`The report holds the token; it was not written to ${path}.`);
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${text}\n`);
}
