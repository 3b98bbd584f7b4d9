/**
 * What the engine asks of an API's dialect: how its errors look, which media types it
 * speaks beyond JSON, forms and text, whose credentials a request carries, and, for APIs
 * that need it, how a request chooses its answer's form, how bodies and answers are shaped,
 * and which calls the dialect answers itself.
 */
import type { OperationModel, ParsedParams } from '@proseapi/openapi-model';
import type { Credential } from './auth.js';
import type { MediaCodec } from './codecs.js';
import type { ErrorFormat, Problem } from './problems.js';

/** Who a request's credentials belong to, as the dialect knows it. */
export interface Principal {
  id: string;
  [key: string]: unknown;
}

/** Where a request's credentials, identity or choice of answer may be read. */
export interface RequestSource {
  /** A query parameter's first value. */
  query(name: string): string | undefined;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
}

export interface AuthenticateContext extends RequestSource {
  op: OperationModel;
  /** The credentials of the security alternative the request satisfied. */
  credentials: Credential[];
}

export interface AuthorizeContext {
  op: OperationModel;
  params: ParsedParams;
  principal: Principal | undefined;
  /** Whether a stateful world answers (a stateless mock has no records to check against). */
  stateful: boolean;
}

/** A body or an answer: its media type (lower-case, as the description declares it) and value. */
export interface Media {
  mediaType: string | undefined;
  value: unknown;
}

/** A request's parsed, validated body, as the dialect may restate it for the world. */
export interface ReceiveContext {
  op: OperationModel;
  /** The media type the body matched, as the description declares it. */
  mediaType: string;
  value: unknown;
}

/** A request as a dialect's `present` and `respond` see it. */
export interface CallRequest extends RequestSource {
  /** `http://host:port`, for links the answer writes. */
  origin: string;
  /** The path as sent. */
  pathname: string;
  /** The query string's pairs, in order. */
  pairs: [string, string][];
}

/** An answer made from the world or the description, before it is written. */
export interface PresentContext extends Media {
  op: OperationModel;
  status: number;
  /** Whether the stateful world made the answer, or the description (its examples, its schemas). */
  from: 'world' | 'description';
  params: ParsedParams;
  /** The `Accept` the request asks with (after the dialect's `accept`). */
  accept: string | undefined;
  request: CallRequest;
}

/** A call an operation of the dialect's own answers. */
export interface RespondContext {
  op: OperationModel;
  params: ParsedParams;
  /** The parsed, validated body. */
  body: unknown;
  principal: Principal | undefined;
  accept: string | undefined;
  request: CallRequest;
}

/** What the dialect answers a call with. */
export interface DialectAnswer extends Media {
  status: number;
  headers?: Record<string, string>;
}

export interface Dialect {
  /** The API's name, for messages. */
  name: string;
  errors: ErrorFormat;
  /** Codecs of the API's own media types (they win over the built-in ones). */
  codecs?: readonly MediaCodec[];
  /**
   * The principal the credentials belong to; `undefined` refuses them with 401. Without
   * it, any credentials that are present pass.
   */
  authenticate?(context: AuthenticateContext): Principal | undefined;
  /** A refusal (403, 404 …) when the principal may not make this call. */
  authorize?(context: AuthorizeContext): Problem | undefined;
  /**
   * A refusal when the body, read and checked, names what the principal may not use (a
   * record outside its reach, say). Called after `authorize` and the body's checks.
   */
  authorizeBody?(context: AuthorizeContext & { body: unknown }): Problem | undefined;
  /**
   * The `Accept` a request asks with, for APIs that also choose the answer's form in the
   * query (`?format=xml`); without it, the `Accept` header. Errors and answers follow it.
   */
  accept?(request: RequestSource): string | undefined;
  /**
   * A body as the world is to see it, for APIs whose media types carry the same fields in
   * different shapes (one wraps them in a key, the other does not); default: as parsed.
   */
  receive?(context: ReceiveContext): unknown;
  /**
   * The answer as it is to be written: its media type and value, for APIs that shape
   * answers after the query (fields left out or added) or convert them between media types.
   * Called for every answer from the world or the description, not for the engine's refusals.
   */
  present?(context: PresentContext): Media;
  /**
   * The answer to a call the dialect makes itself (a token endpoint, say), in a stateful and
   * a stateless mock alike; `undefined` leaves the call to the world or the description.
   */
  respond?(context: RespondContext): DialectAnswer | undefined;
}
