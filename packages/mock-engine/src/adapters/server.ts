/**
 * The engine over HTTP, with `node:http`. What `node:http` would refuse on its own (a
 * request it cannot parse, headers too large, an `Expect` it does not know, a request
 * that does not arrive in time) and more connections than the cap are answered in the
 * API's format too, wherever the socket can still take an answer. Links are written
 * with the base URL the server was given (or its own address), never with `Host`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RawHandler, RawRequest, RawResponse } from '../engine/request.js';

export interface ServerOptions {
  port?: number | undefined;
  host?: string | undefined;
  /** Largest body read; the rest of a larger one is not kept (the engine answers 413). */
  bodyLimit: number;
  /** Called once the server has stopped taking requests, before `close` resolves (to save the state, say). */
  beforeClose?: (() => void) | undefined;
  /**
   * The base URL of the API as clients reach it (`https://mock.example`), for the links
   * the mock writes. Default: the address the server listens on.
   */
  baseUrl?: string | undefined;
  /**
   * An error answer in the API's format for a refusal made outside any operation
   * (`Mock.errorAnswer`). Default: a JSON body `{"title", "status"}`.
   */
  errorAnswer?: ((status: number) => RawResponse) | undefined;
  /** Most connections open at once (default 256); more are answered 503 and closed. */
  maxConnections?: number | undefined;
  /** Milliseconds a client has to send its headers (default 10 s) and its whole request (30 s). */
  headersTimeout?: number | undefined;
  requestTimeout?: number | undefined;
}

export interface RunningServer {
  /** `http://127.0.0.1:4010`: the base URL of the API. */
  url: string;
  /** Stops the server: no new requests, open connections closed, then `beforeClose`. */
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  417: 'Expectation Failed',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function plainError(status: number): RawResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: REASONS[status] ?? 'Error', status }),
  };
}

/** An answer as raw HTTP/1.1 text, for a socket that has no response object. */
function rawHttp(answer: RawResponse): string {
  const body = answer.body ?? '';
  const lines = [`HTTP/1.1 ${answer.status} ${REASONS[answer.status] ?? 'Error'}`];
  for (const [name, value] of Object.entries(answer.headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${Buffer.byteLength(body)}`, 'connection: close', '', body);
  return lines.join('\r\n');
}

/** Collects a request body up to the limit, then calls back (at once when there is none). */
function readBody(
  request: IncomingMessage,
  limit: number,
  done: (body: Uint8Array | undefined, tooLarge: boolean) => void,
): void {
  // A client that goes away mid-body: nothing to answer, nothing to throw.
  request.on('error', () => undefined);
  const declared = Number(request.headers['content-length'] ?? '0');
  if (request.headers['transfer-encoding'] === undefined && !(declared > 0)) {
    request.resume();
    done(undefined, false);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = declared > limit;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  });
  request.on('end', () => {
    done(tooLarge ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), tooLarge);
  });
}

/** Serves a handler over HTTP. */
/** Starts a server listening and gives its URL (an IPv6 address in brackets). */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

export async function serve(handle: RawHandler, options: ServerOptions): Promise<RunningServer> {
  // Taken synchronously (Node.js 20.16+): an `import()` of a built-in would start the ES
  // module loader in a command built as CommonJS.
  const { createServer } = process.getBuiltinModule('node:http');
  const host = options.host ?? '127.0.0.1';
  const errorAnswer = options.errorAnswer ?? plainError;
  const maxConnections = options.maxConnections ?? 256;
  let origin = '';

  const send = (response: ServerResponse, answer: RawResponse): void => {
    if (answer.drop) {
      response.socket?.destroy();
      return;
    }
    const headers: Record<string, string | number> = { ...answer.headers };
    if (answer.body !== undefined) headers['content-length'] = Buffer.byteLength(answer.body);
    else if (answer.status !== 204 && answer.status !== 304) headers['content-length'] = 0;
    try {
      response.writeHead(answer.status, headers);
    } catch {
      // A header a dialect wrote that HTTP cannot carry: the mock's own failure.
      const failure = errorAnswer(500);
      const body = failure.body ?? '';
      response.writeHead(500, { ...failure.headers, 'content-length': Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    response.end(answer.body);
  };

  const server: Server = createServer(
    {
      headersTimeout: options.headersTimeout ?? 10_000,
      requestTimeout: options.requestTimeout ?? 30_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1_000,
      // Links are not made from Host, so a request without one is served like any other.
      requireHostHeader: false,
    },
    (request, response) => {
      const rawUrl = request.url ?? '/';
      const q = rawUrl.indexOf('?');
      readBody(request, options.bodyLimit, (body, tooLarge) => {
        const raw: RawRequest = {
          method: request.method ?? 'GET',
          path: q === -1 ? rawUrl : rawUrl.slice(0, q),
          query: q === -1 ? '' : rawUrl.slice(q + 1),
          origin,
          header: (name) => {
            const value = request.headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          body,
          bodyTooLarge: tooLarge,
        };
        handle(raw).then(
          (answer) => send(response, answer),
          () => send(response, errorAnswer(500)),
        );
      });
    },
  );

  // What node:http refuses before a request exists: answered in the API's format where
  // the socket still takes an answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || pending?.headersSent || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    socket.end(rawHttp(errorAnswer(status)));
  });
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    send(response, errorAnswer(417));
  });
  // CONNECT asks for a tunnel, which a mock does not open.
  server.on('connect', (_request: IncomingMessage, socket: Socket) => {
    socket.on('error', () => undefined);
    socket.end(rawHttp(errorAnswer(405)));
  });

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    socket.on('error', () => undefined);
    if (sockets.size >= maxConnections) {
      const answer = errorAnswer(503);
      answer.headers = { ...answer.headers, 'retry-after': '1' };
      socket.end(rawHttp(answer));
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const url = await listen(server, options.port ?? 4010, host);
  origin = (options.baseUrl ?? url).replace(/\/+$/, '');
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        let closed = false;
        let saved = false;
        let failure: unknown;
        const finish = () => {
          if (closed && saved) {
            if (failure === undefined) resolve();
            else reject(failure);
          }
        };
        server.close((error) => {
          failure ??= error ?? undefined;
          closed = true;
          finish();
        });
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        try {
          options.beforeClose?.();
        } catch (error) {
          failure = error;
        }
        saved = true;
        finish();
      }),
  };
}
