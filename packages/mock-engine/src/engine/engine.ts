/**
 * One request's way through the mock: route it to an operation of the description, read
 * and check its credentials (the dialect says whose they are), parameters and body, then
 * answer from the stateful world or from the description. Knows no API's words: errors,
 * media types and identities come from the dialect.
 */
import type { Fixture } from '@proseapi/conformance';
import {
  findResponse,
  isJsonMediaType,
  type OperationModel,
  type ParsedParams,
  parseQueryString,
  type SpecModel,
} from '@proseapi/openapi-model';
import { type AdminOptions, type AdminRefusal, adminAnswer, isAdminPath } from './admin.js';
import { DocumentAnswers } from './answers.js';
import { type CredentialCheck, type CredentialSource, credentialReader } from './auth.js';
import { Checker, type Refusal } from './check.js';
import { Codecs } from './codecs.js';
import type { CallRequest, Dialect, Media, Principal, RequestSource } from './dialect.js';
import { DEFAULT_VALUE_LIMITS, type ValueLimits } from './limits.js';
import { parsePrefer } from './prefer.js';
import { DEFAULT_TITLES, type Problem, type Titles } from './problems.js';
import { createRandom } from './random.js';
import type { RecordedAnswers } from './recorded.js';
import type { RawRequest, RawResponse } from './request.js';
import { Router } from './router.js';
import type { Validators } from './validation.js';
import { type Outcome, type World, WorldFull } from './world.js';

export interface LatencyRange {
  min: number;
  max: number;
}

export interface FaultOptions {
  /** Share of requests (0–1) answered with a 5xx status. */
  errorRate?: number;
  /** Statuses those answers use, one picked at random (default `[500, 503]`). */
  errorStatuses?: number[];
  /** Share of requests (0–1) whose connection is dropped without any answer. */
  dropRate?: number;
}

export interface EngineOptions {
  spec: SpecModel;
  validators: Validators;
  dialect: Dialect;
  /** The stateful world; without one every answer comes from the description. */
  world?: World | undefined;
  latency?: number | LatencyRange | undefined;
  faults?: FaultOptions | undefined;
  /** Largest accepted body in bytes. */
  bodyLimit: number;
  randomSeed: number;
  /** `Access-Control-Allow-Origin: *` on every answer, and preflight answers. */
  cors: boolean;
  /** Credentials the dialect does not know pass anyway (with no principal). */
  acceptAnyToken: boolean;
  /** Where the administration endpoints answer, their secret, and what they control. */
  admin?: AdminOptions | undefined;
  /** Bounds of request bodies and parameters (default: 64 levels, 100,000 members). */
  limits?: ValueLimits | undefined;
  /** Real answers recorded earlier, served for the same request before anything else. */
  recorded?: RecordedAnswers | undefined;
}

/** Largest answer kept to be sent again, and most characters kept in all. */
const CACHED_ANSWER_MAX = 256 * 1024;
const CACHE_MAX = 16 * 1024 * 1024;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a dialect's `present` learns of the call an answer is for. */
interface Call {
  params: ParsedParams;
  accept: string | undefined;
  request: CallRequest;
}

/**
 * What a dialect sees of a request: its query is parsed on first use, once. A class, so
 * that a request costs one small object rather than an object literal with an accessor.
 */
class CallSource implements CallRequest {
  readonly origin: string;
  readonly pathname: string;
  private parsed: [string, string][] | undefined;

  constructor(private readonly request: RawRequest) {
    this.origin = request.origin;
    this.pathname = request.path;
  }

  get pairs(): [string, string][] {
    this.parsed ??= parseQueryString(this.request.query);
    return this.parsed;
  }

  readonly header = (name: string): string | undefined => this.request.header(name);

  readonly query = (name: string): string | undefined =>
    this.pairs.find(([key]) => key === name)?.[1];
}

/** What the engine works out once per operation, on first use. */
interface OperationPlan {
  credentials: (source: CredentialSource) => CredentialCheck;
}

export class Engine {
  readonly router: Router;
  readonly titles: Titles;
  readonly checker: Checker;
  private readonly codecs: Codecs;
  private readonly answers: DocumentAnswers;
  private readonly random: () => number;
  private readonly plans = new Map<string, OperationPlan>();
  private readonly documentCache = new Map<string, RawResponse>();
  /** Answers of the world to `GET`s, valid while its revision stays the same. */
  private readonly worldCache = new Map<string, { revision: number; response: RawResponse }>();
  private worldCacheSize = 0;
  /** Validators still loading (documents no build saw); awaited by the first requests. */
  private loading: Promise<void> | undefined;

