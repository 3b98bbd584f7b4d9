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
import { locationOf } from './location.js';
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

/** A request body as the judge takes it: its bytes, or a mark that it could not be read. */
interface SentBody {
  bytes: Uint8Array | undefined;
  unread?: boolean;
}
const NO_BODY: SentBody = { bytes: undefined };

/**
 * The bytes of a request body as `fetch` takes it, when they can be read without consuming it;
 * at once, but for a `Blob`, whose bytes come later.
 */
function bodyBytes(body: unknown): SentBody | Promise<SentBody> {
  if (body === undefined || body === null) return NO_BODY;
  if (typeof body === 'string') return { bytes: encoder.encode(body) };
  if (body instanceof URLSearchParams) return { bytes: encoder.encode(body.toString()) };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) {
    return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    return body.arrayBuffer().then((buffer) => ({ bytes: new Uint8Array(buffer) }));
  }
  // A stream or a form: reading it would take it from the request.
  return { bytes: undefined, unread: true };
}

/** The headers of a request as `Headers` lists them (names in lower case, sorted, combined). */
function headerList(headers: HeadersInit | undefined): [string, string][] {
  return [...(headers instanceof Headers ? headers : new Headers(headers))];
}

/** What was read of a body: its chunks up to a limit, and whether it ended within it. */
interface Read {
  chunks: Uint8Array[];
  size: number;
  /** `done`: the whole body; `over`: it goes on past the limit; `failed`: reading it threw. */
  end: 'done' | 'over' | 'failed';
  error?: unknown;
}

/** Reads from a body until it ends, passes the limit or fails; never throws. */
async function readUpTo(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
): Promise<Read> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { chunks, size, end: 'done' };
      chunks.push(value);
      size += value.byteLength;
      if (size > limit) return { chunks, size, end: 'over' };
    }
  } catch (error) {
    return { chunks, size, end: 'failed', error };
  }
}

