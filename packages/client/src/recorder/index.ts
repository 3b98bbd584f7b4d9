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
import { PARSED } from '../parsed.js';
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
  } catch {
    return { chunks, size, end: 'failed' };
  }
}

/** The bytes of a body read whole; `undefined` when it was empty. */
function joined(chunks: Uint8Array[], size: number): Uint8Array | undefined {
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
 * Finite documents (JSON, XML, forms, text), whose reads are tapped: the caller gets the very
 * answer, and whichever of its reads comes first is judged. Any other body (a stream of events,
 * a download) is handed over as it comes, and a copy of it is read on the side.
 */
const DOCUMENT =
  /^\s*(?:application\/(?:[\w.-]+\+)?(?:json|xml|x-www-form-urlencoded)|text\/(?:plain|html|xml|csv))\s*(?:;|$)/i;

/**
 * What the judge keeps of a request: its headers as they were when it was sent. A class for the
 * same reason as `Tap` (below): a literal's site may be moved to the old generation.
 */
class Sent {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: [string, string][],
    /** The body, or its reading, replaced by what it read once that is known. */
    public body: SentBody | Promise<SentBody>,
  ) {}
}

/** An answer's status and headers, read once. */
interface Head {
  status: number;
  headers: Headers;
}

/** What the judge keeps of an answer. */
interface Answer extends Head {
  bytes?: Uint8Array | undefined;
  /** The body as the caller parsed it (JSON). */
  value?: { value: unknown } | undefined;
  /** The caller's parse of the body failed. */
  malformed?: boolean | undefined;
  truncated: boolean;
}

/** What was found of an answer's body. */
type Found = Omit<Answer, 'status' | 'headers'>;

/** The answer the judge takes: the head and what was found of the body. */
const answerOf = (head: Head, found: Found): Answer => ({
  status: head.status,
  headers: head.headers,
  bytes: found.bytes,
  value: found.value,
  malformed: found.malformed,
  truncated: found.truncated,
});

/**
 * One answer whose reads are tapped, until one of them has been judged. A class, not an object
 * literal: V8 12 (Node 22) moves the objects of a literal's site straight to the old generation
 * once enough of them have outlived a scavenge, and a tap made there kept its answer and request
 * alive until the next full collection. Instances of a class are not placed by allocation site.
 */
class Tap implements Head {
  /** Judged, or let go unjudged: later reads pass through. */
  done = false;
  /** Its `body` was handed out: from then on it cannot be cloned without taking it from the caller. */
  handedOut = false;
  /** Reads under way (of the whole body, or of its stream), which `flush()` waits for. */
  pending = 0;
  /** The last of them to begin, seen through; it never rejects. */
  reading: Promise<unknown> | undefined = undefined;
  /** Seen by `flush()` with its stream handed out, not read whole and no read under way. */
  idle = false;
  /** Its stream is read by a reader in BYOB mode, which may write into a chunk again. */
  byob = false;
  /** What a reader of the stream was given so far, up to the limit. */
  chunks: Uint8Array[] = [];
  size = 0;
  over = false;
  /** The whole body, read as a stream, while its reader may still hand back what it parsed. */
  bytes: Uint8Array | undefined = undefined;
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly request: Sent,
    readonly response: Response,
  ) {}
}

/** Runs a task once the current one and the callers waiting on it have gone on. */
const immediate = (globalThis as { setImmediate?: (task: () => void) => unknown }).setImmediate;
const later: (task: () => void) => void = immediate
  ? (task) => immediate(task)
  : (task) => setTimeout(task, 0);

