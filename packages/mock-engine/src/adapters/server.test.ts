import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock } from '../mock.js';
import { NOTES_SPEC } from '../testing/notes-spec.js';
import { type RunningServer, serve } from './server.js';

// What reaches node:http before the engine is answered in the API's format too.
const mock = createMock({ spec: NOTES_SPEC, mode: 'stateful', randomSeed: 1 });
let server: RunningServer;
let port = 0;

beforeAll(async () => {
  server = await serve(mock.handle, {
    port: 0,
    bodyLimit: 1024,
    baseUrl: 'https://mock.example',
    errorAnswer: mock.errorAnswer,
    maxConnections: 8,
    headersTimeout: 1_000,
    requestTimeout: 2_000,
  });
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

/** Sends raw bytes and reads everything until the server closes (or 5 s pass). */
function raw(text: string | ((socket: Socket) => void), to = port): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(to, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('connect', () => {
      if (typeof text === 'string') socket.write(text);
      else text(socket);
    });
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const type = /content-type: ([^\r\n]+)/i.exec(head)?.[1];
  return { status, type, body: body ? JSON.parse(body) : undefined };
}

describe('node:http refusals in the API format', () => {
  it('a request line it cannot parse', async () => {
    const answer = parse(await raw('BROKEN LINE\r\n\r\n'));
    expect(answer).toEqual({
      status: 400,
      type: 'application/problem+json',
      body: { status: 400, title: 'The request cannot be read as HTTP' },
    });
  });

  it('headers over the size node:http takes', async () => {
    const answer = parse(
      await raw(
        `GET /api/shelves/1/notes HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
      ),
    );
    expect([answer.status, answer.body?.title]).toEqual([431, 'The request headers are too large']);
  });

  it('an Expect header it does not know', async () => {
    const answer = parse(
      await raw(
        'GET /api/shelves/1/notes HTTP/1.1\r\nhost: x\r\nexpect: wonders\r\nconnection: close\r\n\r\n',
      ),
    );
    expect([answer.status, answer.type]).toEqual([417, 'application/problem+json']);
  });

  it('headers trickled in slowly: answered 408 and closed', async () => {
    const answer = await raw((socket) => {
      socket.write('GET /api/shelves/1/notes HTTP/1.1\r\nhost: x\r\n');
      const drip = setInterval(() => socket.writable && socket.write('x-a: b\r\n'), 200);
      socket.on('close', () => clearInterval(drip));
    });
    expect(parse(answer).status).toBe(408);
  }, 10_000);

  it('more connections than the cap', async () => {
    const capped = await serve(mock.handle, {
      port: 0,
      bodyLimit: 1024,
      errorAnswer: mock.errorAnswer,
      maxConnections: 2,
    });
    const cappedPort = Number(new URL(capped.url).port);
    const held = await Promise.all(
      Array.from(
        { length: 2 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(cappedPort, '127.0.0.1', () => resolve(socket));
            socket.on('error', () => undefined);
          }),
      ),
    );
    // The server has counted both once it answers on one of them.
    (held[0] as Socket).write('GET /api/shelves/1/notes HTTP/1.1\r\nhost: x\r\n\r\n');
    await new Promise((resolve) => (held[0] as Socket).once('data', resolve));
    const answer = parse(
      await raw('GET /api/shelves/1/notes HTTP/1.1\r\nhost: x\r\n\r\n', cappedPort),
    );
    for (const socket of held) socket.destroy();
    await capped.close();
    expect([answer.status, answer.body?.title]).toEqual([
      503,
      'The mock has too many open connections; try again',
    ]);
  });
});

describe('links', () => {
  it('are made from the configured base URL (or the server address), never from Host', async () => {
    const echo = (base: string | undefined) =>
      serve(async (request) => ({ status: 200, headers: {}, body: request.origin }), {
        port: 0,
        bodyLimit: 16,
        baseUrl: base,
      });
    for (const base of ['https://mock.example/', undefined]) {
      const echoing = await echo(base);
      const answer = await raw(
        'GET / HTTP/1.1\r\nhost: evil.example\r\nconnection: close\r\n\r\n',
        Number(new URL(echoing.url).port),
      );
      await echoing.close();
      expect(answer.split('\r\n\r\n')[1]).toBe(base ? 'https://mock.example' : echoing.url);
    }
  });
});
