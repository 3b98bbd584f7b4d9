import {
  ApiError,
  type ApiErrorInit,
  ApiNetworkError,
  type ApiOperation,
  ApiTimeoutError,
} from '@proseapi/client-kit';
import type { NotificationPostResponse } from './types.js';

/** Which call failed: its operationId, method and the path template it was made with. */
export type CsaOperation = ApiOperation;

/**
 * The API answered with an error status, or with an answer the client cannot read as the
 * description says. Carries the status, the body (its text: no page shows a CSA error body,
 * so it may be anything), the operation and the URL. Never the credentials: they are taken
 * out of everything the client throws.
 */
export class CsaError extends ApiError {
  override readonly name: string = 'CsaError';
}

/**
 * A send that notified nobody: no recipient was valid. The documentation shows only the
 * partial success (200 as long as one recipient is valid); what the server answers when none
 * is valid is not documented. The description assumes a client error, so this is thrown for
 * a send answered with a 4xx other than 401, 403 and 409, and for a 200 whose `count` is 0.
 * `errorMessages` holds the messages of the answer when it is the send's XML document.
 */
export class CsaNoValidRecipientError extends CsaError {
  override readonly name = 'CsaNoValidRecipientError';
  /** The answer's `errorMessage`s, one per refused recipient (empty when the body has none). */
  declare readonly errorMessages: string[];
  /** The answer as the send's document, when its body is one. */
  declare readonly answer: NotificationPostResponse | undefined;

  constructor(init: ApiErrorInit & { answer: NotificationPostResponse | undefined }) {
    const errorMessages = init.answer?.errorMessage ?? [];
    super({
      ...init,
      message:
        init.message ??
        `no recipient was valid${errorMessages.length > 0 ? ` (${errorMessages.join('; ')})` : ''}`,
    });
    Object.assign(this, { errorMessages, answer: init.answer });
  }
}

/** No whole answer came back: the connection failed, the host is unknown, the request was refused. */
export class CsaNetworkError extends ApiNetworkError {
  override readonly name = 'CsaNetworkError';
}

/** A call took longer than `timeoutMs`. */
export class CsaTimeoutError extends ApiTimeoutError {
  override readonly name = 'CsaTimeoutError';
}
