import { createMockFetch, DEMO_TOKEN } from '@activeplatform/mock';
import { describe, expect, it } from 'vitest';
import { createClient } from './index.js';
import { firstExample, operations, requestExample } from './test-support/spec.js';

type Json = Record<string, unknown>;

/** A value for a parameter: its documented example, else its default, else a plain id. */
function parameterValue(parameter: Json): unknown {
  const example = firstExample(parameter);
  if (example !== undefined) return example;
  const schema = (parameter.schema ?? {}) as Json;
  if (schema.default !== undefined) return schema.default;
  return schema.type === 'string' ? '1' : 1;
}

const cases = operations().map((op) => {
  const pick = (where: string, onlyRequired: boolean) =>
    Object.fromEntries(
      op.parameters
        .filter((p) => p.in === where && (!onlyRequired || p.required))
        .map((p) => [p.name as string, parameterValue(p)]),
    );
  return {
    ...op,
    section: ((op.operation.tags as string[] | undefined) ?? [])[0] ?? '',
    pathParams: pick('path', false),
    query: pick('query', true),
    body: requestExample(op),
  };
});

describe('every operation of the bundle, through the client, against the mock', () => {
  const client = createClient({
    baseUrl: 'http://mock.test',
    token: DEMO_TOKEN,
    fetch: createMockFetch({ mode: 'stateless' }),
  });

  it('covers all 19 sections', () => {
    expect(new Set(cases.map((c) => c.section)).size).toBe(19);
  });

  it.each(cases.map((c) => [`${c.section}: ${c.operationId}`, c] as const))('%s', async (_, c) => {
    const call = (
      client as unknown as Record<
        string,
        (path: string, init: object) => Promise<{ response: Response; error?: unknown }>
      >
    )[c.method];
    if (!call) throw new Error(`no ${c.method} on the client`);
    const init: Record<string, unknown> = { params: { path: c.pathParams, query: c.query } };
    if (c.body !== undefined) init.body = c.body;
    const { response, error } = await call(c.path, init);
    expect(error).toBeUndefined();
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('content-type') ?? 'application/vnd.api+json').toContain(
      'application/vnd.api+json',
    );
  });
});
