import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { describe, expect, it, vi } from 'vitest';
import { createMock, type MockSettings } from '../mock.js';
import { type CliMockOptions, cliHelp, cliOptions, type MockCli, runMockCli } from './cli.js';
import { mockEntries } from './entries.js';

// A list that creates: enough to see which mode each entry starts in.
const spec = {
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1' },
  servers: [{ url: 'https://notes.example/api' }],
  paths: {
    '/notes': {
      get: {
        responses: {
          '200': {
            description: 'notes',
            content: {
              'application/json': {
                schema: { type: 'array', items: { $ref: '#/components/schemas/Note' } },
                example: [{ id: 1, text: 'seeded' }],
              },
            },
          },
        },
      },
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } },
        },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Note: { type: 'object', properties: { id: { type: 'integer' }, text: { type: 'string' } } },
    },
  },
};

interface NoteOptions extends CliMockOptions {
  stateFile?: string;
  shout?: boolean;
}

const entries = mockEntries<NoteOptions>((options, defaultMode, served) => {
  const settings: MockSettings = { spec, mode: options.mode ?? defaultMode, ...served };
  if (options.stateFile) settings.stateFile = options.stateFile;
  return createMock(settings);
});

const post = (text: string) =>
  new Request('https://notes.example/api/notes', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });

describe('mock entries', () => {
  it('make a stateless handler with the world’s controls, stateful when asked', async () => {
    const stateless = entries.createMockHandler();
    expect(stateless.mode).toBe('stateless');
    const handler = entries.createMockHandler({ mode: 'stateful' });
    expect((await handler(post('kept'))).status).toBe(201);
    const list = await (await handler(new Request('https://notes.example/api/notes'))).json();
    expect(list).toContainEqual(expect.objectContaining({ text: 'kept' }));
    handler.reset();
    expect(
      await (await handler(new Request('https://notes.example/api/notes'))).json(),
    ).not.toContainEqual(expect.objectContaining({ text: 'kept' }));
  });

  it('make a fetch that answers relative URLs', async () => {
    const response = await entries.createMockFetch()('/api/notes');
    expect(await response.json()).toEqual([{ id: 1, text: 'seeded' }]);
  });

  it('serve statefully, each change in the journal once answered, the state file written on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-entries-'));
    try {
      const stateFile = join(dir, 'state.json');
      const server = await entries.startMockServer({ port: 0, stateFile });
      expect((await fetch(`${server.url}/api/notes`, post('served'))).status).toBe(201);
      expect(readFileSync(`${stateFile}.journal`, 'utf8')).toContain('served');
      await server.close();
      expect(readFileSync(stateFile, 'utf8')).toContain('served');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('make MSW handlers at the description’s server, or at another base URL', async () => {
    const server = setupServer(...entries.createMswHandlers());
    server.listen({ onUnhandledRequest: 'error' });
    try {
      expect((await fetch('https://notes.example/api/notes')).status).toBe(200);
      server.resetHandlers(...entries.createMswHandlers({ baseUrl: 'http://other.test' }));
      expect((await fetch('http://other.test/api/notes')).status).toBe(200);
    } finally {
      server.close();
    }
  });
});

const cli: MockCli<NoteOptions> = {
  command: 'notes-mock',
  title: 'Notes mock',
  summary: 'Serves a mock of the Notes API.',
  options: {
    shout: {
      type: 'boolean',
      help: 'answer in capitals',
      after: 'mode',
      apply: (value, options) => {
        options.shout = value === true;
      },
    },
  },
  adminSecretVariable: 'NOTES_MOCK_ADMIN_SECRET',
  create: (options, defaultMode) => createMock({ spec, mode: options.mode ?? defaultMode }),
};

