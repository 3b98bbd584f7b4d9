/** What the engine asks of a stateful world: an answer from its records, or none. */
import type { OperationModel, ParsedParams } from '@proseapi/openapi-model';
import type { Principal } from './dialect.js';

export interface WorldRequest {
  op: OperationModel;
  /** Path parameters as the URL wrote them. */
  rawPath: Record<string, string>;
  /** Every parameter, typed after its schema. */
  params: ParsedParams;
  /** The query string's pairs, in order. */
  pairs: [string, string][];
  /** The parsed, validated body. */
  body: unknown;
  /** `http://host:port` and the request's path, for links to other pages. */
  origin: string;
  pathname: string;
  principal: Principal | undefined;
  /**
   * A request header by lower-case name. The engine keeps a `GET`'s answer per path, query
   * and `Accept`: an answer may depend on no other header.
   */
  header(name: string): string | undefined;
}

export type Outcome =
  | { type: 'answer'; status: number; mediaType: string | undefined; value: unknown }
  | { type: 'not-found' }
  /** Nothing stateful applies (or the state could not be shown validly): answer from the document. */
  | { type: 'document'; invalidState?: boolean };

export interface World {
  handle(request: WorldRequest): Outcome;
  /**
   * A number that changes whenever the world does. While it stays the same, a `GET` that
   * left it unchanged is answered the same way again, so the engine may keep its answer.
   */
  revision?(): number;
}
