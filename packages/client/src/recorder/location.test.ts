import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Location, locationOf, parsedLocation } from './location.js';

/** The location, or the error the URL parser throws (a host that is no host). */
const outcome = (find: typeof locationOf, href: string, root: string): Location | string => {
  try {
    return find(href, root);
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

const roots = ['https://test.example', 'https://test.example/api', 'http://127.0.0.1:4010/v3/x'];
/** Characters a URL parser keeps, drops, encodes or reads as structure. */
const alphabet = [
  ...'aZ09-_~/?.%2eE[]:@!$&()*+,;=',
  ...`#' "<>\`{}|^\\\t\né`,
  '%2E',
  '%2e',
  '..',
  '/./',
  '/../',
];

describe('the location of a request', () => {
  it('is split as text only where the parser would say the same', () => {
    const cases = [
      '',
      '?',
      '/',
      '/api/v3/resellers/1/accounts?filter[key]=a%20b&page[size]=2',
      '/a/./b',
      '/a/%2E%2e/b',
      '/a/.well-known',
      '/a b',
      "/a?b='c'",
      '/a#top',
      '/a?b#c',
      '??x',
      '/%zz/é',
      'x/y',
    ];
    for (const root of roots) {
      for (const rest of cases) {
        const href = `${root}${rest}`;
        expect(outcome(locationOf, href, root), href).toEqual(outcome(parsedLocation, href, root));
      }
    }
    expect(locationOf('https://test.example:443/a?b', roots[0])).toEqual({
      path: '/a',
      query: 'b',
    });
    expect(locationOf('https://test.example/apix/y', roots[1])).toEqual({
      path: 'x/y',
      query: '',
    });
  });

  it('is the parser’s for any URL under the base, and spares most of them the parse (fixed runs)', () => {
    const Parser = globalThis.URL;
    let parsed = 0;
    let split = 0;
    globalThis.URL = class extends Parser {
      constructor(...args: ConstructorParameters<typeof URL>) {
        super(...args);
        parsed++;
      }
    };
    try {
      fc.assert(
        fc.property(
          fc.constantFrom(...roots),
          fc.constantFrom('/', '?', ''),
          fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }),
          (root, start, parts) => {
            const href = `${root}${start}${parts.join('')}`;
            const before = parsed;
            const fast = outcome(locationOf, href, root);
            if (parsed === before) split++;
            expect(fast).toEqual(outcome(parsedLocation, href, root));
          },
        ),
        { numRuns: 3000, seed: 13 },
      );
    } finally {
      globalThis.URL = Parser;
    }
    // Both ways were taken often enough for the comparison to mean something.
    expect(split).toBeGreaterThan(300);
    expect(3000 - split).toBeGreaterThan(300);
  });
});
