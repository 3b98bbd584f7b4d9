/**
 * A validating proxy over `node:http`: every request goes on to the real API unchanged (its
 * method, path, query, headers and body; only `Host` names the API and hop-by-hop headers
 * stay behind), and the API's answer comes back unchanged, whatever its status, its headers
 * and its body. A copy of both bodies, up to a limit, is handed to a judge once the answer
 * has been sent; the judge never delays or alters an answer.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Exchange } from '../observe/observer.js';
import { listen, type RunningServer } from './server.js';

export interface ProxyOptions {
  /** The API's base URL; a request's path and query are appended to its path. */
  target: string;
  port?: number | undefined;
  host?: string | undefined;
  /** Judges each exchange after its answer was sent (it may be slow; it is not awaited). */
  judge?: ((exchange: Exchange) => unknown) | undefined;
  /** Largest body copied for the judge, each way (default 5 MiB); bodies always pass whole. */
  judgeLimit?: number | undefined;
  /** Called before the proxy stops. */
  beforeClose?: (() => void | Promise<void>) | undefined;
}

/** Headers of one connection, never forwarded (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
  'host',
]);

/** Collects a copy of a stream's chunks up to a limit. */
class Copy {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    if (this.truncated) return;
    if (this.size + chunk.length > this.limit) {
      this.truncated = true;
      return;
    }
    this.size += chunk.length;
    this.chunks.push(chunk);
  }

  bytes(): Uint8Array | undefined {
    if (this.size === 0) return undefined;
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
  }
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

/** The body the judge reads: decompressed when the answer says it is compressed. */
async function decoded(
  body: Uint8Array | undefined,
  encoding: string | undefined,
): Promise<Uint8Array | undefined> {
  if (!body || !encoding || encoding === 'identity') return body;
  const zlib = await import('node:zlib');
  const { promisify } = await import('node:util');
  const codings = encoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .reverse();
  let out: Uint8Array = body;
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') out = await promisify(zlib.gunzip)(out);
    else if (coding === 'deflate') out = await promisify(zlib.inflate)(out);
    else if (coding === 'br') out = await promisify(zlib.brotliDecompress)(out);
    else return undefined;
  }
  return out;
}

/** Starts the proxy; it listens on 127.0.0.1:4010 unless told otherwise. */
export async function startProxy(options: ProxyOptions): Promise<RunningServer> {
  const http = await import('node:http');
  const https = await import('node:https');
  const target = new URL(options.target);
  if (!/^https?:$/.test(target.protocol)) {
    throw new Error(`The proxy's target must be an http(s) URL, not ${options.target}`);
  }
  const prefix = target.pathname.replace(/\/+$/, '');
  const send = target.protocol === 'https:' ? https.request : http.request;
  const limit = options.judgeLimit ?? 5 * 1024 * 1024;
  const agent =
    target.protocol === 'https:'
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true });

  const pending = new Set<Promise<unknown>>();
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of pairs(request.rawHeaders)) {
      const key = name.toLowerCase();
      if (HOP_BY_HOP.has(key)) continue;
      const known = headers[key];
      headers[key] =
        known === undefined
          ? value
          : Array.isArray(known)
            ? [...known, value]
            : [String(known), value];
    }
    headers.host = target.host;
    const requestCopy = new Copy(limit);
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port || undefined,
      method: request.method,
      path: `${prefix}${url}`,
      headers,
      agent,
    });
    upstream.on('response', (answer) => {
      const answerHeaders = pairs(answer.rawHeaders).filter(
        ([name]) => !HOP_BY_HOP.has(name.toLowerCase()),
      );
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answerHeaders.flat());
      const responseCopy = new Copy(limit);
      answer.on('data', (chunk: Buffer) => responseCopy.add(chunk));
      answer.pipe(response);
      answer.on('end', () => {
        if (!options.judge) return;
        const q = url.indexOf('?');
        const encoding = answer.headers['content-encoding'];
        const judged = decoded(responseCopy.bytes(), encoding)
          .then((body) =>
            options.judge?.({
              method: request.method ?? 'GET',
              url: `${target.origin}${prefix}${url}`,
              path: q === -1 ? url : url.slice(0, q),
              query: q === -1 ? '' : url.slice(q + 1),
              requestHeaders: pairs(request.rawHeaders),
              requestBody: requestCopy.bytes(),
              requestTruncated: requestCopy.truncated,
              status: answer.statusCode ?? 0,
              responseHeaders: answerHeaders,
              responseBody: body,
              responseTruncated:
                responseCopy.truncated ||
                (body === undefined && responseCopy.bytes() !== undefined),
            }),
          )
          .catch(() => undefined)
          .finally(() => pending.delete(judged));
        pending.add(judged);
      });
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      // No answer came: say so plainly (this is the proxy speaking, not the API).
      if (!response.headersSent) {
        const text = `The proxy could not reach ${target.origin}: ${error.code ?? error.message}\n`;
        response.writeHead(502, { 'content-type': 'text/plain', 'x-proxy-error': 'upstream' });
        response.end(text);
      } else response.destroy();
    });
    request.on('data', (chunk: Buffer) => requestCopy.add(chunk));
    request.pipe(upstream);
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
  };

  const server = http.createServer(handle);
  const host = options.host ?? '127.0.0.1';
  const url = await listen(server, options.port ?? 4010, host);
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        agent.destroy();
      });
      // Exchanges already answered are judged before the end.
      await Promise.all([...pending]);
      await options.beforeClose?.();
    },
  };
}