  constructor(readonly options: EngineOptions) {
    this.router = new Router(options.spec);
    this.random = createRandom(options.randomSeed);
    this.titles = { ...DEFAULT_TITLES, ...options.dialect.errors.titles };
    this.codecs = new Codecs(options.dialect.codecs);
    this.checker = new Checker(
      options.spec,
      options.validators,
      this.codecs,
      this.titles,
      options.limits ?? DEFAULT_VALUE_LIMITS,
    );
    this.answers = new DocumentAnswers(options.spec, this.checker, this.random);
    this.loading = options.validators.ready;
  }

  get mode(): 'stateful' | 'stateless' {
    return this.options.world ? 'stateful' : 'stateless';
  }

  private plan(op: OperationModel): OperationPlan {
    let plan = this.plans.get(op.key);
    if (!plan) {
      plan = { credentials: credentialReader(op) };
      this.plans.set(op.key, plan);
    }
    return plan;
  }

  /** An answer carrying a value, written by the codec of its media type. */
  private write(
    status: number,
    mediaType: string | undefined,
    value: unknown,
    schema: unknown,
    headers: Record<string, string> = {},
  ): RawResponse {
    if (mediaType === undefined || value === undefined) {
      return { status, headers: { ...headers }, body: undefined };
    }
    const body = this.codecs.write(value, { mediaType, schema, doc: this.options.spec.doc });
    // The usual answer's headers in one object (CORS ones too), rather than added one by one.
    const all = this.options.cors
      ? {
          'content-type': mediaType,
          'access-control-allow-origin': '*',
          'access-control-expose-headers': '*',
          ...headers,
        }
      : { 'content-type': mediaType, ...headers };
    return { status, headers: all, body };
  }

  /** An error answer in the dialect's format (`accept`: what the request asks with). */
  problem(
    op: OperationModel | undefined,
    status: number,
    problems: Problem[] | string,
    accept?: string,
    headers: Record<string, string> = {},
  ): RawResponse {
    const list = typeof problems === 'string' ? [{ title: problems, status }] : problems;
    const { mediaType, value, schema } = this.options.dialect.errors.render(op, status, list, {
      accept,
    });
    return this.write(
      status,
      mediaType,
      value,
      schema ?? this.schemaOf(op, status, mediaType),
      headers,
    );
  }

  /** The schema of an answer's media type, as the operation declares it for the status. */
  private schemaOf(
    op: OperationModel | undefined,
    status: number,
    mediaType: string | undefined,
  ): unknown {
    const content = op ? findResponse(op, status)?.content : undefined;
    return (content?.find((m) => m.mediaType === mediaType) ?? content?.[0])?.schema;
  }

  private refuse(op: OperationModel, refusal: Refusal, accept: string | undefined): RawResponse {
    return this.problem(op, refusal.status, refusal.problems, accept);
  }

  /** The answer as the dialect presents it (its media type and value), then written. */
  private present(
    op: OperationModel,
    status: number,
    media: Media,
    from: 'world' | 'description',
    call: Call,
  ): RawResponse {
    const { present } = this.options.dialect;
    const { mediaType, value } = present
      ? present({
          op,
          status,
          from,
          params: call.params,
          accept: call.accept,
          request: call.request,
          mediaType: media.mediaType,
          value: media.value,
        })
      : media;
    return this.write(status, mediaType, value, this.schemaOf(op, status, mediaType));
  }

  private delay(): number {
    const { latency } = this.options;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    return latency.min + Math.round(this.random() * Math.max(0, latency.max - latency.min));
  }

  private rollFault(): 'drop' | 'error' | undefined {
    const { faults } = this.options;
    if (!faults) return undefined;
    const dropRate = faults.dropRate ?? 0;
    const errorRate = faults.errorRate ?? 0;
    if (dropRate <= 0 && errorRate <= 0) return undefined;
    const roll = this.random();
    if (roll < dropRate) return 'drop';
    if (roll < dropRate + errorRate) return 'error';
    return undefined;
  }

  private withCors(response: RawResponse): RawResponse {
    if (!this.options.cors || 'access-control-allow-origin' in response.headers) return response;
    response.headers = {
      ...response.headers,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': '*',
    };
    return response;
  }

  /**
   * An error answer in the API's format for a refusal made outside any operation:
   * `node:http`'s own cases (400, 408, 417, 431), too many connections (503), a failure
   * of the mock (500). Without CORS headers.
   */
  transportAnswer(status: number): RawResponse {
    return this.problem(
      undefined,
      status,
      status === 500 ? this.titles.internal : this.titles.transport(status),
    );
  }

  /** Answers one request; never rejects, and never answers but in the API's format. */
  async handle(request: RawRequest): Promise<RawResponse> {
    try {
      if (this.loading) {
        await this.loading;
        this.loading = undefined;
      }
      const { admin } = this.options;
      // The administration endpoints: no latency, no faults, no CORS.
      if (admin && isAdminPath(admin, request.path)) {
        return adminAnswer(admin, request, (refusal) => this.adminRefusal(refusal));
      }
      const ms = this.delay();
      if (ms > 0) await sleep(ms);
      return this.withCors(await this.dispatch(request));
    } catch {
      return this.withCors(this.transportAnswer(500));
    }
  }

