/** A mock package's command run as a child process, for the tests of its CLI. */
import { spawn } from 'node:child_process';

export interface RunningCommand {
  /** The URL the command said it listens on. */
  url: string;
  /** Everything it wrote to its standard output so far. */
  output(): string;
  /** Sends a signal (SIGTERM unless another is named) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node <script> <args>` and waits for its `listening on <url>` line; `env` is added
 * to the environment it inherits.
 */
export function startCommand(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunningCommand> {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        resolve({
          url: match[1] as string,
          output: () => out,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    exited.then((code) => reject(new Error(`the command exited with ${code}: ${out}${err}`)));
  });
}

/** Runs `node <script> <args>` to its end: its exit code and standard output. */
export function runCommand(
  script: string,
  args: string[],
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

/** How a served mock's administration endpoints answered (statuses, and CORS on a refusal). */
export interface AdministrationProbe {
  /** `GET /__mock/state` without the secret, with a wrong one, and with the secret. */
  withoutSecret: number;
  wrongSecret: number;
  withSecret: number;
  /** A cross-site style `POST /__mock/reset` (`text/plain`, no secret), and its CORS header. */
  reset: number;
  resetAllowOrigin: string | null;
}

/** Asks the administration endpoints under `url` with and without `secret`, changing nothing. */
export async function probeAdministration(
  url: string,
  secret: string,
): Promise<AdministrationProbe> {
  const state = `${url}/__mock/state`;
  const status = async (headers: Record<string, string>) => {
    const answer = await fetch(state, { headers });
    await answer.arrayBuffer();
    return answer.status;
  };
  const reset = await fetch(`${url}/__mock/reset`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: 'https://elsewhere.example' },
    body: 'x',
  });
  await reset.arrayBuffer();
  return {
    withoutSecret: await status({}),
    wrongSecret: await status({ 'x-mock-admin-secret': `${secret}-wrong` }),
    withSecret: await status({ 'x-mock-admin-secret': secret }),
    reset: reset.status,
    resetAllowOrigin: reset.headers.get('access-control-allow-origin'),
  };
}
