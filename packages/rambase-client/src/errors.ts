import {
  ApiError,
  type ApiErrorInit,
  ApiNetworkError,
  type ApiOperation,
  ApiTimeoutError,
} from '@proseapi/client-kit';
import type { components } from '@proseapi/rambase-types';

/** Which call failed: its operationId, method and the path template it was made with. */
export type RamBaseOperation = ApiOperation;
/** RamBase's error body (`httpStatusCode`, `message`, `translatedMessage`, `errorMessage`, …). */
export type RamBaseErrorBody = components['schemas']['Error'];
/** The token endpoint's refusal (`error_code`, `message`, `targets`). */
export type LoginError = components['schemas']['LoginError'];

/**
 * The API answered with an error status, or with an answer the client cannot read. `body` is
 * RamBase's error body read from either form (JSON or XML), or the answer's text when it is
 * not one. Never a token or a secret: they are taken out of everything the client throws.
 */
export class RamBaseError extends ApiError {
  override readonly name: string = 'RamBaseError';
  declare readonly body: RamBaseErrorBody | string;

  constructor(init: ApiErrorInit & { body: RamBaseErrorBody | string }) {
    super(init);
  }
}

/**
 * The token endpoint refused to issue a token. `body` is its refusal: `error_code` 5 asks for
 * a one-time password (`otp`), 10 for a target system (`targets` lists them).
 */
export class RamBaseAuthError extends ApiError {
  override readonly name = 'RamBaseAuthError';
  declare readonly body: LoginError | string;

  constructor(init: ApiErrorInit & { body: LoginError | string }) {
    super(init);
  }
}

/** No whole answer came back: the connection failed, the host is unknown, the request was refused. */
export class RamBaseNetworkError extends ApiNetworkError {
  override readonly name = 'RamBaseNetworkError';
}

/** A call took longer than `timeoutMs`. */
export class RamBaseTimeoutError extends ApiTimeoutError {
  override readonly name = 'RamBaseTimeoutError';
}