  private adminRefusal(refusal: AdminRefusal): RawResponse {
    const { titles } = this;
    const title =
      refusal.status === 401
        ? titles.adminSecret
        : refusal.status === 413
          ? titles.bodyTooLarge(this.options.bodyLimit)
          : refusal.status === 400
            ? titles.stateRefused(refusal.reason)
            : titles.noOperation;
    const answer = this.problem(undefined, refusal.status, title);
    delete answer.headers['access-control-allow-origin'];
    delete answer.headers['access-control-expose-headers'];
    return answer;
  }

  private async dispatch(request: RawRequest): Promise<RawResponse> {
    const method = request.method.toUpperCase();
    const { dialect } = this.options;
    const fault = this.rollFault();
    if (fault === 'drop') return { status: 0, headers: {}, body: undefined, drop: true };
    const source = new CallSource(request);
    const accept = dialect.accept ? dialect.accept(source) : request.header('accept');
    const route = this.router.match(request.path);
    if (fault === 'error') {
      const statuses = this.options.faults?.errorStatuses ?? [500, 503];
      const status = statuses[Math.floor(this.random() * statuses.length)] ?? 500;
      return this.problem(
        route?.operations.get(method),
        status,
        this.titles.injectedFault,
        accept,
        {
          'x-mock-fault': 'injected',
          ...(status === 503 || status === 429 ? { 'retry-after': '1' } : {}),
        },
      );
    }
    if (!route) return this.problem(undefined, 404, this.titles.noOperation, accept);
    let op = route.operations.get(method);
    const head = method === 'HEAD' && !op;
    if (head) op = route.operations.get('GET');
    if (!op) {
      const allow = [...route.operations.keys()].join(', ');
      if (method === 'OPTIONS' && this.options.cors) {
        return {
          status: 204,
          headers: {
            allow,
            'access-control-allow-methods': allow,
            'access-control-allow-headers': request.header('access-control-request-headers') ?? '*',
            'access-control-max-age': '600',
          },
          body: undefined,
        };
      }
      return this.problem(undefined, 405, this.titles.methodNotAllowed(method), accept, { allow });
    }
    const response = await this.operate(op, route.params, request, source, accept);
    if (head) response.body = undefined;
    return response;
  }

  private authenticate(
    op: OperationModel,
    source: RequestSource,
    accept: string | undefined,
  ): { principal: Principal | undefined } | RawResponse {
    const check = this.plan(op).credentials(source);
    if (!check.required) return { principal: undefined };
    if (!check.credentials) return this.problem(op, 401, this.titles.credentialsMissing, accept);
    const { authenticate } = this.options.dialect;
    if (!authenticate) return { principal: undefined };
    // The request's readers only: spreading the source would parse its query for nothing.
    const principal = authenticate({
      op,
      credentials: check.credentials,
      header: source.header,
      query: source.query,
    });
    if (!principal && !this.options.acceptAnyToken) {
      return this.problem(op, 401, this.titles.credentialsInvalid, accept);
    }
    return { principal };
  }

