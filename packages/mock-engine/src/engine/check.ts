/**
 * Checking traffic against the description, in both directions: a request's parameters
 * and body (read with the media codecs), and an answer's body. The engine checks the
 * requests it serves and the answers it makes up; a proxy or a recorder can check real
 * traffic with the same functions.
 */
import {
  declaresStatus,
  essence,
  isObject,
  type MediaModel,
  mediaTypeMatches,
  type OperationModel,
  type ParsedParams,
  parseParams,
  resolveSchema,
  type SpecModel,
} from '@proseapi/openapi-model';
import type { Codecs } from './codecs.js';
import { DEFAULT_VALUE_LIMITS, measureValue, type ValueLimits } from './limits.js';
import { bodyProblems, type Problem, paramProblems, type Titles } from './problems.js';
import {
  bodyKey,
  type ErrorObject,
  paramsKey,
  responseKey,
  ValidatorCache,
  type Validators,
} from './validation.js';

/** A request refused: its status and problems. */
export interface Refusal {
  status: number;
  problems: Problem[];
}

/**
 * A request body as read: absent (none declared, or an optional one not sent), missing (a
 * required one not sent), of a media type the operation does not take, unreadable by its
 * codec, or read, with the validator's errors (none when it fits).
 */
export type BodyReading =
  | { state: 'absent' }
  | { state: 'missing' }
  | { state: 'unsupported'; contentType: string; accepted: string[] }
  | { state: 'malformed'; media: MediaModel }
  /** Past the value bounds (too deep, too many members, a prototype's name). */
  | { state: 'refused'; refusal: Refusal }
  | { state: 'read'; media: MediaModel | undefined; value: unknown; errors: ErrorObject[] };

export interface BodyInput {
  /** The `Content-Type` header as sent. */
  contentType: string | undefined;
  body: Uint8Array | undefined;
}

const decoder = new TextDecoder();

export class Checker {
  /** The parameters' validator of each operation. */
  private readonly paramValidators: ValidatorCache<OperationModel>;
  /** The body validator of each declared media type of a body. */
  private readonly bodyValidators: ValidatorCache<MediaModel>;

  constructor(
    private readonly spec: SpecModel,
    private readonly validators: Validators,
    private readonly codecs: Codecs,
    private readonly titles: Titles,
    readonly limits: ValueLimits = DEFAULT_VALUE_LIMITS,
  ) {
    this.paramValidators = new ValidatorCache(validators);
    this.bodyValidators = new ValidatorCache(validators);
  }

  /**
   * The first of the candidate statuses the operation declares as a code, else the first
   * a declared range (`4XX`) covers, else the fallback.
   */
  statusFor(op: OperationModel, candidates: number[], fallback: number): number {
    return (
      candidates.find((s) => op.responses.some((r) => r.status === String(s))) ??
      candidates.find((s) => declaresStatus(op, s)) ??
      fallback
    );
  }

  /** The refusal of a value past the bounds (too deep, too big, a prototype's name), if any. */
  private bounds(
    op: OperationModel,
    value: unknown,
    where: 'body' | 'params',
  ): Refusal | undefined {
    const { fault } = measureValue(value, this.limits);
    if (!fault) return undefined;
    const status =
      where === 'body' ? this.statusFor(op, [422, 400], 422) : this.statusFor(op, [400, 422], 400);
    let title: string;
    if (fault.kind === 'depth') title = this.titles.bodyTooDeep(this.limits.depth);
    else if (fault.kind === 'members') title = this.titles.bodyTooManyMembers(this.limits.members);
    else if (where === 'body') {
      title = this.titles.invalid(fault.path.filter((p) => typeof p === 'string').join('.'));
    } else {
      const [, param, ...members] = fault.path.map(String);
      title = this.titles.invalid(`${param}${members.map((m) => `[${m}]`).join('')}`);
    }
    return { status, problems: [{ title, status }] };
  }

  /** Every parameter of the request, typed, and the validator's errors (none when they fit). */
  readParams(
    op: OperationModel,
    rawPath: Record<string, string>,
    pairs: [string, string][],
    header: (name: string) => string | undefined,
  ): { params: ParsedParams; errors: ErrorObject[] } {
    const params = parseParams(this.spec.doc, op, rawPath, pairs, header);
    return { params, errors: this.paramErrors(op, params) };
  }

  private paramErrors(op: OperationModel, params: ParsedParams): ErrorObject[] {
    const validate = this.paramValidators.get(op, () => paramsKey(op));
    if (!validate || validate(params)) return [];
    return validate.errors ?? [];
  }

