/** The engine over HTTP, with `node:http`. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawHandler, RawRequest, RawResponse } from '../engine/request.js';

export interface ServerOptions {
  port?: number | undefined;
  host?: string | undefined;
  /** Largest body read; the rest of a larger one is not kept (the engine answers 413). */
  bodyLimit: number;
  /** Called before the server stops (to save the state, say). */
  beforeClose?: (() => void) | undefined;
}

export interface RunningServer {
  /** `http://127.0.0.1:4010`: the base URL of the API. */
  url: string;
  /** Stops the server (after `beforeClose`). */
  close(): Promise<void>;
}

/** Collects a request body up to the limit, then calls back (at once when there is none). */
function readBody(
  request: IncomingMessage,
  limit: number,
  done: (body: Uint8Array | undefined, tooLarge: boolean) => void,
): void {
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

function send(response: ServerResponse, answer: RawResponse): void {
  if (answer.drop) {
    response.socket?.destroy();
    return;
  }
  const headers: Record<string, string | number> = answer.headers;
  if (answer.body !== undefined) headers['content-length'] = Buffer.byteLength(answer.body);
  else if (answer.status !== 204 && answer.status !== 304) headers['content-length'] = 0;
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}

/** Serves a handler over HTTP. */
export async function serve(handle: RawHandler, options: ServerOptions): Promise<RunningServer> {
  const { createServer } = await import('node:http');
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => {
    const rawUrl = request.url ?? '/';
    const q = rawUrl.indexOf('?');
    const origin = `http://${request.headers.host ?? host}`;
    const fail = (error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`Mock failure: ${(error as Error).message}`);
    };
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
      handle(raw).then((answer) => send(response, answer), fail);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        options.beforeClose?.();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