describe('mock command', () => {
  it('explains the common options and the package’s own', () => {
    const help = cliHelp(cli);
    expect(help.startsWith('Usage: notes-mock [options]\n\nServes a mock of the Notes API.')).toBe(
      true,
    );
    for (const option of [
      '--port <n>',
      '--mode <mode>',
      '--drop-rate <0..1>',
      '--shout',
      '-h, --help',
    ]) {
      expect(help).toContain(option);
    }
  });

  it('reads the common options and hands the package its own', () => {
    expect(
      cliOptions(cli, {
        mode: 'stateless',
        latency: '5-20',
        'error-rate': '0.5',
        'error-statuses': '502,503',
        'body-limit': '1024',
        'no-cors': true,
        shout: true,
      }),
    ).toEqual({
      mode: 'stateless',
      latency: { min: 5, max: 20 },
      faults: { errorRate: 0.5, errorStatuses: [502, 503] },
      bodyLimit: 1024,
      cors: false,
      shout: true,
    });
    expect(() => cliOptions(cli, { mode: 'sometimes' })).toThrow('--mode is stateful or stateless');
    expect(() => cliOptions(cli, { 'random-seed': 'x' })).toThrow('--random-seed needs a number');
  });

  it('places a package option after the common one it names', () => {
    const help = cliHelp(cli);
    expect(help.indexOf('--shout')).toBeGreaterThan(help.indexOf('--mode <mode>'));
    expect(help.indexOf('--shout')).toBeLessThan(help.indexOf('--spec <file>'));
    expect(help).toContain(
      'the environment variable NOTES_MOCK_ADMIN_SECRET in X-Mock-Admin-Secret',
    );
  });

  it('reads the administration secret from the package’s variable, unless --no-admin', () => {
    const env = { NOTES_MOCK_ADMIN_SECRET: 'sesame', OTHER_MOCK_ADMIN_SECRET: 'other' };
    expect(cliOptions(cli, {}, env)).toEqual({ adminSecret: 'sesame' });
    expect(cliOptions(cli, { 'no-admin': true }, env)).toEqual({ adminPath: false });
    expect(cliOptions(cli, {}, { OTHER_MOCK_ADMIN_SECRET: 'other' })).toEqual({});
    expect(cliOptions(cli, { 'store-limit': '4096' }, {})).toEqual({
      storeLimits: { total: 4096 },
    });
  });

  it('serves what the run hook puts in front of the mock, and closes it before the state is saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-command-'));
    const stateFile = join(dir, 'state.json');
    const events: string[] = [];
    try {
      const command = await runInProcess(
        {
          ...cli,
          create: (options, defaultMode, served) =>
            createMock({ ...options, ...served, spec, mode: options.mode ?? defaultMode }),
          run: (mock) => ({
            handle: async (request) => {
              const answer = await mock.handle(request);
              return { ...answer, headers: { ...answer.headers, 'x-wrapped': 'yes' } };
            },
            lines: ['Wrapped.'],
            close: () => {
              events.push(
                `closed before the last save: ${!readFileSafe(stateFile)?.includes('run')}`,
              );
            },
          }),
        },
        ['--port', '0', '--state', stateFile],
      );
      const url = /listening on (http:\/\/\S+)/.exec(command.printed)?.[1] as string;
      expect(command.printed).toContain('Wrapped.\nAdministration endpoints: off');
      const created = await fetch(`${url}/api/notes`, post('run'));
      expect(created.status).toBe(201);
      expect(created.headers.get('x-wrapped')).toBe('yes');
      expect(readFileSync(`${stateFile}.journal`, 'utf8')).toContain('run');
      expect(await command.terminate()).toBe(0);
      expect(events).toEqual(['closed before the last save: true']);
      expect(readFileSync(stateFile, 'utf8')).toContain('run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the service the instead hook starts, where the mock would listen, and builds no mock', async () => {
    const events: string[] = [];
    const command = await runInProcess(
      {
        ...cli,
        create: () => {
          throw new Error('no mock was asked for');
        },
        instead: async (options, server) => {
          events.push(`instead of ${options.mode} at ${server.host}:${server.port}`);
          return {
            lines: ['Elsewhere listening on http://127.0.0.1:1'],
            close: async () => {
              events.push('closed');
            },
          };
        },
      },
      ['--port', '0', '--mode', 'stateless'],
    );
    expect(command.printed).toBe('Elsewhere listening on http://127.0.0.1:1\n');
    expect(await command.terminate()).toBe(0);
    expect(events).toEqual(['instead of stateless at 127.0.0.1:0', 'closed']);
  });
});

/**
 * Runs a command in this process until it has started: what it printed, and a SIGTERM that
 * resolves with the code it exits with (its exit and signal handlers are taken back after).
 */
async function runInProcess(command: MockCli<NoteOptions>, argv: string[]) {
  let printed = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  let exited: (code: number | undefined) => void = () => undefined;
  const exit = new Promise<number | undefined>((resolve) => {
    exited = resolve;
  });
  const stopExit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    exited(code as number | undefined);
    return undefined as never;
  });
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const restore = () => {
    write.mockRestore();
    stopExit.mockRestore();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) {
        if (!before[signal].includes(listener)) process.off(signal, listener);
      }
    }
  };
  try {
    await runMockCli(command, argv);
  } finally {
    write.mockRestore();
  }
  return {
    printed,
    async terminate() {
      try {
        process.emit('SIGTERM');
        return await exit;
      } finally {
        restore();
      }
    },
  };
}

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