/** The readers of a whole body that answers have (`bytes` only where the runtime has it). */
const READERS = ['json', 'text', 'arrayBuffer', 'bytes', 'blob', 'formData'] as const;
type ReaderName = (typeof READERS)[number];

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
  /** Calls under way (they may reject): a `flush()` waits for them too. */
  const inFlight = new Set<Promise<unknown>>();
  /** Judgements begun and not yet ended (a request body a codec reads later). */
  const judging = new Set<Promise<unknown>>();
  /** Exchanges waiting to be judged, in the order they were answered. */
  const queue: [Sent, Answer | Promise<Answer | undefined>][] = [];
  let running: Promise<void> | undefined;
  let scheduled = false;
  /** Tapped answers not judged yet: `flush()` judges them, reading a clone of those unread. */
  const open = new Set<Tap>();
  /** Where a tapped answer keeps its tap (own to this recorder: a recorder may wrap another). */
  const TAP = Symbol('tap');
  const tapOf = (response: Response) => (response as Response & { [TAP]?: Tap })[TAP];

  /** Judges what is queued, one exchange after another; a failure only skips that exchange. */
  async function drain(): Promise<void> {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const [request, answered] = next;
        // Most bodies are known at once: only one still being read is waited for.
        const sent = request.body instanceof Promise ? await request.body : request.body;
        const answer = answered instanceof Promise ? await answered : answered;
        if (answer) await observer.judgeNow(exchangeOf(request, sent, answer));
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

  /**
   * Judges an exchange at once when its request body is known and its answer is; else queues
   * it, with a copy of what the caller holds and could change meanwhile.
   */
  function judge(request: Sent, answer: Answer | Promise<Answer | undefined>): void {
    const sent = request.body;
    if (answer instanceof Promise || sent instanceof Promise) {
      if (!(answer instanceof Promise)) {
        if (answer.value) answer.value = { value: structuredClone(answer.value.value) };
        if (answer.bytes) answer.bytes = answer.bytes.slice();
      }
      enqueue(request, answer);
      return;
    }
    const pending = observer.judgeNow(exchangeOf(request, sent, answer));
    if (pending) {
      judging.add(pending);
      pending.then(() => judging.delete(pending));
    }
  }

  function exchangeOf(request: Sent, sent: SentBody, answer: Answer): Exchange {
    const { path, query } = locationOf(request.url, root);
    const exchange: Exchange = {
      method: request.method,
      url: request.url,
      path,
      query,
      requestHeaders: request.headers,
      requestBody: sent.bytes,
      requestTruncated: sent.unread === true || (sent.bytes?.byteLength ?? 0) > limit,
      status: answer.status,
      responseHeaders: answer.headers,
      responseBody: answer.bytes,
      responseTruncated: answer.truncated,
    };
    if (answer.value) exchange.responseValue = answer.value;
    if (answer.malformed) exchange.responseMalformed = true;
    return exchange;
  }

  /** Judges a tapped answer by what one read gave (nothing: it is let go unjudged), once. */
  function settle(tap: Tap, found: Answer | Promise<Answer | undefined> | undefined): void {
    if (tap.done) return;
    tap.done = true;
    open.delete(tap);
    tap.chunks.length = 0;
    tap.bytes = undefined;
    if (found) judge(tap.request, found);
  }
  /** What a read of the whole body gave, as the judge takes it. */
  const bytesRead = (tap: Tap, bytes: Uint8Array) =>
    answerOf(
      tap,
      bytes.byteLength > limit
        ? { truncated: true }
        : { bytes: bytes.byteLength > 0 ? bytes : undefined, truncated: false },
    );

  /** Reads a copy of a body on the side, up to the limit; `undefined` when it broke off. */
  function readCopy(copy: Response, head: Head) {
    const reader = copy.body?.getReader();
    if (!reader) return answerOf(head, { truncated: false });
    return readUpTo(reader, limit).then((read) => {
      if (read.end === 'over') reader.cancel().catch(() => undefined);
      if (read.end === 'failed') return undefined;
      return answerOf(
        head,
        read.end === 'done'
          ? { bytes: joined(read.chunks, read.size), truncated: false }
          : { truncated: true },
      );
    });
  }

  // The tap: an answer whose reads are tapped is given a prototype of this recorder's, which
  // holds the tapping readers and `body` over the prototype it had (`Response.prototype`, or
  // another recorder's when one wraps another). The answer keeps every own member it had.
  const bodyUsed = Object.getOwnPropertyDescriptor(Response.prototype, 'bodyUsed')?.get as (
    this: Response,
  ) => boolean;
  const clone = Response.prototype.clone;
  /** The `body` an answer's prototype `base` gives, read without the tap over it. */
  const bodyOf = (base: object, response: Response) =>
    Reflect.get(base, 'body', response) as ReadableStream<Uint8Array> | null;

  /** What each reader of a whole body gives, as the judge takes it. */
  const taken: Record<
    ReaderName,
    (tap: Tap, result: never) => Answer | Promise<Answer | undefined> | undefined
  > = {
    json: (tap, value: unknown) => answerOf(tap, { value: { value }, truncated: false }),
    text: (tap, text: string) =>
      text.length > limit
        ? answerOf(tap, { truncated: true })
        : bytesRead(tap, encoder.encode(text)),
    arrayBuffer: (tap, buffer: ArrayBuffer) => bytesRead(tap, new Uint8Array(buffer)),
    bytes: (tap, bytes: Uint8Array) => bytesRead(tap, bytes),
    blob: (tap, blob: Blob) =>
      blob.size > limit
        ? answerOf(tap, { truncated: true })
        : blob.arrayBuffer().then(
            (buffer) => bytesRead(tap, new Uint8Array(buffer)),
            () => undefined,
          ),
    // A form read is not turned back into its bytes: its status and media type are judged.
    formData: (tap) => answerOf(tap, { truncated: true }),
  };

  /** The tapping members over `base`, the prototype an answer had. */
  function membersOver(base: Record<PropertyKey, unknown>): PropertyDescriptorMap {
    const members: PropertyDescriptorMap = {};
    for (const name of READERS) {
      const read = base[name];
      if (typeof read !== 'function') continue;
      const take = taken[name];
      members[name] = {
        configurable: true,
        writable: true,
        value: function (this: Response) {
          const reading = read.call(this) as Promise<unknown>;
          const tap = tapOf(this);
          if (!tap || tap.done) return reading;
          return tracked(
            tap,
            reading,
            // Judged before the caller has the result: what it does with it changes nothing.
            (result) => settle(tap, take(tap, result as never)),
            (error) => {
              if (name === 'json' && error instanceof SyntaxError) {
                settle(tap, answerOf(tap, { malformed: true, truncated: false }));
              }
            },
          );
        },
      };
    }
    members.body = {
      configurable: true,
      get(this: Response) {
        const stream = bodyOf(base, this);
        const tap = tapOf(this);
        if (!tap || tap.handedOut || !stream) return stream;
        tap.handedOut = true;
        if (!tap.done) {
          const getReader = stream.getReader;
          Object.defineProperty(stream, 'getReader', {
            configurable: true,
            writable: true,
            value: function (this: ReadableStream<Uint8Array>, options?: { mode?: string }) {
              const reader = (getReader as (o: unknown) => ReadableStreamReader<Uint8Array>).call(
                this,
                options,
              );
              if (!tap.done) {
                tap.byob = options?.mode === 'byob';
                tapReader(tap, reader);
              }
              return reader;
            },
          });
        }
        return stream;
      },
    };
    const handBack = base[PARSED];
    members[PARSED] = {
      configurable: true,
      writable: true,
      value(this: Response, value: unknown) {
        const tap = tapOf(this);
        if (tap && !tap.done) settle(tap, answerOf(tap, { value: { value }, truncated: false }));
        // A recorder this one wraps is handed the value too.
        if (typeof handBack === 'function') handBack.call(this, value);
      },
    };
    return members;
  }
  /** This recorder's prototype over each prototype an answer had, made once. */
  const tapping = new Map<object, object>();
  function tappingOver(base: object): object {
    let made = tapping.get(base);
    if (!made) {
      made = Object.create(base, membersOver(base as never)) as object;
      tapping.set(base, made);
    }
    return made;
  }

  /**
   * A read of a tapped answer, counted as under way until it settles (`flush()` waits for it).
   * The caller gets the very promise the read made; `done` or `failed`, registered on it first,
   * sees its outcome before the caller does.
   */
  function tracked<T>(
    tap: Tap,
    reading: Promise<T>,
    done: (result: T) => void,
    failed: (error: unknown) => void,
  ): Promise<T> {
    tap.pending++;
    tap.reading = reading.then(
      (result) => {
        tap.pending--;
        try {
          done(result);
        } catch {}
      },
      (error: unknown) => {
        tap.pending--;
        try {
          failed(error);
        } catch {}
      },
    );
    return reading;
  }

  /** Keeps what a reader of the body's stream is given; judges it once the stream ends. */
  function tapReader(tap: Tap, reader: ReadableStreamReader<Uint8Array>): void {
    const read = reader.read as (
      view?: unknown,
      options?: unknown,
    ) => Promise<ReadableStreamReadResult<Uint8Array>>;
    Object.defineProperty(reader, 'read', {
      configurable: true,
      writable: true,
      value: function (this: typeof reader, view?: unknown, options?: unknown) {
        const reading = read.call(this, view, options);
        if (tap.done) return reading;
        tap.idle = false;
        return tracked(
          tap,
          reading,
          (result) => {
            if (!tap.done) took(tap, result);
          },
          // A body that broke off is not judged; the caller meets the failure itself.
          () => settle(tap, undefined),
        );
      },
    });
  }
  function took(tap: Tap, { done, value }: ReadableStreamReadResult<Uint8Array>) {
    if (done) {
      if (tap.over) {
        settle(tap, answerOf(tap, { truncated: true }));
        return;
      }
      tap.bytes = joined(tap.chunks, tap.size) ?? new Uint8Array(0);
      tap.chunks.length = 0;
      // The caller may hand back what it parses the bytes into; if it does not, they are parsed.
      if (!sweeping) {
        sweeping = true;
        later(sweep);
      }
      return;
    }
    if (tap.over || !value) return;
    tap.size += value.byteLength;
    if (tap.size > limit) {
      tap.over = true;
      tap.chunks.length = 0;
    } else tap.chunks.push(tap.byob ? value.slice() : value);
  }

  /** Whether a sweep is due: it judges the bytes of streams read whole and not handed back. */
  let sweeping = false;
  function sweep(): void {
    sweeping = false;
    for (const tap of open) if (tap.bytes) settle(tap, bytesRead(tap, tap.bytes));
  }

  /** Judges a tapped answer still open: what was read, or a clone of a body no one took. */
  function close(tap: Tap): void {
    const { response } = tap;
    let found: Answer | Promise<Answer | undefined> | undefined;
    if (tap.bytes) found = bytesRead(tap, tap.bytes);
    else if (!tap.handedOut && !bodyUsed.call(response)) {
      try {
        // The clone takes a branch of the body; the caller can still read the answer.
        found = readCopy(clone.call(response), tap);
      } catch {}
    }
    // Taken by the caller and not read through the tap: its status and media type are judged.
    settle(tap, found ?? answerOf(tap, { truncated: true }));
  }

  /**
   * Takes what the judge needs from an answer and hands the caller the very `Response`: a
   * document's reads are tapped, another body is read from a clone, one without a body is
   * judged at once.
   */
  function take(request: Sent, response: Response): Response {
    const { status, headers } = response;
    if (status === 0 || (REDIRECTS.has(status) && headers.has('location'))) return response;
    const head: Head = { status, headers };
    const body =
      response instanceof Response
        ? bodyOf(Response.prototype, response)
        : (response as Response).body;
    const length = headers.get('content-length');
    if (!body || length === '0') {
      judge(request, answerOf(head, { truncated: false }));
      return response;
    }
    if (Number(length) > limit) {
      judge(request, answerOf(head, { truncated: true }));
      return response;
    }
    if (response instanceof Response && DOCUMENT.test(headers.get('content-type') ?? '')) {
      const tap = new Tap(status, headers, request, response);
      Object.defineProperty(response, TAP, { configurable: true, value: tap });
      Object.setPrototypeOf(response, tappingOver(Object.getPrototypeOf(response)));
      open.add(tap);
      return response;
    }
    judge(request, readCopy(response.clone(), head));
    return response;
  }

  const recordingFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request: Sent | undefined;
    try {
      if (input instanceof Request) {
        const spare = input.body && !input.bodyUsed ? input.clone() : undefined;
        request = new Sent(
          (init?.method ?? input.method).toUpperCase(),
          input.url,
          headerList(init?.headers ?? input.headers),
          spare
            ? spare.arrayBuffer().then((b) => ({ bytes: new Uint8Array(b) }))
            : bodyBytes(init?.body),
        );
      } else {
        request = new Sent(
          (init?.method ?? 'GET').toUpperCase(),
          String(input instanceof URL ? input.href : input),
          headerList(init?.headers),
          bodyBytes(init?.body),
        );
      }
      const sent = request;
      if (sent.body instanceof Promise) {
        // Known once read; a body that cannot be read is not judged, and never fails the call.
        sent.body.then(
          (body) => {
            sent.body = body;
          },
          () => {
            sent.body = { bytes: undefined, unread: true };
          },
        );
      }
    } catch {
      request = undefined;
    }
    const answer = inner(input, init);
    if (!request) return answer;
    const seen = request;
    const handed: Promise<Response> = answer.then(
      (response) => {
        inFlight.delete(handed);
        try {
          return take(seen, response);
        } catch {
          // Nothing was read yet: the answer goes on as it came, unjudged.
          return response;
        }
      },
      (error: unknown) => {
        inFlight.delete(handed);
        throw error;
      },
    );
    inFlight.add(handed);
    return handed;
  };

  return {
    fetch: recordingFetch as typeof globalThis.fetch,
    async flush() {
      const tick = () => new Promise<void>((resolve) => later(resolve));
      for (;;) {
        // Reads under way end first, and a caller reading a stream gets a step to read on.
        const reading = [...open].flatMap((tap) =>
          tap.pending > 0 && tap.reading ? [tap.reading] : [],
        );
        const idle = [...open].filter((tap) => tap.handedOut && !tap.bytes && !tap.idle);
        if (reading.length > 0 || idle.length > 0) {
          for (const tap of idle) tap.idle = true;
          await Promise.all(reading);
          await tick();
          continue;
        }
        for (const tap of [...open]) close(tap);
        if (inFlight.size === 0 && queue.length === 0 && !running && judging.size === 0) return;
        const calls = [...inFlight].map((call) => call.catch(() => undefined));
        await Promise.all([...calls, ...judging, run()]);
      }
    },
    report: () => recording.report(),
    format: () => formatReport(recording.report()),
    reset: () => recording.reset(),
  };
}
