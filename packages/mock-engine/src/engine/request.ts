/** A request as the engine reads it; each adapter builds one from its own kind of request. */
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

/** The engine's answer; adapters turn it into their own kind of response. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  /** Drop the connection instead of answering (fault injection). */
  drop?: boolean;
}

/** What every adapter calls: one request in, one answer out. */
export type RawHandler = (request: RawRequest) => Promise<RawResponse>;

/** Thrown (or turned into a dropped connection) when a fault is injected. */
export class MockNetworkError extends TypeError {
  constructor() {
    super('The mock dropped the connection (fault injection)');
    this.name = 'MockNetworkError';
  }
}
