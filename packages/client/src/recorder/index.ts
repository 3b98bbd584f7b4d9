/**
 * `@activeplatform/client/recorder`: a conformance recorder. It wraps the `fetch` a client
 * uses, hands the caller exactly what that fetch gives, and judges each request and answer
 * against the API description on the side: is the status declared, does the media type
 * match, is the body valid, does it hold members the description does not name. Every
 * mismatch is recorded by operation, status, direction and JSON pointer, with a count and
 * one redacted sample. Its validators were compiled when the package was built.
 */
import spec from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import {
  type Finding,
  formatReport,
  mergeReports,
  type Report,
  readReport,
} from '@proseapi/conformance';
import { createConformance, type Exchange } from '@proseapi/mock-engine/observe';
import type { JsonObject } from '@proseapi/openapi-model';
import { specHash, validators } from './validators.generated.js';

export type { Finding, Report };
export { formatReport, mergeReports, readReport };

export interface RecorderOptions {
  /** The fetch whose traffic is recorded (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /**
   * The client's `baseUrl` (`https://host/prefix`): paths are read relative to it. Default:
   * each URL's origin.
   */
  baseUrl?: string;
  /** Values never to be written anywhere; the credentials the requests carry are learnt too. */
  secrets?: string[];
  /** Keep redacted answers as fixtures, which the mock can serve again (`--fixtures`). */
  fixtures?: boolean;
  /** Largest body judged each way, in bytes (default 5 MiB); larger ones are passed on unjudged. */
  maxBodyBytes?: number;
  /**
   * Another bundled description to judge against, and optionally its precompiled validators
   * (without them Ajv, which must then be installed, compiles each schema on first use).
   */
  spec?: object;
  precompiled?: { specHash: string; validators: Record<string, unknown> };
}

export interface Recorder {
  /** A `fetch` that records; give it to `createClient({ fetch })`. */
  fetch: typeof globalThis.fetch;
  /** Settles once every exchange seen so far has been judged. */
  flush(): Promise<void>;
  /** The report so far, as JSON (call `flush()` first for the exchanges still being judged). */
  report(): Report;
  /** The report as a readable summary. */
  format(): string;
  /** Forgets what was recorded. */
  reset(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const encoder = new TextEncoder();

/** The bytes of a request body as `fetch` takes it, when they can be read without consuming it. */
async function bodyBytes(
  body: unknown,
): Promise<{ bytes: Uint8Array | undefined; unread?: boolean }> {
  if (body === undefined || body === null) return { bytes: undefined };
  if (typeof body === 'string') return { bytes: encoder.encode(body) };
  if (body instanceof URLSearchParams) return { bytes: encoder.encode(body.toString()) };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) {
    return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    return { bytes: new Uint8Array(await body.arrayBuffer()) };
  }
  // A stream or a form: reading it would take it from the request.
  return { bytes: undefined, unread: true };
}

/** Reads a body up to a limit; past it, stops reading (the caller's copy is not affected). */
async function readUpTo(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ bytes: Uint8Array | undefined; truncated: boolean }> {
  if (!body) return { bytes: undefined, truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      return { bytes: undefined, truncated: true };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { bytes: chunks[0], truncated: false };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes: size === 0 ? undefined : bytes, truncated: false };
}

/** Creates a recorder; its `fetch` records the traffic of the client it is given to. */
export function createRecorder(options: RecorderOptions = {}): Recorder {
  const inner = options.fetch ?? globalThis.fetch;
  const limit = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const { observer, recording } = createConformance({
    spec: (options.spec ?? spec) as JsonObject,
    precompiled: (options.spec ? options.precompiled : { specHash, validators }) as Parameters<
      typeof createConformance
    >[0]['precompiled'],
    recordedBy: 'recorder',
    secrets: options.secrets,
    fixtures: options.fixtures,
  });
  let root: string | undefined;
  try {
    if (options.baseUrl) {
      const url = new URL(options.baseUrl);
      root = url.origin + url.pathname.replace(/\/+$/, '');
    }
  } catch {}
  const pending = new Set<Promise<unknown>>();

  /** Everything the judge needs, read on the side; any failure here only skips the exchange. */
  async function judge(
    request: {
      method: string;
      url: string;
      headers: Headers;
      body: Promise<{ bytes: Uint8Array | undefined; unread?: boolean }>;
    },
    response: Response,
  ): Promise<void> {
    const { status } = response;
    if (status === 0 || (REDIRECTS.has(status) && response.headers.has('location'))) return;
    const copy = response.clone();
    const [sent, answer] = await Promise.all([request.body, readUpTo(copy.body, limit)]);
    const url = new URL(request.url);
    const full = url.origin + url.pathname;
    const path = root && full.startsWith(root) ? full.slice(root.length) || '/' : url.pathname;
    const exchange: Exchange = {
      method: request.method,
      url: request.url,
      path,
      query: url.search.slice(1),
      requestHeaders: [...request.headers],
      requestBody: sent.bytes,
      requestTruncated: sent.unread === true || (sent.bytes?.byteLength ?? 0) > limit,
      status,
      responseHeaders: [...response.headers],
      responseBody: answer.bytes,
      responseTruncated: answer.truncated,
    };
    await observer.observe(exchange);
  }

  const recordingFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request: Parameters<typeof judge>[0] | undefined;
    try {
      if (input instanceof Request) {
        const spare = input.body && !input.bodyUsed ? input.clone() : undefined;
        request = {
          method: (init?.method ?? input.method).toUpperCase(),
          url: input.url,
          headers: new Headers(init?.headers ?? input.headers),
          body: spare
            ? spare.arrayBuffer().then((b) => ({ bytes: new Uint8Array(b) }))
            : bodyBytes(init?.body),
        };
      } else {
        request = {
          method: (init?.method ?? 'GET').toUpperCase(),
          url: String(input instanceof URL ? input.href : input),
          headers: new Headers(init?.headers),
          body: bodyBytes(init?.body),
        };
      }
      // A body that cannot be read is not judged; it is never a reason to fail the call.
      request.body.catch(() => undefined);
    } catch {
      request = undefined;
    }
    const answer = inner(input, init);
    if (request) {
      const seen = request;
      const judged = answer
        .then((response) => judge(seen, response))
        .catch(() => undefined)
        .finally(() => pending.delete(judged));
      pending.add(judged);
    }
    return answer;
  };

  return {
    fetch: recordingFetch as typeof globalThis.fetch,
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    report: () => recording.report(),
    format: () => formatReport(recording.report()),
    reset: () => recording.reset(),
  };
}
