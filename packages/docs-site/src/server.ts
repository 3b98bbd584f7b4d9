/**
 * A small static server for the built site: `/` is the page, `/openapi.json` the description
 * it shows. Other extension-less paths are menu addresses of the page (`/closing-documents`);
 * they redirect to the hash route the page understands (`/#/closing-documents`).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface DocsServerOptions {
  /** Folder holding index.html and openapi.json (the package's dist/). */
  root: string;
  /** Port to try first; 0 picks a free one. */
  port?: number;
  host?: string;
  /** When the port is taken, listen on a free one instead of failing. Default true. */
  fallbackToFreePort?: boolean;
}

export interface DocsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/openapi.json': { file: 'openapi.json', type: 'application/json; charset=utf-8' },
};

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startDocsServer(options: DocsServerOptions): Promise<DocsServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const entry = FILES[pathname];
    if (entry) {
      try {
        const body = await readFile(join(options.root, entry.file));
        response.writeHead(200, {
          'content-type': entry.type,
          'content-length': body.length,
          'cache-control': 'no-cache',
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      } catch {
        response
          .writeHead(404, { 'content-type': 'text/plain' })
          .end(`${entry.file} is not built\n`);
      }
      return;
    }
    if (/^\/[\w\-/]+$/.test(pathname)) {
      response.writeHead(302, { location: `/#${pathname.replace(/\/+$/, '')}` }).end();
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  });

  const port = options.port ?? 0;
  try {
    await listen(server, port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' || options.fallbackToFreePort === false || port === 0) throw error;
    await listen(server, 0, host);
  }
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
