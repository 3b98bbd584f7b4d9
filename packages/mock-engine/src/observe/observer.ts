/**
 * Judges real exchanges against the description, in both directions, with the engine's own
 * router, codecs and validators (the checker), and writes what departs from it into a
 * conformance recording: statuses, media types, bodies that break their schemas, members
 * the description does not name, error texts it does not show, endpoints it lacks. Every
 * sample is redacted. It never throws for an exchange's sake.
 */
import type { FindingInput, Recording, Redactor, Sample, Standing } from '@proseapi/conformance';
import {
  closedNarrowsOnly,
  declaresStatus,
  deref,
  escapePointer,
  essence,
  findResponse,
  isJsonMediaType,
  isObject,
  type JsonObject,
  jsonType,
  type MediaModel,
  mediaTypeMatches,
  type OperationModel,
  parseQueryString,
  pointerGet,
  provenanceOf,
  type ResponseModel,
  type SchemaNode,
  type SpecModel,
  schemaAt,
  undeclaredMembers,
  unescapePointer,
} from '@proseapi/openapi-model';
import { Checker } from '../engine/check.js';
import { BUILT_IN_CODECS, Codecs, type MediaCodec } from '../engine/codecs.js';
import { DEFAULT_TITLES } from '../engine/problems.js';
import { type RouteMatch, Router } from '../engine/router.js';
import {
  closedKey,
  type ErrorObject,
  hashSpec,
  responseKey,
  type ValidateFn,
  type Validators,
} from '../engine/validation.js';

/** One exchange as it went over the wire. */
export interface Exchange {
  method: string;
  /** The URL as sent, for samples. */
  url: string;
  /** The path relative to the API's base (percent-encoded as sent), without the query. */
  path: string;
  /** The query string, without `?`. */
  query: string;
  /** A list given is read as it is, until the judgement settles: it must not change meanwhile. */
  requestHeaders: Iterable<[string, string]>;
  requestBody: Uint8Array | undefined;
  /** Set when the request body was longer than what was kept: it is not judged. */
  requestTruncated?: boolean;
  status: number;
  responseHeaders: Iterable<[string, string]>;
  responseBody: Uint8Array | undefined;
  /** Set when the answer's body was longer than what was kept: it is not judged. */
  responseTruncated?: boolean;
  /**
   * The answer's body as its reader already parsed it, for a JSON media type: judged as it
   * is, with no second parse (`responseBody` may then be left out). It is judged before
   * `judgeNow` returns, so a reader that changes it afterwards changes nothing recorded.
   */
  responseValue?: { value: unknown };
  /** Set when the reader's parse of the answer's body (JSON) failed: the body is unreadable. */
  responseMalformed?: boolean;
}

export interface ObserverOptions {
  spec: SpecModel;
  validators: Validators;
  recording: Recording;
  redactor: Redactor;
  /** Media codecs beyond JSON, forms and text (the dialect's). */
  codecs?: MediaCodec[];
  /** Names of the members of an error answer that hold its texts. */
  textMembers?: readonly string[];
  /** Largest body a sample keeps, in characters (default 16 384). */
  sampleChars?: number;
}

/** Members of error answers that carry their texts, in many APIs' words. */
export const TEXT_MEMBERS = [
  'title',
  'detail',
  'message',
  'error',
  'error_description',
  'description',
  'reason',
] as const;

const decoder = new TextDecoder();

/** `[{…}]` and `{…}` members become pointer segments; array indices are written `*`. */
function normalise(path: readonly (string | number)[]): string {
  return path.map((s) => `/${typeof s === 'number' ? '*' : escapePointer(s)}`).join('');
}

/** Pointer segments of an Ajv instance path, indices as numbers where the value is an array. */
function segmentsOf(value: unknown, instancePath: string): (string | number)[] {
  const out: (string | number)[] = [];
  let current = value;
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = unescapePointer(raw);
    if (Array.isArray(current)) {
      out.push(Number(segment));
      current = current[Number(segment)];
    } else {
      out.push(segment);
      current = isObject(current) ? current[segment] : undefined;
    }
  }
  return out;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/** The texts of an error answer: strings under the text members, at any depth. */