/** The bytes of a body read whole; `undefined` when it was empty. */
function joined({ chunks, size }: Read): Uint8Array | undefined {
  if (size === 0) return undefined;
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Bodies read ahead, whole, before the caller gets the answer: finite documents (JSON, XML,
 * forms, text), which the caller reads whole anyway. Any other body (a stream of events, a
 * download) is handed over as it comes, and a copy of it is read on the side.
 */
const DOCUMENT =
  /^\s*(?:application\/(?:[\w.-]+\+)?(?:json|xml|x-www-form-urlencoded)|text\/(?:plain|html|xml|csv))\s*(?:;|$)/i;
/** Statuses a `Response` with a body can be built with. */
const rebuildable = (status: number) =>
  status >= 200 && status <= 599 && status !== 204 && status !== 205 && status !== 304;

/** What an answer has that a `Response` built anew cannot be given. */
const KEPT_AS_IS = ['statusText', 'url', 'redirected', 'type'] as const;

/**
 * The answer handed to the caller after its body was read ahead: the same status, status
 * text, headers, URL and bytes. What was read is given first, then the rest of the body as it
 * comes (past the limit), or the error reading it threw, just as the original body would.
 */
function handOver(
  response: Response,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  read: Read,
): Response {
  let body: BodyInit;
  // Bytes a fetch gave are backed by an ArrayBuffer, never a shared one.
  if (read.end === 'done') body = (joined(read) ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>;
  else {
    const chunks = [...read.chunks];
    body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = chunks.shift();
        if (chunk) return controller.enqueue(chunk);
        if (read.end === 'failed') return controller.error(read.error);
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
  }
  const copy = new Response(body, { status: response.status, headers: response.headers });
  // What a new `Response` cannot be given is set on it, where it differs.
  for (const name of KEPT_AS_IS) {
    if (copy[name] !== response[name]) Object.defineProperty(copy, name, { value: response[name] });
  }
  return copy;
}

/** What the judge keeps of a request: its headers as they were when it was sent. */
interface Sent {
  method: string;
  url: string;
  headers: [string, string][];
  body: SentBody | Promise<SentBody>;
}

/** What the judge keeps of an answer. */
interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array | undefined;
  truncated: boolean;
}

/** Runs a task once the current one and the callers waiting on it have gone on. */
const immediate = (globalThis as { setImmediate?: (task: () => void) => unknown }).setImmediate;
const later: (task: () => void) => void = immediate
  ? (task) => immediate(task)
  : (task) => setTimeout(task, 0);

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
  /** Calls under way: a `flush()` waits for them too. */
  const inFlight = new Set<Promise<unknown>>();
  /** Exchanges waiting to be judged, in the order they were answered. */
  const queue: [Sent, Answer | Promise<Answer | undefined>][] = [];
  let running: Promise<void> | undefined;
  let scheduled = false;

  /** Judges what is queued, one exchange after another; a failure only skips that exchange. */
  async function drain(): Promise<void> {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const [request, answered] = next;
        // Most bodies are known at once: only one still being read is waited for.
        const sent = request.body instanceof Promise ? await request.body : request.body;
        const answer = answered instanceof Promise ? await answered : answered;
        if (answer) await observer.observe(exchangeOf(request, sent, answer));
      } catch {}
    }
    // Set in the same step as the last look at the queue: nothing queued is left behind.
    running = undefined;
  }
  const run = (): Promise<void> => {
    // Drained from the next step on: one that finds nothing to wait for ends after `running` is set.
    if (!running && queue.length > 0) running = Promise.resolve().then(drain);
    return running ?? Promise.resolve();
  };
  /** Queues an exchange; it is judged once the caller has had its answer. */
  function enqueue(request: Sent, answer: Answer | Promise<Answer | undefined>): void {
    queue.push([request, answer]);
    if (running || scheduled) return;
    scheduled = true;
    later(() => {
      scheduled = false;
      run();
    });
  }

  function exchangeOf(request: Sent, sent: SentBody, answer: Answer): Exchange {
    const { path, query } = locationOf(request.url, root);
    return {
      method: request.method,
      url: request.url,
      path,
      query,
      requestHeaders: request.headers,
      requestBody: sent.bytes,
      requestTruncated: sent.unread === true || (sent.bytes?.byteLength ?? 0) > limit,
      status: answer.status,
      responseHeaders: [...answer.headers],
      responseBody: answer.bytes,
      responseTruncated: answer.truncated,
    };
  }

  /**
   * Takes what the judge needs from an answer and hands the caller its answer: the very
   * `Response` when the body is read on the side or not at all, an identical one when the
   * body was read ahead.
   */
  function take(request: Sent, response: Response): Response | Promise<Response> {
    const { status, headers, body } = response;
    if (status === 0 || (REDIRECTS.has(status) && headers.has('location'))) return response;
    const answer = (bytes: Uint8Array | undefined, truncated: boolean): Answer => ({
      status,
      headers,
      bytes,
      truncated,
    });
    if (!body) {
      enqueue(request, answer(undefined, false));
      return response;
    }
    if (Number(headers.get('content-length')) > limit) {
      enqueue(request, answer(undefined, true));
      return response;
    }
    if (rebuildable(status) && DOCUMENT.test(headers.get('content-type') ?? '')) {
      const reader = body.getReader();
      return readUpTo(reader, limit).then((read) => {
        // A body that broke off is not judged; the caller meets the same failure reading it.
        if (read.end !== 'failed') {
          enqueue(
            request,
            answer(read.end === 'done' ? joined(read) : undefined, read.end === 'over'),
          );
        }
        return handOver(response, reader, read);
      });
    }
    const copy = response.clone().body?.getReader();
    enqueue(
      request,
      copy
        ? readUpTo(copy, limit).then((read) => {
            if (read.end === 'over') copy.cancel().catch(() => undefined);
            if (read.end === 'failed') return undefined;
            return answer(read.end === 'done' ? joined(read) : undefined, read.end === 'over');
          })
        : answer(undefined, false),
    );
    return response;
  }

  const recordingFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request: Sent | undefined;
    try {
      if (input instanceof Request) {
        const spare = input.body && !input.bodyUsed ? input.clone() : undefined;
        request = {
          method: (init?.method ?? input.method).toUpperCase(),
          url: input.url,
          headers: headerList(init?.headers ?? input.headers),
          body: spare
            ? spare.arrayBuffer().then((b) => ({ bytes: new Uint8Array(b) }))
            : bodyBytes(init?.body),
        };
      } else {
        request = {
          method: (init?.method ?? 'GET').toUpperCase(),
          url: String(input instanceof URL ? input.href : input),
          headers: headerList(init?.headers),
          body: bodyBytes(init?.body),
        };
      }
      // A body that cannot be read is not judged; it is never a reason to fail the call.
      if (request.body instanceof Promise) request.body.catch(() => undefined);
    } catch {
      request = undefined;
    }
    const answer = inner(input, init);
    if (!request) return answer;
    const seen = request;
    const handed = answer.then((response) => {
      try {
        return take(seen, response);
      } catch {
        // Nothing was read yet: the answer goes on as it came, unjudged.
        return response;
      }
    });
    const forget = () => {
      inFlight.delete(settled);
    };
    const settled: Promise<unknown> = handed.then(forget, forget);
    inFlight.add(settled);
    return handed;
  };

  return {
    fetch: recordingFetch as typeof globalThis.fetch,
    async flush() {
      while (inFlight.size > 0 || queue.length > 0 || running) {
        await Promise.all([...inFlight, run()]);
      }
    },
    report: () => recording.report(),
    format: () => formatReport(recording.report()),
    reset: () => recording.reset(),
  };
}
