import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  createOracle,
  defaultDescriptionProblems,
  probeAdministration,
  startCommand,
} from '@proseapi/mock-engine/testing';
import bundle from '@proseapi/rambase-openapi/openapi.json' with { type: 'json' };
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMockFetch,
  createMockHandler,
  createMswHandlers,
  DEMO_CLIENT,
  startMockServer,
} from './index.js';
import { createMock } from './mock.js';

const oracle = createOracle(bundle as unknown as Record<string, unknown>);
const NOTIFICATION = '/procurement/invoices/100523/notifications/7';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The answer's body, after the oracle found it true to the description. */
async function checked(method: string, url: string, response: Response): Promise<string> {
  const body = await response.text();
  const path = new URL(url).pathname;
  const contentType = response.headers.get('content-type');
  expect(oracle.check({ method, path, status: response.status, contentType, body })).toEqual([]);
  return body;
}

/** Logs in with client credentials at `base` through `fetcher` and reads notification 7. */
async function loginAndRead(fetcher: typeof fetch, base: string, client = DEMO_CLIENT) {
  const tokenUrl = `${base}/oauth2/access_token`;
  const login = await fetcher(tokenUrl, {
    method: 'POST',
    headers: FORM,
    body: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}`,
  });
  expect(login.status).toBe(200);
  const { access_token } = JSON.parse(await checked('POST', tokenUrl, login));
  const url = `${base}${NOTIFICATION}?$format=xml&$expand=CreatedBy.Name`;
  const read = await fetcher(url, { headers: { authorization: `Bearer ${access_token}` } });
  expect(read.status).toBe(200);
  expect(await checked('GET', url, read)).toContain('<Name>Berg</Name>');
  return access_token as string;
}

describe('the package', () => {
  it('uses the validators its build compiled for the bundle, and compiles others lazily', async () => {
    // Its default is the compact copy the build compiled them from (taken without a
    // fingerprint), and the whole bundle takes them too.
    const { specHash } = await import('#precompiled');
    const create = (options: { spec?: object }) => createMock(options, 'stateless');
    expect(defaultDescriptionProblems(create, bundle, specHash)).toEqual([]);
    const other = { ...(bundle as object), info: { title: 'Other', version: '0' } };
    expect(createMock({ spec: other }, 'stateless').engine.options.validators.precompiled).toBe(
      false,
    );
  });

  it('makes a stateless handler unless asked, and a stateful server', () => {
    expect(createMockHandler().mode).toBe('stateless');
    expect(createMockHandler({ mode: 'stateful' }).mode).toBe('stateful');
  });
});

describe('transports', () => {
  it('serves a client as its fetch', async () => {
    await loginAndRead(createMockFetch(), 'https://api.rambase.net');
  });

  it('serves over HTTP on 127.0.0.1', async () => {
    const server = await startMockServer({ port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      const token = await loginAndRead(fetch, server.url);
      const url = `${server.url}${NOTIFICATION.replace(/\/7$/, '')}`;
      const created = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
        body: '<Notification><NotificationType><NotificationTypeId>OVERHTTP</NotificationTypeId></NotificationType></Notification>',
      });
      expect(created.status).toBe(201);
      expect(JSON.parse(await checked('POST', url, created))).toMatchObject({
        notification: { notificationType: { notificationTypeId: 'OVERHTTP' } },
      });
    } finally {
      await server.close();
    }
  });

  describe('MSW', () => {
    const server = setupServer(...createMswHandlers({ mode: 'stateful' }));
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => server.close());

    it('answers at the description’s server URL, and elsewhere when asked', async () => {
      await loginAndRead(fetch, 'https://api.rambase.net');
      server.use(...createMswHandlers({ baseUrl: 'http://rambase.test' }));
      await loginAndRead(fetch, 'http://rambase.test');
      server.resetHandlers();
    });
  });
});

describe('the rambase-mock command', () => {
  const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));

  it('serves with the API client it is given, and says how to log in without its secret', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--client', 'tester:s3cr3t-given'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const printed: string[] = [];
    lines.on('line', (line) => printed.push(line));
    try {
      const [first] = (await once(lines, 'line')) as [string];
      const url = /listening on (http:\/\/\S+)/.exec(first)?.[1] ?? '';
      await loginAndRead(fetch, url, { clientId: 'tester', clientSecret: 's3cr3t-given' });
      expect(printed.join('\n')).toContain('tester');
      expect(printed.join('\n')).not.toContain('s3cr3t-given');
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    }
  });

  it('explains its own options beside the common ones', async () => {
    const child = spawn(process.execPath, [cli, '--help'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const help = Buffer.concat(chunks).toString();
    for (const option of [
      '--client',
      '--token-lifetime',
      '--accept-any-token',
      '--port',
      '--mode',
    ]) {
      expect(help).toContain(option);
    }
  });

  it('keeps its administration endpoints for the secret of RAMBASE_MOCK_ADMIN_SECRET, and its state across SIGTERM and SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rambase-command-'));
    const args = ['--port', '0', '--state', join(dir, 'state.json')];
    const env = { RAMBASE_MOCK_ADMIN_SECRET: 'rambase-admin-secret' };
    /** Creates a notification through a fresh login; resolves with its URL path. */
    const create = async (url: string, amount: string) => {
      const token = await loginAndRead(fetch, url);
      const created = await fetch(`${url}/procurement/invoices/100523/notifications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          notification: {
            messageParameters: [{ key: 'AMOUNT', value: amount }],
            notificationType: { notificationTypeId: 'APPRLIMIT' },
          },
        }),
      });
      expect(created.status).toBe(201);
      const { notification } = (await created.json()) as {
        notification: { notificationId: number };
      };
      return `/procurement/invoices/100523/notifications/${notification.notificationId}`;
    };
    const read = async (url: string, path: string) => {
      const token = await loginAndRead(fetch, url);
      return fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    };
    try {
      let command = await startCommand(cli, args, env);
      expect(command.output()).toContain('Administration endpoints: on at /__mock');
      expect(command.output()).not.toContain(env.RAMBASE_MOCK_ADMIN_SECRET);
      expect(await probeAdministration(command.url, env.RAMBASE_MOCK_ADMIN_SECRET)).toEqual({
        withoutSecret: 401,
        wrongSecret: 401,
        withSecret: 200,
        reset: 401,
        resetAllowOrigin: null,
      });
      const first = await create(command.url, '1.00 NOK');
      expect(await command.stop('SIGTERM')).toBe(0);
      command = await startCommand(cli, args, env);
      expect(await (await read(command.url, first)).text()).toContain('1.00 NOK');
      const second = await create(command.url, '2.00 NOK');
      expect(second).not.toBe(first);
      expect(await command.stop('SIGKILL')).toBe(null);
      command = await startCommand(cli, [...args, '--no-admin'], env);
      expect(await (await read(command.url, second)).text()).toContain('2.00 NOK');
      expect(command.output()).toContain('Administration endpoints: off');
      expect(
        (await probeAdministration(command.url, env.RAMBASE_MOCK_ADMIN_SECRET)).withSecret,
      ).toBe(404);
      expect(await command.stop()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
