/**
 * Recorded answers: real, redacted answers kept by a recorder or a proxy (conformance
 * fixtures), served again for the same method, path and query, in preference to the
 * description's examples.
 */
import { canonicalQuery, type Fixture } from '@proseapi/conformance';

export interface RecordedAnswers {
  /** The recorded answer to this method, path and query (its pairs in any order), if any. */
  find(method: string, path: string, query: string): Fixture | undefined;
  readonly size: number;
}

const keyOf = (method: string, path: string, query: string) =>
  `${method.toUpperCase()} ${path}?${canonicalQuery(query)}`;

/** Recorded answers by method, path and query; the first fixture of each wins. */
export function recordedAnswers(fixtures: readonly Fixture[]): RecordedAnswers {
  const byKey = new Map<string, Fixture>();
  for (const fixture of fixtures) {
    const key = keyOf(fixture.method, fixture.path, fixture.query);
    if (!byKey.has(key)) byKey.set(key, fixture);
  }
  return {
    find: (method, path, query) => byKey.get(keyOf(method, path, query)),
    size: byKey.size,
  };
}
