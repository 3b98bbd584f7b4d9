/**
 * The key of a method a tapping `fetch` (the conformance recorder's) may put on the answers it
 * hands over: a reader that parsed such an answer's body as JSON, bytes as they came, calls it
 * with the value, so that the body is not parsed a second time. Registered with `Symbol.for`,
 * so that the client and the recorder, built apart, share it.
 */
export const PARSED: unique symbol = Symbol.for('proseapi.parsed-body') as never;

/** An answer that may take the value its body was parsed into. */
export type Parsed = { [PARSED]?: (value: unknown) => void };
