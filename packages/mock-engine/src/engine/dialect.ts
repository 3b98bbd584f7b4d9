/**
 * What the engine asks of an API's dialect: how its errors look, which media types it
 * speaks beyond JSON, forms and text, and whose credentials a request carries.
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

export interface AuthenticateContext {
  op: OperationModel;
  /** The credentials of the security alternative the request satisfied. */
  credentials: Credential[];
  /** A query parameter's first value (an identity some APIs send beside the credentials). */
  query(name: string): string | undefined;
  header(name: string): string | undefined;
}

export interface AuthorizeContext {
  op: OperationModel;
  params: ParsedParams;
  principal: Principal | undefined;
  /** Whether a stateful world answers (a stateless mock has no records to check against). */
  stateful: boolean;
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
}