  /** Every parameter of the request, typed, or the refusal of the ones that break their schema. */
  params(
    op: OperationModel,
    rawPath: Record<string, string>,
    pairs: [string, string][],
    header: (name: string) => string | undefined,
  ): { params: ParsedParams; refusal?: Refusal } {
    const params = parseParams(this.spec.doc, op, rawPath, pairs, header);
    const outOfBounds = this.bounds(op, params, 'params');
    if (outOfBounds) return { params, refusal: outOfBounds };
    const errors = this.paramErrors(op, params);
    if (errors.length === 0) return { params };
    const inPath = errors.some((e) => e.instancePath.startsWith('/path'));
    const status = inPath
      ? this.statusFor(op, [404, 400], 400)
      : this.statusFor(op, [400, 422], 400);
    return { params, refusal: { status, problems: paramProblems(this.titles, errors, status) } };
  }

  /**
   * The request body read with the codec of its media type and checked against its schema.
   * A required body that is absent reads as `{}` when its schema is an object; a value past
   * the bounds is refused before any schema sees it.
   */
  async readBody(op: OperationModel, input: BodyInput): Promise<BodyReading> {
    const declared = op.body;
    if (!declared) return { state: 'absent' };
    const raw = input.body;
    let media: MediaModel | undefined;
    let value: unknown;
    if (!raw || raw.byteLength === 0) {
      if (!declared.required) return { state: 'absent' };
      media = declared.content[0];
      const schema = resolveSchema(this.spec.doc, media?.schema);
      if (!(isObject(schema) && (schema.type === 'object' || isObject(schema.properties)))) {
        return { state: 'missing' };
      }
      value = {};
    } else {
      const contentType = essence(input.contentType);
      media = contentType
        ? declared.content.find((m) => mediaTypeMatches(m.mediaType, contentType))
        : undefined;
      if (!media) {
        const accepted = declared.content.map((m) => m.mediaType);
        return { state: 'unsupported', contentType, accepted };
      }
      const codec = this.codecs.for(contentType) ?? this.codecs.for(media.mediaType);
      try {
        value = codec
          ? await codec.parse(raw, {
              mediaType: media.mediaType,
              contentType: input.contentType ?? '',
              schema: media.schema,
              doc: this.spec.doc,
            })
          : decoder.decode(raw);
      } catch {
        return { state: 'malformed', media };
      }
    }
    const outOfBounds = this.bounds(op, value, 'body');
    if (outOfBounds) return { state: 'refused', refusal: outOfBounds };
    if (!media) return { state: 'read', media, value, errors: [] };
    const { mediaType } = media;
    const validate = this.bodyValidators.get(media, () => bodyKey(op, mediaType));
    const errors = validate && !validate(value) ? (validate.errors ?? []) : [];
    return { state: 'read', media, value, errors };
  }

  /**
   * The request body read with the codec of its media type and checked against its
   * schema; `undefined` for an operation without a body or an optional body not sent.
   */
  async body(
    op: OperationModel,
    input: BodyInput,
  ): Promise<{ value: unknown; mediaType?: string | undefined } | Refusal> {
    const reading = await this.readBody(op, input);
    switch (reading.state) {
      case 'absent':
        return { value: undefined };
      case 'missing': {
        const status = this.statusFor(op, [422, 400], 422);
        return { status, problems: [{ title: this.titles.missing('request body'), status }] };
      }
      case 'unsupported': {
        const title = this.titles.unsupportedMediaType(
          reading.contentType || '(none)',
          reading.accepted.join(', '),
        );
        return { status: 415, problems: [{ title, status: 415 }] };
      }
      case 'malformed':
        return { status: 400, problems: [{ title: this.titles.malformedBody, status: 400 }] };
      case 'refused':
        return reading.refusal;
    }
    if (reading.errors.length === 0 || !reading.media) {
      return { value: reading.value, mediaType: reading.media?.mediaType };
    }
    const status = this.statusFor(op, [422, 400], 422);
    return {
      status,
      problems: bodyProblems(
        this.titles,
        this.spec.doc,
        reading.media.schema,
        reading.errors,
        status,
      ),
    };
  }

  /**
   * The validator's errors for an answer's value under a declared response (its status
   * key as declared: `200`, `2XX`, `DEFAULT`); empty when it fits or nothing checks it.
   */
  answer(op: OperationModel, declared: string, mediaType: string, value: unknown): ErrorObject[] {
    const validate = this.validators.get(responseKey(op, declared, mediaType));
    if (!validate || validate(value)) return [];
    return validate.errors ?? [];
  }
}
