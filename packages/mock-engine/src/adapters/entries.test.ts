import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createMock, type MockSettings } from '../mock.js';
import { type CliMockOptions, cliHelp, cliOptions, type MockCli } from './cli.js';
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

const entries = mockEntries<NoteOptions>((options, defaultMode) => {
  const settings: MockSettings = { spec, mode: options.mode ?? defaultMode };
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

  it('serve statefully and save the state file when the server closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-entries-'));
    try {
      const stateFile = join(dir, 'state.json');
      const server = await entries.startMockServer({ port: 0, stateFile });
      expect((await fetch(`${server.url}/api/notes`, post('served'))).status).toBe(201);
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
      apply: (value, options) => {
        options.shout = value === true;
      },
    },
  },
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
});
