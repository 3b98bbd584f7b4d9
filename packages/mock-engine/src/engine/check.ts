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
  type Validators,
} from './validation.js';

/** A request refused: its status and problems. */
export interface Refusal {
  status: number;
  problems: Problem[];
}

export interface BodyInput {
  /** The `Content-Type` header as sent. */
  contentType: string | undefined;
  body: Uint8Array | undefined;
}

const decoder = new TextDecoder();

export class Checker {
  constructor(
    private readonly spec: SpecModel,
    private readonly validators: Validators,
    private readonly codecs: Codecs,
    private readonly titles: Titles,
    readonly limits: ValueLimits = DEFAULT_VALUE_LIMITS,
  ) {}

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
    const validate = this.validators.get(paramsKey(op));
    if (!validate || validate(params)) return { params };
    const errors = validate.errors ?? [];
    const inPath = errors.some((e) => e.instancePath.startsWith('/path'));
    const status = inPath
      ? this.statusFor(op, [404, 400], 400)
      : this.statusFor(op, [400, 422], 400);
    return { params, refusal: { status, problems: paramProblems(this.titles, errors, status) } };
  }

  /**
   * The request body read with the codec of its media type and checked against its
   * schema, with the media type it matched; `undefined` for an operation without a body
   * or an optional body not sent.
   */
  async body(
    op: OperationModel,
    input: BodyInput,
  ): Promise<{ value: unknown; mediaType?: string } | Refusal> {
    const declared = op.body;
    if (!declared) return { value: undefined };
    const raw = input.body;
    let media: MediaModel | undefined;
    let value: unknown;
    if (!raw || raw.byteLength === 0) {
      if (!declared.required) return { value: undefined };
      media = declared.content[0];
      const schema = resolveSchema(this.spec.doc, media?.schema);
      if (!(isObject(schema) && (schema.type === 'object' || isObject(schema.properties)))) {
        const status = this.statusFor(op, [422, 400], 422);
        return { status, problems: [{ title: this.titles.missing('request body'), status }] };
      }
      value = {};
    } else {
      const contentType = essence(input.contentType);
      media = contentType
        ? declared.content.find((m) => mediaTypeMatches(m.mediaType, contentType))
        : undefined;
      if (!media) {
        const accepted = declared.content.map((m) => m.mediaType).join(', ');
        return {
          status: 415,
          problems: [
            {
              title: this.titles.unsupportedMediaType(contentType || '(none)', accepted),
              status: 415,
            },
          ],
        };
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
        return { status: 400, problems: [{ title: this.titles.malformedBody, status: 400 }] };
      }
    }
    const outOfBounds = this.bounds(op, value, 'body');
    if (outOfBounds) return outOfBounds;
    if (!media) return { value };
    const validate = this.validators.get(bodyKey(op, media.mediaType));
    if (validate && !validate(value)) {
      const status = this.statusFor(op, [422, 400], 422);
      return {
        status,
        problems: bodyProblems(
          this.titles,
          this.spec.doc,
          media.schema,
          validate.errors ?? [],
          status,
        ),
      };
    }
    return { value, mediaType: media.mediaType };
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