function errorTexts(
  value: unknown,
  members: ReadonlySet<string>,
): { pointer: string; text: string }[] {
  const out: { pointer: string; text: string }[] = [];
  const walk = (current: unknown, path: (string | number)[], depth: number) => {
    if (depth > 16 || out.length > 64) return;
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        walk(item, [...path, index], depth + 1);
      });
    } else if (isObject(current)) {
      for (const [name, member] of Object.entries(current)) {
        if (typeof member === 'string' && members.has(name)) {
          out.push({ pointer: normalise([...path, name]), text: member });
        } else walk(member, [...path, name], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return out;
}

/** What the description shows for the texts of one error answer. */
interface DescribedTexts {
  /** Pointer → every text the examples show there. */
  all: Map<string, Set<string>>;
  /** Pointers where an example copied from a page shows a text, with those pages. */
  documented: Map<string, string[]>;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function words(type: unknown): string {
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

/** Request lines remembered at most; past that, the memory starts again. */
const MAX_LINES = 1_000;

interface RequestLine {
  route: RouteMatch | undefined;
  op: OperationModel | undefined;
  /** Its parameters were judged sound, and the operation reads them from the line alone. */
  sound: boolean;
}

/** A judge that fails says nothing of the traffic; the exchange still counts. */
const failed = (): void => {};

export class Observer {
  private readonly router: Router;
  private readonly checker: Checker;
  private readonly codecs: Codecs;
  private readonly recording: Recording;
  private readonly redactor: Redactor;
  private readonly spec: SpecModel;
  private readonly validators: Validators;
  private readonly textMembers: ReadonlySet<string>;
  private readonly sampleChars: number;
  private readonly described = new Map<string, DescribedTexts>();
  /** The validators of each declared answer's media type (as declared, and closed), looked up once. */
  private readonly answerValidators = new WeakMap<
    MediaModel,
    { validate: ValidateFn | undefined; closed: ValidateFn | undefined; closedFirst: boolean }
  >();
  /** Validators still loading (a description no build saw). */
  private loading: Promise<void> | undefined;
  /**
   * What each request line (method, path and query) seen lately reached, and whether its
   * parameters were found sound: an operation that takes no header or cookie parameter reads
   * the same parameters from the same line, so they are not judged again. Its body and the
   * answer are judged every time.
   */
  private readonly lines = new Map<string, RequestLine>();

  constructor(options: ObserverOptions) {
    this.spec = options.spec;
    this.router = new Router(options.spec);
    this.codecs = new Codecs([...(options.codecs ?? []), ...BUILT_IN_CODECS]);
    this.validators = options.validators;
    this.checker = new Checker(options.spec, options.validators, this.codecs, DEFAULT_TITLES);
    this.recording = options.recording;
    this.redactor = options.redactor;
    this.textMembers = new Set(options.textMembers ?? TEXT_MEMBERS);
    this.sampleChars = options.sampleChars ?? 16_384;
    this.loading = options.validators.ready;
  }

  /** Which description the observer judges against, for the report. */
  static describe(spec: SpecModel): { title?: string; version?: string; fingerprint: string } {
    const info = isObject(spec.doc.info) ? spec.doc.info : {};
    return {
      ...(typeof info.title === 'string' ? { title: info.title } : {}),
      ...(typeof info.version === 'string' ? { version: info.version } : {}),
      fingerprint: hashSpec(spec.doc),
    };
  }

  /** Judges one exchange and records what departs from the description; never rejects. */
  async observe(exchange: Exchange): Promise<void> {
    await this.judgeNow(exchange);
  }

  /**
   * Judges one exchange at once, as far as it can: all of it, but for a request body whose
   * codec reads it later, or every part when the validators are still loading (a value given
   * parsed is then copied first). Returns what is left to wait for, if anything; never throws,
   * and what it returns never rejects.
   */
  judgeNow(exchange: Exchange): Promise<void> | undefined {
    if (this.loading) {
      let later = exchange;
      try {
        if (exchange.responseValue) {
          later = {
            ...exchange,
            responseValue: { value: structuredClone(exchange.responseValue.value) },
          };
        }
      } catch {
        const { responseValue: _, ...rest } = exchange;
        later = { ...rest, responseTruncated: true };
      }
      return this.loading.then(() => {
        this.loading = undefined;
        return this.judgeNow(later);
      }, failed);
    }
    try {
      return this.judge(exchange)?.catch(failed);
    } catch {
      return undefined;
    }
  }

  private judge(x: Exchange): Promise<void> | undefined {
    this.recording.exchange();
    const requestHeaders = Array.isArray(x.requestHeaders)
      ? (x.requestHeaders as [string, string][])
      : [...x.requestHeaders];
    this.redactor.learnHeaders(requestHeaders);
    const method = x.method.toUpperCase();
    const key = `${method} ${x.path}?${x.query}`;
    let line = this.lines.get(key);
    if (!line) {
      const found = this.router.match(x.path);
      let op = found?.operations.get(method);
      if (!op && method === 'HEAD') op = found?.operations.get('GET');
      line = { route: found, op, sound: false };
      if (this.lines.size >= MAX_LINES) this.lines.clear();
      this.lines.set(key, line);
    }
    const { route, op } = line;
    const requestHeader = (name: string) => headerIn(requestHeaders, name);
    // The answer's headers are listed only for a sample.
    const responseHeader = (name: string) => headerIn(x.responseHeaders, name);
    const sampleOf = (direction: 'request' | 'response', value?: { value: unknown }): Sample => {
      const headers = direction === 'request' ? requestHeaders : [...x.responseHeaders];
      const raw = direction === 'request' ? x.requestBody : x.responseBody;
      const contentType =
        direction === 'request' ? requestHeader('content-type') : responseHeader('content-type');
      return this.sample(
        x,
        headers,
        contentType,
        raw,
        value ?? (direction === 'response' ? x.responseValue : undefined),
      );
    };
    if (!route || !op) {
      // An endpoint the description lacks, when the API answers it; 404 and 405 say it does not exist.
      if (x.status < 400) {
        this.recording.add(
          {
            operation: `${method} ${this.redactor.text(x.path)}`,
            status: x.status,
            direction: 'response',
            pointer: '',
            kind: 'unknown-operation',
            message: route
              ? `the description has no ${method} for this path`
              : 'the description has no such path',
            schemaPointer: '#/paths',
            standing: { fact: 'absent' },
          },
          () => sampleOf('response'),
        );
      }
      return;
    }
    const operation = op;
    const base: Pick<FindingInput, 'operation' | 'operationId' | 'status'> = operation.operationId
      ? { operation: operation.key, operationId: operation.operationId, status: x.status }
      : { operation: operation.key, status: x.status };
    let request: Promise<void> | undefined;
    if (x.status >= 200 && x.status < 300) {
      if (!line.sound) {
        const errors = this.judgeParams(operation, route.params, x, requestHeader, base, sampleOf);
        line.sound =
          errors === 0 && operation.params.every((p) => p.in === 'path' || p.in === 'query');
      }
      // Without a body declared, any body reads as absent: nothing to judge.
      if (!x.requestTruncated && operation.body) {
        request = this.judgeRequestBody(operation, x, requestHeader, base, sampleOf);
      }
    }
    // The answer is judged at once, while the request's body may still be read by its codec.
    let response: Promise<void> | undefined;
    try {
      response = this.judgeResponse(operation, x, responseHeader, base, sampleOf);
    } catch (error) {
      request?.catch(() => undefined);
      throw error;
    }
    if (request && response) return Promise.all([request, response]).then(() => undefined);
    return request ?? response;
  }

  private sample(
    x: Exchange,
    headers: [string, string][],
    contentType: string | undefined,
    raw: Uint8Array | undefined,
    parsed: { value: unknown } | undefined,
  ): Sample {
    const sample: Sample = {
      method: x.method.toUpperCase(),
      url: this.redactor.url(x.url),
      status: x.status,
      headers: this.redactor.headers(headers),
    };
    if (contentType) sample.contentType = contentType;
    if (parsed !== undefined) {
      const value = this.redactor.value(parsed.value);
      const text = JSON.stringify(value) ?? '';
      if (text.length <= this.sampleChars) sample.body = value;
      else {
        sample.body = text.slice(0, this.sampleChars);
        sample.truncated = true;
      }
    } else if (raw && raw.byteLength > 0) {
      const text = this.redactor.text(decoder.decode(raw));
      sample.body = text.length > this.sampleChars ? text.slice(0, this.sampleChars) : text;
      if (text.length > this.sampleChars) sample.truncated = true;
    }
    return sample;
  }

  private standing(way: readonly unknown[]): Standing {
    const { assumed, sources } = provenanceOf(way);
    if (assumed !== undefined) return { fact: 'assumed', reason: assumed };
    return { fact: 'documented', ...(sources.length > 0 ? { sources } : {}) };
  }

  /** Judges a request's parameters; returns how many errors it found. */
  private judgeParams(
    op: OperationModel,
    rawPath: Record<string, string>,
    x: Exchange,
    header: (name: string) => string | undefined,
    base: Pick<FindingInput, 'operation' | 'operationId' | 'status'>,
    sampleOf: (direction: 'request', value?: { value: unknown }) => Sample,
  ): number {
    const { params, errors } = this.checker.readParams(
      op,
      rawPath,
      parseQueryString(x.query),
      header,
    );
    for (const error of errors) {
      const segments = segmentsOf(params, error.instancePath);
      const location = segments[0] as string | undefined;
      const name = segments[1];
      const param = op.params.find(
        (p) => p.in === location && (p.in === 'header' ? p.name.toLowerCase() : p.name) === name,
      );
      const paramPointer =
        param && Array.isArray(op.raw.parameters)
          ? `${op.pointer}/parameters/${op.raw.parameters.findIndex((raw) => {
              const resolved = deref<JsonObject>(this.spec.doc, raw);
              return isObject(resolved) && resolved.name === param.name && resolved.in === param.in;
            })}`
          : undefined;
      const way: unknown[] = [op.raw];
      if (param) way.push(param);
      this.recording.add(
        {
          ...base,
          direction: 'request',
          ...this.describeError(error, params, segments, 'parameter'),
          ...(paramPointer && !paramPointer.endsWith('/-1') ? { schemaPointer: paramPointer } : {}),
          standing: this.standing(way),
        },
        () => sampleOf('request'),
      );
    }
    return errors.length;
  }

  private async judgeRequestBody(
    op: OperationModel,
    x: Exchange,
    header: (name: string) => string | undefined,
    base: Pick<FindingInput, 'operation' | 'operationId' | 'status'>,
    sampleOf: (direction: 'request', value?: { value: unknown }) => Sample,
  ): Promise<void> {
    const reading = await this.checker.readBody(op, {
      contentType: header('content-type'),
      body: x.requestBody,
    });
    const bodyRaw = op.raw.requestBody;
    const body = deref<JsonObject>(this.spec.doc, bodyRaw);
    if (reading.state === 'unsupported') {
      this.recording.add(
        {
          ...base,
          direction: 'request',
          pointer: '',
          kind: 'undeclared-content-type',
          detail: reading.contentType || '(none)',
          message: `a ${reading.contentType || 'body without a media type'} body, where the description takes ${reading.accepted.join(', ')}`,
          expected: reading.accepted,
          observed: [reading.contentType || '(none)'],
          standing: this.standing([op.raw, body]),
        },
        () => sampleOf('request'),
      );
    } else if (reading.state === 'malformed') {
      this.recording.add(
        {
          ...base,
          direction: 'request',
          pointer: '',
          kind: 'unreadable-body',
          message: `a body that is not ${reading.media.mediaType}`,
        },
        () => sampleOf('request'),
      );
    } else if (reading.state === 'read' && reading.media) {
      const media = reading.media;
      const mediaRaw = isObject(body?.content) ? body.content[media.mediaType] : undefined;
      for (const error of reading.errors) {
        const segments = segmentsOf(reading.value, error.instancePath);
        const located = this.locate(media, reading.value, segments, error);
        this.recording.add(
          {
            ...base,
            direction: 'request',
            ...this.describeError(error, reading.value, segments, 'member'),
            ...(located ? { schemaPointer: located.pointer } : {}),
            standing: this.standing([op.raw, body, mediaRaw, ...(located?.way ?? [])]),
          },
          () => sampleOf('request', { value: reading.value }),
        );
      }
    }
  }

  /** Judges an answer: at once, or once its codec has read its body when that takes a while. */
  private judgeResponse(
    op: OperationModel,
    x: Exchange,
    header: (name: string) => string | undefined,
    base: Pick<FindingInput, 'operation' | 'operationId' | 'status'>,
    sampleOf: (direction: 'response', value?: { value: unknown }) => Sample,
  ): Promise<void> | undefined {
    const declared = findResponse(op, x.status);
    const contentType = essence(header('content-type'));
    const hasBody =
      x.responseValue !== undefined ||
      x.responseMalformed === true ||
      x.responseTruncated === true ||
      (x.responseBody !== undefined && x.responseBody.byteLength > 0);
    if (!declared || (!declaresStatus(op, x.status) && declared.status !== 'DEFAULT')) {
      const sameClass = op.responses.filter((r) => r.status[0] === String(x.status)[0]);
      const statuses = op.responses.map((r) => r.status);
      const responses = isObject(op.raw.responses) ? op.raw.responses : {};
      const classWay = sameClass.map((r) =>
        deref(this.spec.doc, responses[r.status] ?? responses[r.status.toLowerCase()]),
      );
      // The statuses of this class are documented when one of them is shown on a page.
      const documented = classWay.find((r) => isObject(r) && r['x-assumed'] === undefined);
      const standing: Standing =
        sameClass.length > 0 && documented === undefined
          ? { fact: 'assumed', reason: String((classWay[0] as JsonObject)['x-assumed']) }
          : this.standing([op.raw]);
      this.recording.add(
        {
          ...base,
          direction: 'response',
          pointer: '',
          kind: 'undeclared-status',
          message: `status ${x.status} is not declared (the operation declares ${statuses.join(', ')})`,
          expected: statuses,
          observed: [String(x.status)],
          schemaPointer: `${op.pointer}/responses`,
          standing,
        },
        () => sampleOf('response', this.tryJson(x, contentType)),
      );
      this.noteTexts(op, x, contentType, undefined);
      return;
    }
    const noBody = x.method.toUpperCase() === 'HEAD' || x.status === 204 || x.status === 304;
    const accepted = () => declared.content.map((m) => m.mediaType);
    const contentFinding = (message: string, observed: string) =>
      this.recording.add(
        {
          ...base,
          direction: 'response',
          pointer: '',
          kind: 'undeclared-content-type',
          detail: observed,
          message,
          expected: accepted(),
          observed: [observed],
          schemaPointer: `${declared.content[0]?.schemaPointer.replace(/\/content\/[^/]+\/schema$/, '') ?? `${op.pointer}/responses/${declared.status}`}/content`,
          standing: this.standing([op.raw, ...declared.content.map((m) => this.mediaRaw(m))]),
        },
        () => sampleOf('response'),
      );
    if (declared.content.length === 0) {
      if (hasBody && !noBody)
        contentFinding(
          `a ${contentType || 'body'} body, where the description declares none`,
          contentType || '(unknown)',
        );
      return;
    }
    if (!hasBody) {
      if (!noBody)
        contentFinding(
          `no body, where the description declares ${accepted().join(', ')}`,
          '(none)',
        );
      return;
    }
    const media = declared.content.find((m) => mediaTypeMatches(m.mediaType, contentType));
    if (!media) {
      contentFinding(
        `a ${contentType || 'body without a media type'} body, where the description declares ${accepted().join(', ')}`,
        contentType || '(none)',
      );
      return;
    }
    if (x.responseTruncated) return undefined;
    const codec = this.codecs.for(contentType) ?? this.codecs.for(media.mediaType);
    const unreadable = () =>
      this.recording.add(
        {
          ...base,
          direction: 'response',
          pointer: '',
          kind: 'unreadable-body',
          message: `a body that is not ${media.mediaType}`,
        },
        () => sampleOf('response'),
      );
    // A value its reader parsed is taken as it is, for a JSON media type only.
    const given = isJsonMediaType(contentType) ? x.responseValue : undefined;
    if (x.responseMalformed || (!given && !x.responseBody)) {
      if (x.responseMalformed) unreadable();
      return undefined;
    }
    let read: unknown;
    try {
      read = given
        ? given.value
        : codec
          ? codec.parse(x.responseBody as Uint8Array, {
              mediaType: media.mediaType,
              contentType: header('content-type') ?? '',
              schema: media.schema,
              doc: this.spec.doc,
            })
          : decoder.decode(x.responseBody);
    } catch {
      unreadable();
      return undefined;
    }
    const judgeValue = (value: unknown) =>
      this.judgeValue(op, x, header, base, sampleOf, declared, media, contentType, value);
    if (typeof (read as { then?: unknown } | null)?.then === 'function') {
      return Promise.resolve(read).then(judgeValue, unreadable);
    }
    judgeValue(read);
    return undefined;
  }

  /** Judges the value read from an answer's body against its declared media type. */
  private judgeValue(
    op: OperationModel,
    x: Exchange,
    header: (name: string) => string | undefined,
    base: Pick<FindingInput, 'operation' | 'operationId' | 'status'>,
    sampleOf: (direction: 'response', value?: { value: unknown }) => Sample,
    declared: ResponseModel,
    media: MediaModel,
    contentType: string,
    value: unknown,
  ): void {
    // The media type's own node, looked up only for a finding's standing.
    const mediaRaw = () => this.mediaRaw(media);
    const parsed = { value };
    const validators = this.validatorsOf(op, declared.status, media);
    // Where the closed schema takes no value its schema refuses, one validator does for both.
    const closedTook = validators.closedFirst && (validators.closed as ValidateFn)(value);
    const errors = closedTook
      ? []
      : keptErrors(
          validators.validate && !validators.validate(value)
            ? (validators.validate.errors ?? [])
            : [],
        );
    for (const error of errors) {
      const segments = segmentsOf(value, error.instancePath);
      const located = this.locate(media, value, segments, error);
      this.recording.add(
        {
          ...base,
          direction: 'response',
          ...this.describeError(error, value, segments, 'member'),
          ...(located ? { schemaPointer: located.pointer } : {}),
          standing: this.standing([op.raw, mediaRaw(), ...(located?.way ?? [])]),
        },
        () => sampleOf('response', parsed),
      );
    }
    // An answer its schema takes and its closed schema takes too has no undeclared member
    // (the closed validator exists only where it finds them exactly): no walk is needed.
    const closed = errors.length === 0 ? validators.closed : undefined;
    if (media.schema !== undefined && !closedTook && !closed?.(value)) {
      for (const member of undeclaredMembers(
        this.spec.doc,
        media.schema,
        media.schemaPointer,
        value,
      )) {
        const name = String(member.path.at(-1));
        this.recording.add(
          {
            ...base,
            direction: 'response',
            pointer: normalise(member.path),
            kind: 'undeclared-member',
            message: `member "${name}" is not declared`,
            observed: [jsonType(valueAt(value, member.path))],
            schemaPointer: member.holder.pointer,
            standing: this.standing([op.raw, mediaRaw(), ...member.way.map((n) => n.node)]),
          },
          () => sampleOf('response', parsed),
        );
      }
    }
    if (x.status >= 400) this.noteTexts(op, x, contentType, { media, value });
    if (this.recording.keepsFixtures) {
      const request = {
        method: x.method.toUpperCase(),
        // A secret in the path or query is taken out too (the fixture then matches no request).
        path: this.redactor.text(x.path),
        query: this.redactor.url(`?${x.query}`).slice(1),
        status: x.status,
      };
      // The body is redacted only for a fixture that is kept.
      if (this.recording.wantsFixture(request)) {
        this.recording.fixture({
          operation: op.key,
          ...request,
          ...(header('content-type') ? { contentType: header('content-type') as string } : {}),
          body: this.redactor.value(value),
        });
      }
    }
  }

  /** The validators of a declared answer's media type, as declared and closed (looked up once). */
  private validatorsOf(
    op: OperationModel,
    status: string,
    media: MediaModel,
  ): { validate: ValidateFn | undefined; closed: ValidateFn | undefined; closedFirst: boolean } {
    let found = this.answerValidators.get(media);
    if (!found) {
      const validate = this.validators.get(responseKey(op, status, media.mediaType));
      const closed = this.validators.get(closedKey(op, status, media.mediaType));
      found = {
        validate,
        closed,
        closedFirst:
          validate !== undefined &&
          closed !== undefined &&
          closedNarrowsOnly(this.spec.doc, media.schema),
      };
      this.answerValidators.set(media, found);
    }
    return found;
  }

  private mediaRaw(media: MediaModel): unknown {
    return pointerGet(this.spec.doc, media.schemaPointer.replace(/\/schema$/, ''));
  }

  /** The answer's body as JSON: the value its reader parsed, or its bytes parsed, if they are JSON. */
  private tryJson(x: Exchange, contentType: string): { value: unknown } | undefined {
    if (!/json/.test(contentType)) return undefined;
    if (x.responseValue) return x.responseValue;
    const body = x.responseBody;
    if (!body || body.byteLength === 0) return undefined;
    try {
      return { value: JSON.parse(decoder.decode(body)) };
    } catch {
      return undefined;
    }
  }

  /** Error texts of an answer: each noted; one the description does not show where it documents texts is a mismatch. */
  private noteTexts(
    op: OperationModel,
    x: Exchange,
    contentType: string,
    read: { media: MediaModel; value: unknown } | undefined,
  ): void {
    if (x.status < 400) return;
    const value = read ? read.value : this.tryJson(x, contentType)?.value;
    if (value === undefined) return;
    const described = read ? this.describedTexts(op, x.status, read.media) : undefined;
    for (const { pointer, text } of errorTexts(value, this.textMembers)) {
      const clean = this.redactor.text(text);
      const inDescription = described?.all.get(pointer)?.has(text) ?? false;
      this.recording.text({
        operation: op.key,
        status: x.status,
        pointer,
        text: clean,
        inDescription,
      });
      const pages = described?.documented.get(pointer);
      if (inDescription || !pages || !read) continue;
      const shown = [...(described?.all.get(pointer) ?? [])];
      this.recording.add(
        {
          operation: op.key,
          ...(op.operationId ? { operationId: op.operationId } : {}),
          status: x.status,
          direction: 'response',
          pointer,
          kind: 'error-text',
          detail: clean,
          message: `error text "${clean}" is not among the texts the description shows (${shown.map((t) => `"${t}"`).join(', ')})`,
          expected: shown,
          observed: [clean],
          schemaPointer: read.media.schemaPointer.replace(/\/schema$/, ''),
          standing: { fact: 'documented', ...(pages.length > 0 ? { sources: pages } : {}) },
        },
        () => this.sample(x, [...x.responseHeaders], contentType, x.responseBody, { value }),
      );
    }
  }

  /** The texts the description's examples show for one error answer (cached). */
  private describedTexts(op: OperationModel, status: number, media: MediaModel): DescribedTexts {
    const key = `${op.key} ${status} ${media.mediaType}`;
    let described = this.described.get(key);
    if (described) return described;
    described = { all: new Map(), documented: new Map() };
    const raw = this.mediaRaw(media);
    const examples: { value: unknown; pages: string[] | undefined }[] = [];
    if (isObject(raw)) {
      if ('example' in raw) examples.push({ value: raw.example, pages: undefined });
      if (isObject(raw.examples)) {
        for (const entry of Object.values(raw.examples)) {
          const example = deref<JsonObject>(this.spec.doc, entry);
          if (!isObject(example) || !('value' in example)) continue;
          const pages = example['x-sources'];
          examples.push({
            value: example.value,
            pages: Array.isArray(pages)
              ? pages.filter((p): p is string => typeof p === 'string')
              : undefined,
          });
        }
      }
    }
    // A text is documented for this operation when its example names one of the operation's
    // pages (a shared example documented on other operations' pages says nothing of this one).
    const own = new Set(Array.isArray(op.raw['x-sources']) ? op.raw['x-sources'] : []);
    for (const { value, pages: named } of examples) {
      const pages = named && (own.size === 0 || named.some((p) => own.has(p))) ? named : undefined;
      for (const { pointer, text } of errorTexts(value, this.textMembers)) {
        const set = described.all.get(pointer) ?? new Set<string>();
        set.add(text);
        described.all.set(pointer, set);
        if (pages)
          described.documented.set(pointer, [
            ...new Set([...(described.documented.get(pointer) ?? []), ...pages]),
          ]);
      }
    }
    if (this.described.size < 4096) this.described.set(key, described);
    return described;
  }

  /** The node of the description that states what an error breaks, and the nodes on the way. */
  private locate(
    media: MediaModel,
    value: unknown,
    segments: (string | number)[],
    error: ErrorObject,
  ): { pointer: string; way: unknown[] } | undefined {
    if (media.schema === undefined) return undefined;
    const place = schemaAt(this.spec.doc, media.schema, media.schemaPointer, segments, { value });
    const hash = error.schemaPath.indexOf('#');
    const suffix = hash === -1 ? '' : error.schemaPath.slice(hash + 1);
    const keyword = suffix.slice(suffix.lastIndexOf('/') + 1);
    const holderSuffix = suffix.slice(0, suffix.length - keyword.length - 1);
    const candidates: SchemaNode[] = [
      ...place.nodes,
      ...place.way.slice(0, place.way.length - place.nodes.length).reverse(),
    ];
    for (const candidate of candidates) {
      const holder = `${candidate.pointer}${holderSuffix}`;
      const node = pointerGet(this.spec.doc, holder);
      if (isObject(node) && keyword in node) {
        return { pointer: holder, way: [...place.way.map((n) => n.node), node] };
      }
    }
    const last = place.nodes.at(-1);
    return last ? { pointer: last.pointer, way: place.way.map((n) => n.node) } : undefined;
  }

  /** The pointer, kind, detail and words of one validator error. */
  private describeError(
    error: ErrorObject,
    value: unknown,
    segments: (string | number)[],
    noun: 'member' | 'parameter',
  ): Pick<FindingInput, 'pointer' | 'kind' | 'detail' | 'message' | 'expected' | 'observed'> {
    const params = error.params as Record<string, unknown>;
    const at = valueAt(value, segments);
    switch (error.keyword) {
      case 'required': {
        const name = String(params.missingProperty);
        return {
          pointer: normalise([...segments, name]),
          kind: 'invalid-value',
          detail: 'required',
          message: `${noun} "${name}" is missing; the description requires it`,
          expected: name,
        };
      }
      case 'type':
        return {
          pointer: normalise(segments),
          kind: 'invalid-value',
          detail: 'type',
          message: `${words(jsonType(at))} where the description says ${words(params.type)}`,
          expected: params.type,
          observed: [jsonType(at)],
        };
      case 'additionalProperties': {
        const name = String(params.additionalProperty);
        const member = valueAt(at, [name]);
        return {
          pointer: normalise([...segments, name]),
          kind: 'undeclared-member',
          message: `member "${name}" is not declared (the object is closed)`,
          observed: [jsonType(member)],
        };
      }
      default:
        return {
          pointer: normalise(segments),
          kind: 'invalid-value',
          detail: error.keyword,
          message: `${JSON.stringify(this.redactor.value(at))?.slice(0, 80) ?? 'the value'} ${error.message ?? `breaks "${error.keyword}"`}`,
          expected: params,
          observed: [jsonType(at)],
        };
    }
  }
}

/**
 * The errors worth reporting: when a `oneOf`/`anyOf` fails, the errors of its branches
 * (which come before it) are its detail, not mismatches of their own.
 */
function keptErrors(errors: ErrorObject[]): ErrorObject[] {
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      const prefix = error.instancePath;
      for (let i = kept.length - 1; i >= 0; i--) {
        const path = (kept[i] as ErrorObject).instancePath;
        if (path === prefix || path.startsWith(`${prefix}/`)) kept.splice(i, 1);
      }
    }
    kept.push(error);
  }
  return kept;
}

/** A header by lower-case name; a `Headers` is asked for it, not listed. */
function headerIn(headers: Iterable<[string, string]>, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of headers) if (key.toLowerCase() === name) return value;
  return undefined;
}