  private async operate(
    op: OperationModel,
    rawPath: Record<string, string>,
    request: RawRequest,
    source: CallRequest,
    accept: string | undefined,
  ): Promise<RawResponse> {
    const { dialect, world } = this.options;
    const who = this.authenticate(op, source, accept);
    if ('status' in who) return who;
    const { params, refusal } = this.checker.params(op, rawPath, source.pairs, (name) =>
      request.header(name),
    );
    if (refusal) return this.refuse(op, refusal, accept);
    const denied = dialect.authorize?.({
      op,
      params,
      principal: who.principal,
      stateful: world !== undefined,
    });
    if (denied) return this.problem(op, denied.status, [denied], accept);
    if (
      op.body &&
      (request.bodyTooLarge || (request.body?.byteLength ?? 0) > this.options.bodyLimit)
    ) {
      return this.problem(op, 413, this.titles.bodyTooLarge(this.options.bodyLimit), accept);
    }
    const body = await this.checker.body(op, {
      contentType: request.header('content-type'),
      body: request.body,
    });
    if ('problems' in body) return this.refuse(op, body, accept);
    const deniedBody = dialect.authorizeBody?.({
      op,
      params,
      principal: who.principal,
      stateful: world !== undefined,
      body: body.value,
    });
    if (deniedBody) return this.problem(op, deniedBody.status, [deniedBody], accept);
    const value =
      dialect.receive && body.mediaType !== undefined
        ? dialect.receive({ op, mediaType: body.mediaType, value: body.value })
        : body.value;
    const call: Call = { params, accept, request: source };
    const preference = parsePrefer(request.header('prefer'));
    if (preference) return this.documentAnswer(op, preference, call, request.query);
    const recorded = this.options.recorded?.find(op.method, request.path, request.query);
    if (recorded) return this.recordedAnswer(op, recorded);
    const own = dialect.respond?.({
      op,
      params,
      body: value,
      principal: who.principal,
      accept,
      request: source,
    });
    if (own) {
      const schema = this.schemaOf(op, own.status, own.mediaType);
      return this.write(own.status, own.mediaType, own.value, schema, own.headers);
    }
    if (world) {
      const revision = world.revision?.();
      const cacheKey =
        revision !== undefined && op.method === 'GET'
          ? `${request.origin}${request.path}?${request.query} ${accept ?? ''}`
          : undefined;
      if (cacheKey !== undefined) {
        const hit = this.worldCache.get(cacheKey);
        if (hit && hit.revision === revision) {
          return { ...hit.response, headers: { ...hit.response.headers } };
        }
      }
      let outcome: Outcome;
      try {
        outcome = world.handle({
          op,
          rawPath,
          params,
          pairs: source.pairs,
          body: value,
          origin: request.origin,
          pathname: request.path,
          principal: who.principal,
          header: (name) => request.header(name),
        });
      } catch (error) {
        if (!(error instanceof WorldFull)) throw error;
        const status = this.checker.statusFor(op, [507, 413], 413);
        return this.problem(op, status, this.titles.storeFull(error.scope, error.limit), accept);
      }
      if (outcome.type === 'answer') {
        const response = this.present(op, outcome.status, outcome, 'world', call);
        // Kept only when reading changed nothing (a task that moves on as it is read is not).
        const size = (cacheKey?.length ?? 0) + (response.body?.length ?? 0);
        if (
          cacheKey !== undefined &&
          world.revision?.() === revision &&
          size <= CACHED_ANSWER_MAX
        ) {
          // Bounded in entries and in characters: clients may vary the query at will.
          if (this.worldCache.size >= 1000 || this.worldCacheSize + size > CACHE_MAX) {
            this.worldCache.clear();
            this.worldCacheSize = 0;
          }
          this.worldCacheSize += size;
          this.worldCache.set(cacheKey, {
            revision: revision as number,
            response: { ...response, headers: { ...response.headers } },
          });
        }
        return response;
      }
      if (outcome.type === 'not-found') return this.problem(op, 404, this.titles.notFound, accept);
      if (outcome.invalidState) {
        const answer = this.documentAnswer(op, undefined, call, request.query);
        answer.headers['x-mock-fallback'] = 'invalid-state';
        return answer;
      }
    }
    return this.documentAnswer(op, undefined, call, request.query);
  }

  /** A recorded real answer, as it was recorded (its body written back as JSON unless it was text). */
  private recordedAnswer(op: OperationModel, recorded: Fixture): RawResponse {
    const mediaType =
      recorded.contentType ?? findResponse(op, recorded.status)?.content[0]?.mediaType;
    if (recorded.body === undefined || mediaType === undefined) {
      return this.withRecordedMark({ status: recorded.status, headers: {}, body: undefined });
    }
    const text =
      typeof recorded.body === 'string' && !isJsonMediaType(mediaType)
        ? recorded.body
        : JSON.stringify(recorded.body);
    return this.withRecordedMark({
      status: recorded.status,
      headers: { 'content-type': mediaType },
      body: text,
    });
  }

  private withRecordedMark(response: RawResponse): RawResponse {
    response.headers['x-mock-source'] = 'recorded';
    return response;
  }

  /**
   * An answer taken from the description, cached per operation and Accept without
   * `Prefer` (and per query too when the dialect presents answers after it).
   */
  private documentAnswer(
    op: OperationModel,
    preference: ReturnType<typeof parsePrefer>,
    call: Call,
    query: string,
  ): RawResponse {
    const { accept } = call;
    const cacheKey = `${op.key} ${accept ?? ''}${this.options.dialect.present ? ` ?${query}` : ''}`;
    if (!preference) {
      const cached = this.documentCache.get(cacheKey);
      if (cached) return { ...cached, headers: { ...cached.headers } };
    }
    const answer = this.answers.answer(op, preference, accept);
    if ('unknown' in answer) {
      return this.problem(
        op,
        404,
        answer.unknown === 'status'
          ? this.titles.noResponse(answer.status)
          : this.titles.noExample(answer.status, answer.name),
        accept,
      );
    }
    const response = this.present(op, answer.status, answer, 'description', call);
    if (!preference) {
      // Keyed by Accept too: bounded, since clients may send any Accept header.
      if (this.documentCache.size >= 1000) this.documentCache.clear();
      this.documentCache.set(cacheKey, { ...response, headers: { ...response.headers } });
    }
    return response;
  }
}
