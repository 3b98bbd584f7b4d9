import type { StatefulEngine } from '../state/stateful.js';
import {
  bodyProblems,
  errorDocument,
  missingTitle,
  type Problem,
  paramProblems,
} from './errors.js';
import { generateValue } from './generate.js';
import type { MockLayer, Principal } from './layer.js';
import {
  declaresStatus,
  findResponse,
  isJsonMediaType,
  isObject,
  type MediaModel,
  mediaTypeMatches,
  type OperationModel,
  resolveSchema,
  type SpecModel,
  successStatus,
} from './openapi.js';
import { formObject, parseParams, parseQueryString } from './params.js';
import { type Preference, parsePrefer } from './prefer.js';
import { createRandom } from './random.js';
import { Router } from './router.js';
import { bodyKey, paramsKey, responseKey, type Validators } from './validation.js';

/** A request as the engine sees it; each adapter builds one from its own kind of request. */
export interface RawRequest {
  method: string;
  /** The path as sent (percent-encoded), without the query. */
  path: string;
  /** The query string without `?`. */
  query: string;
  /** `http://host:port`, for the links the mock writes. */
  origin: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  body: Uint8Array | undefined;
  /** Set by an adapter that stopped reading a body larger than the limit. */
  bodyTooLarge?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  /** Drop the connection instead of answering (fault injection). */
  drop?: boolean;
}

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

export interface EngineControls {
  reset(): void;
  snapshot(): unknown;
  restore(state: unknown): void;
}

export interface EngineOptions {
  spec: SpecModel;
  validators: Validators;
  stateful: StatefulEngine | undefined;
  layer: MockLayer | undefined;
  latency: number | LatencyRange | undefined;
  faults: FaultOptions | undefined;
  bodyLimit: number;
  randomSeed: number;
  cors: boolean;
  acceptAnyToken: boolean;
  adminPath: string | false;
  controls: EngineControls;
}

/** Thrown (or turned into a dropped connection) when a fault is injected. */
export class MockNetworkError extends TypeError {
  constructor() {
    super('The mock dropped the connection (fault injection)');
    this.name = 'MockNetworkError';
  }
}

const decoder = new TextDecoder();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function chooseMedia(content: MediaModel[], accept: string | undefined): MediaModel | undefined {
  if (content.length === 0) return undefined;
  if (accept) {
    for (const part of accept.split(',')) {
      const wanted = (part.split(';')[0] ?? '').trim().toLowerCase();
      if (!wanted || wanted === '*/*') continue;
      const found = content.find(
        (m) => mediaTypeMatches(wanted, m.mediaType) || mediaTypeMatches(m.mediaType, wanted),
      );
      if (found) return found;
    }
  }
  return content[0];
}

/**
 * The mock's engine: routes a request to the document's operation, checks
 * credentials, parameters and body against it with the compiled validators, and
 * answers from the stateful world or from the document's examples and schemas.
 */
export class Engine {
  readonly router: Router;
  private readonly random: () => number;
  private readonly documentCache = new Map<string, RawResponse>();
  /** Validators still loading (documents the build did not see); awaited by the first requests. */
  private loading: Promise<void> | undefined;

  constructor(readonly options: EngineOptions) {
    this.router = new Router(options.spec);
    this.random = createRandom(options.randomSeed);
    this.loading = options.validators.ready;
  }

  get mode(): 'stateful' | 'stateless' {
    return this.options.stateful ? 'stateful' : 'stateless';
  }

  private json(
    status: number,
    mediaType: string,
    value: unknown,
    headers: Record<string, string> = {},
  ): RawResponse {
    return {
      status,
      headers: { 'content-type': mediaType, ...headers },
      body: value === undefined ? undefined : JSON.stringify(value),
    };
  }

  private errorMediaType(op: OperationModel | undefined, status: number): string {
    const declared = op ? findResponse(op, status) : undefined;
    return declared?.content[0]?.mediaType ?? this.options.spec.defaultMediaType;
  }

