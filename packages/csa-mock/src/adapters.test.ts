import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bundle from '@proseapi/csa-openapi/openapi.json' with { type: 'json' };
import {
  defaultDescriptionProblems,
  probeAdministration,
  runCommand,
  startCommand,
} from '@proseapi/mock-engine/testing';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import {
  createMockFetch,
  createMockHandler,
  createMswHandlers,
  startMockServer,
  TRANSPORT_USER,
} from './index.js';
import { createMock } from './mock.js';
import { ACCTG, AUTH, BASE, documented } from './test-support.js';

const SEND = `/csa/rest/notification/party?userIdentifier=${ACCTG}`;
/** The party the documented send reaches: acctgconsumer. */
const LIST = `/csa/rest/notification/party/${ACCTG}?userIdentifier=${ACCTG}`;
const sendInit = (): RequestInit => ({
  method: 'POST',
  headers: { authorization: AUTH, 'content-type': 'application/xml' },
  body: documented('sendNotification-request') as string,
});

describe('the engine', () => {
  it('serves the compact copy of the bundle the build compiled its validators from', async () => {
    const { specHash } = await import('#precompiled');
    const create = (options: { spec?: object }) => createMock(options, 'stateless');
    expect(defaultDescriptionProblems(create, bundle, specHash)).toEqual([]);
  });

  it('is stateless as a handler unless asked', () => {
    expect(createMockHandler().mode).toBe('stateless');
    expect(createMockHandler({ mode: 'stateful' }).mode).toBe('stateful');
  });
});

describe('the fetch', () => {
  it('answers absolute and relative URLs', async () => {
    const mockFetch = createMockFetch({ mode: 'stateful' });
    expect((await mockFetch(`https://csa-server:8444${SEND}`, sendInit())).status).toBe(200);
    const list = await mockFetch(LIST, { headers: { authorization: AUTH } });
    expect(await list.text()).toContain('<recepientId>90cec3a03a93ef89013a93f07b880001');
  });
});

describe('the MSW handlers', () => {
  it('answer at the description’s server, or at another base URL', async () => {
    const server = setupServer(...createMswHandlers({ mode: 'stateful' }));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const sent = await fetch(`${BASE}/notification/party?userIdentifier=${ACCTG}`, sendInit());
      expect(sent.status).toBe(200);
      server.resetHandlers(...createMswHandlers({ baseUrl: 'http://csa.test:8080' }));
      const other = await fetch(`http://csa.test:8080${LIST}`, {
        headers: { authorization: AUTH },
      });
      expect(other.status).toBe(200);
    } finally {
      server.close();
    }
  });
});

describe('the server', () => {
  it('keeps what was sent and writes it to the state file on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csa-mock-'));
    try {
      const stateFile = join(dir, 'state.json');
      const server = await startMockServer({ port: 0, stateFile });
      const sent = await fetch(`${server.url}${SEND}`, sendInit());
      expect(sent.status).toBe(200);
      await server.close();
      const state = readFileSync(stateFile, 'utf8');
      expect(JSON.parse(state).format).toBe('csa-mock-state');
      expect(state).toContain('Test Subject');
      // The next server starts from the file.
      const again = await startMockServer({ port: 0, stateFile });
      try {
        const list = await fetch(`${again.url}${LIST}`, { headers: { authorization: AUTH } });
        expect(await list.text()).toContain('Test Subject');
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the command', () => {
  const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));

  it('prints its URL and how to call it, and serves the documented send', async () => {
    const command = await startCommand(cli, ['--port', '0']);
    try {
      expect(command.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      expect(command.output()).toContain(`${TRANSPORT_USER.username}:${TRANSPORT_USER.password}`);
      const sent = await fetch(`${command.url}${SEND}`, sendInit());
      expect(sent.status).toBe(200);
      expect(await sent.text()).toContain('<count>1</count>');
    } finally {
      expect(await command.stop()).toBe(0);
    }
  });

  it('takes another account and never prints its password', async () => {
    const command = await startCommand(cli, ['--port', '0', '--user', 'ops:hunter22']);
    try {
      expect(command.output()).toContain('ops');
      expect(command.output()).not.toContain('hunter22');
      const refused = await fetch(`${command.url}${SEND}`, sendInit());
      expect(refused.status).toBe(401);
      const init = sendInit();
      init.headers = { ...init.headers, authorization: `Basic ${btoa('ops:hunter22')}` };
      expect((await fetch(`${command.url}${SEND}`, init)).status).toBe(200);
    } finally {
      await command.stop();
    }
  });

  it('keeps its administration endpoints for the secret of CSA_MOCK_ADMIN_SECRET, and its state across SIGTERM and SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csa-command-'));
    const args = ['--port', '0', '--state', join(dir, 'state.json')];
    const env = { CSA_MOCK_ADMIN_SECRET: 'csa-admin-secret' };
    const listed = async (url: string) =>
      (await fetch(`${url}${LIST}`, { headers: { authorization: AUTH } })).text();
    try {
      let command = await startCommand(cli, args, env);
      expect(command.output()).toContain('Administration endpoints: on at /__mock');
      expect(command.output()).not.toContain('csa-admin-secret');
      expect(await probeAdministration(command.url, env.CSA_MOCK_ADMIN_SECRET)).toEqual({
        withoutSecret: 401,
        wrongSecret: 401,
        withSecret: 200,
        reset: 401,
        resetAllowOrigin: null,
      });
      expect(await listed(command.url)).not.toContain('<count>');
      expect((await fetch(`${command.url}${SEND}`, sendInit())).status).toBe(200);
      const once = await listed(command.url);
      expect(await command.stop('SIGTERM')).toBe(0);
      command = await startCommand(cli, args, env);
      expect(await listed(command.url)).toBe(once);
      expect((await fetch(`${command.url}${SEND}`, sendInit())).status).toBe(200);
      const twice = await listed(command.url);
      expect(twice).not.toBe(once);
      expect(await command.stop('SIGKILL')).toBe(null);
      command = await startCommand(cli, [...args, '--no-admin'], env);
      expect(await listed(command.url)).toBe(twice);
      expect(command.output()).toContain('Administration endpoints: off');
      expect((await probeAdministration(command.url, env.CSA_MOCK_ADMIN_SECRET)).withSecret).toBe(
        404,
      );
      expect(await command.stop()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('explains its options', async () => {
    const { code, out } = await runCommand(cli, ['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: csa-mock');
    expect(out).toContain('--user <name:password>');
    expect(out).toContain('--accept-any-credentials');
  });
});
