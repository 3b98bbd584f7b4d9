import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import {
  ActivePlatformError,
  ActivePlatformNetworkError,
  ActivePlatformTimeoutError,
} from './errors.js';
import { serializeQuery } from './serialize.js';
import { BASE_URL, jsonResponse, recordingFetch, TOKEN } from './test-support/wire.js';

type Call = (path: string, init?: Record<string, unknown>) => Promise<unknown>;

/** The errors the client may reject with on odd input; anything else is a bug. */
const expectedFailure = (error: unknown) =>
  error instanceof TypeError ||
  error instanceof ActivePlatformError ||
  error instanceof ActivePlatformNetworkError ||
  error instanceof ActivePlatformTimeoutError;

const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);

describe('property: query serialisation', () => {
  it('any query of scalars, lists of scalars and families decodes back to what was given', () => {
    const key = fc.string({ minLength: 1 }).filter((k) => !/[[\]]/.test(k));
    const family = fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { minLength: 1 })));
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(scalar, family)), (query) => {
        const text = serializeQuery(query);
        const decoded = new URLSearchParams(text);
        for (const [name, value] of Object.entries(query)) {
          if (value !== null && typeof value === 'object') {
            for (const [inner, v] of Object.entries(value)) {
              const expected = Array.isArray(v) ? v.map(String).join(',') : String(v);
              expect(decoded.get(`${name}[${inner}]`)).toBe(expected);
            }
          } else {
            expect(decoded.get(name)).toBe(String(value));
          }
        }
        // Nothing but the separators of the format is left unencoded.
        expect(text).toMatch(/^[A-Za-z0-9\-_.!~*'()%[\],=&]*$/);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a TypeError, whatever the value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything({ withDate: true })), (query) => {
        try {
          serializeQuery(query);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: odd calls never crash the client', () => {
  const wire = recordingFetch(() => jsonResponse({ data: [] }));
  const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch, retry: false });
  const GET = client.GET as unknown as Call;
  const POST = client.POST as unknown as Call;

  it('odd path and query values either go out or reject with a TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (id, filter) => {
        const before = wire.requests.length;
        try {
          await GET('/api/v3/resellers/{reseller_id}/notes', {
            params: { path: { reseller_id: id }, query: { filter, page: { size: id } } },
          });
          const sent = wire.requests[before];
          expect(sent?.url.pathname).toBe(
            `/api/v3/resellers/${encodeURIComponent(String(id))}/notes`,
          );
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          expect(wire.requests.length).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('odd bodies either go out as their JSON or reject with a TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withBigInt: true, withDate: true }), async (body) => {
        const before = wire.requests.length;
        try {
          await POST('/api/v3/resellers/1/notes', { body });
          const json = JSON.stringify(body);
          expect(wire.requests[before]?.body ?? undefined).toBe(json);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('odd answers (any status, any bytes) give a result or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.oneof(fc.string(), fc.json(), fc.constant('')),
        fc.boolean(),
        async (status, text, throwOnError) => {
          const noBody = [204, 205, 304].includes(status);
          const answering = recordingFetch(
            () => new Response(noBody ? null : text, { status: status === 200 ? 200 : status }),
          );
          const c = createClient({
            baseUrl: BASE_URL,
            token: TOKEN,
            fetch: answering.fetch,
            retry: false,
            throwOnError,
          });
          try {
            const result = (await (c.GET as unknown as Call)('/api/v3/resellers/1')) as {
              response: Response;
            };
            expect(result.response.status).toBe(status);
          } catch (error) {
            expect(expectedFailure(error)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