  problem(
    op: OperationModel | undefined,
    status: number,
    problems: Problem[] | string,
    headers: Record<string, string> = {},
  ): RawResponse {
    const list = typeof problems === 'string' ? [{ title: problems, status }] : problems;
    return this.json(
      status,
      this.errorMediaType(op, status),
      errorDocument(op, status, list),
      headers,
    );
  }

  /** The first of the candidate statuses the operation declares, else the fallback. */
  private statusFor(op: OperationModel, candidates: number[], fallback: number): number {
    return candidates.find((s) => declaresStatus(op, s)) ?? fallback;
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
    if (!this.options.cors) return response;
    response.headers['access-control-allow-origin'] = '*';
    response.headers['access-control-expose-headers'] = '*';
    return response;
  }

  async handle(request: RawRequest): Promise<RawResponse> {
    if (this.loading) {
      await this.loading;
      this.loading = undefined;
    }
    const ms = this.delay();
    if (ms > 0) await sleep(ms);
    return this.withCors(await this.dispatch(request));
  }

  private async dispatch(request: RawRequest): Promise<RawResponse> {
    const method = request.method.toUpperCase();
    const { adminPath } = this.options;
    if (adminPath && request.path.startsWith(`${adminPath}/`)) return this.admin(method, request);
    const fault = this.rollFault();
    if (fault === 'drop') return { status: 0, headers: {}, body: undefined, drop: true };
    const route = this.router.match(request.path);
    if (fault === 'error') {
      const statuses = this.options.faults?.errorStatuses ?? [500, 503];
      const status = statuses[Math.floor(this.random() * statuses.length)] ?? 500;
      const op = route?.operations.get(method);
      return this.problem(op, status, 'Internal Server Error', {
        'x-mock-fault': 'injected',
        ...(status === 503 || status === 429 ? { 'retry-after': '1' } : {}),
      });
    }
    if (!route) return this.problem(undefined, 404, 'No operation matches this path');
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
      return this.problem(undefined, 405, `Method ${method} is not allowed here`, { allow });
    }
    const response = await this.operate(op, route.params, request);
    if (head) response.body = undefined;
    return response;
  }

  private credential(op: OperationModel, request: RawRequest, pairs: () => [string, string][]) {
    if (op.security.length === 0) return { required: false, token: undefined };
    for (const alternative of op.security) {
      let token: string | undefined;
      let complete = true;
      for (const credential of alternative) {
        let value: string | undefined;
        if (credential.in === 'header') value = request.header(credential.name);
        else if (credential.in === 'query') {
          value = pairs().find(([key]) => key === credential.name)?.[1];
        } else {
          const cookies = request.header('cookie') ?? '';
          const found = cookies
            .split(';')
            .map((c) => c.trim())
            .find((c) => c.startsWith(`${credential.name}=`));
          value = found?.slice(credential.name.length + 1);
        }
        if (value === undefined || value.trim() === '') complete = false;
        else token ??= value.trim().replace(/^Bearer\s+/i, '');
      }
      if (complete) return { required: true, token };
    }
    return { required: true, token: undefined };
  }

  private async operate(
    op: OperationModel,
    rawPath: Record<string, string>,
    request: RawRequest,
  ): Promise<RawResponse> {
    const { spec, validators, layer, stateful } = this.options;
    let pairsCache: [string, string][] | undefined;
    const pairs = () => {
      pairsCache ??= parseQueryString(request.query);
      return pairsCache;
    };
    // Credentials
    const credential = this.credential(op, request, pairs);
    let principal: Principal | undefined;
    if (credential.required) {
      if (credential.token === undefined) {
        return this.problem(op, 401, 'API token is missing');
      }
      if (layer?.authenticate) {
        principal = layer.authenticate(credential.token);
        if (!principal && !this.options.acceptAnyToken) {
          return this.problem(op, 401, 'API token is invalid');
        }
      }
    }
    // Parameters
    const params = parseParams(spec.doc, op, rawPath, pairs(), (name) => request.header(name));
    const validateParams = validators.get(paramsKey(op));
    if (validateParams && !validateParams(params)) {
      const errors = validateParams.errors ?? [];
      const inPath = errors.some((e) => e.instancePath.startsWith('/path'));
      const status = inPath
        ? this.statusFor(op, [404, 400], 400)
        : this.statusFor(op, [400, 422], 400);
      return this.problem(op, status, paramProblems(errors, status));
    }
    // Reach of the credential
    const denied = layer?.authorize?.({
      op,
      path: params.path,
      principal,
      stateful: stateful !== undefined,
    });
    if (denied) return this.problem(op, denied.status, [denied]);
    // Body
    const body = await this.readBody(op, request);
    if ('response' in body) return body.response;
    // Answer
    const preference = parsePrefer(request.header('prefer'));
    if (preference) return this.documentAnswer(op, preference, request.header('accept'));
    if (stateful) {
      const outcome = stateful.handle({
        op,
        rawPath,
        path: params.path,
        query: params.query,
        pairs: pairs(),
        body: body.value,
        origin: request.origin,
        pathname: request.path,
      });
      if (outcome.type === 'response') {
        if (outcome.body === undefined || outcome.media === undefined) {
          return { status: outcome.status, headers: {}, body: undefined };
        }
        return this.json(outcome.status, outcome.media, outcome.body);
      }
      if (outcome.type === 'problem') return this.problem(op, outcome.status, outcome.title);
      if (outcome.invalidState) {
        const answer = this.documentAnswer(op, undefined, request.header('accept'));
        return { ...answer, headers: { ...answer.headers, 'x-mock-fallback': 'invalid-state' } };
      }
    }
    return this.documentAnswer(op, undefined, request.header('accept'));
  }

  private async readBody(
    op: OperationModel,
    request: RawRequest,
  ): Promise<{ value: unknown } | { response: RawResponse }> {
    const declared = op.body;
    if (!declared) return { value: undefined };
    const raw = request.body;
    if (request.bodyTooLarge || (raw && raw.byteLength > this.options.bodyLimit)) {
      return {
        response: this.problem(
          op,
          413,
          `Request body is larger than ${this.options.bodyLimit} bytes`,
        ),
      };
    }
    let media: MediaModel | undefined;
    let value: unknown;
    if (!raw || raw.byteLength === 0) {
      if (!declared.required) return { value: undefined };
      media = declared.content[0];
      const schema = resolveSchema(this.options.spec.doc, media?.schema);
      if (isObject(schema) && (schema.type === 'object' || isObject(schema.properties))) {
        value = {};
      } else {
        const status = this.statusFor(op, [422, 400], 422);
        return { response: this.problem(op, status, missingTitle('request body')) };
      }
    } else {
      const contentType = (request.header('content-type') ?? '')
        .split(';')[0]
        ?.trim()
        .toLowerCase();
      media = contentType
        ? declared.content.find((m) => mediaTypeMatches(m.mediaType, contentType))
        : undefined;
      if (!media) {
        const accepted = declared.content.map((m) => m.mediaType).join(', ');
        return {
          response: this.problem(
            op,
            415,
            `Unsupported media type ${contentType || '(none)'}; send ${accepted}`,
          ),
        };
      }
      const text = decoder.decode(raw);
      if (isJsonMediaType(media.mediaType) || isJsonMediaType(contentType ?? '')) {
        try {
          value = JSON.parse(text);
        } catch {
          return { response: this.problem(op, 400, 'Malformed request body') };
        }
      } else if (contentType === 'application/x-www-form-urlencoded') {
        value = formObject(this.options.spec.doc, media.schema, parseQueryString(text));
      } else if (contentType === 'multipart/form-data') {
        const entries: [string, string][] = [];
        try {
          const form = await new Response(raw as Uint8Array<ArrayBuffer>, {
            headers: { 'content-type': request.header('content-type') ?? '' },
          }).formData();
          // A file part stands for its name: bodies are checked, files are not kept.
          for (const [key, entry] of form.entries()) {
            entries.push([key, typeof entry === 'string' ? entry : entry.name]);
          }
        } catch {
          return { response: this.problem(op, 400, 'Malformed request body') };
        }
        value = formObject(this.options.spec.doc, media.schema, entries);
      } else {
        value = text;
      }
    }
    if (!media) return { value };
    const validate = this.options.validators.get(bodyKey(op, media.mediaType));
    if (validate && !validate(value)) {
      const status = this.statusFor(op, [422, 400], 422);
      return {
        response: this.problem(
          op,
          status,
          bodyProblems(this.options.spec.doc, media.schema, validate.errors ?? [], status),
        ),
      };
    }
    return { value };
  }

  /** A value for a response schema that its validator accepts (a few seeds are tried). */
  private generated(
    op: OperationModel,
    declared: string,
    media: MediaModel,
    dynamic: boolean,
  ): unknown {
    const validate = this.options.validators.get(responseKey(op, declared, media.mediaType));
    let value: unknown;
    for (let attempt = 0; attempt < 10; attempt++) {
      const seed = dynamic ? Math.floor(this.random() * 2 ** 31) : attempt;
      value = generateValue(media.schema, { doc: this.options.spec.doc, seed, dynamic });
      if (!validate || validate(value)) return value;
    }
    return value;
  }

  /** An answer taken from the document: an example, or data generated from the schema. */
  documentAnswer(
    op: OperationModel,
    preference: Preference | undefined,
    accept: string | undefined,
  ): RawResponse {
    const cacheKey = `${op.key} ${accept ?? ''}`;
    if (!preference) {
      const cached = this.documentCache.get(cacheKey);
      if (cached) return { ...cached, headers: { ...cached.headers } };
    }
    let status = preference?.code ?? successStatus(op);
    if (preference?.example && preference.code === undefined) {
      const holder = op.responses.find((r) =>
        r.content.some((m) => m.examples.some((e) => e.name === preference.example)),
      );
      if (holder && /^[0-9]{3}$/.test(holder.status)) status = Number(holder.status);
    }
    const response = findResponse(op, status);
    if (!response) {
      return this.problem(op, 404, `The operation declares no response with status ${status}`);
    }
    const media = chooseMedia(response.content, accept);
    let answer: RawResponse;
    if (!media) {
      answer = { status, headers: {}, body: undefined };
    } else if (preference?.example) {
      const example = media.examples.find((e) => e.name === preference.example);
      if (!example) {
        return this.problem(
          op,
          404,
          `The response ${status} has no example named ${preference.example}`,
        );
      }
      answer = this.json(status, media.mediaType, example.value);
    } else if (preference?.dynamic) {
      answer = this.json(status, media.mediaType, this.generated(op, response.status, media, true));
    } else if (media.examples[0]) {
      answer = this.json(status, media.mediaType, media.examples[0].value);
    } else {
      answer = this.json(
        status,
        media.mediaType,
        this.generated(op, response.status, media, false),
      );
    }
    if (!preference) {
      // Keyed by Accept too: bounded, since clients may send any Accept header.
      if (this.documentCache.size >= 1000) this.documentCache.clear();
      this.documentCache.set(cacheKey, { ...answer, headers: { ...answer.headers } });
    }
    return answer;
  }

  private admin(method: string, request: RawRequest): RawResponse {
    const { adminPath, controls } = this.options;
    const action = request.path.slice(String(adminPath).length + 1);
    if (action === 'reset' && method === 'POST') {
      controls.reset();
      return { status: 204, headers: {}, body: undefined };
    }
    if (action === 'state' && method === 'GET') {
      return this.json(200, 'application/json', controls.snapshot());
    }
    if (action === 'state' && method === 'PUT') {
      try {
        controls.restore(JSON.parse(decoder.decode(request.body ?? new Uint8Array())));
      } catch (error) {
        return this.json(400, 'application/json', {
          errors: [{ title: `Cannot load this state: ${(error as Error).message}`, status: '400' }],
        });
      }
      return { status: 204, headers: {}, body: undefined };
    }
    return this.json(404, 'application/json', {
      errors: [{ title: 'Unknown mock administration path', status: '404' }],
    });
  }
}
