import { createRequire } from 'node:module';
import { createMockFetch, DEMO_TOKEN } from '@activeplatform/mock';
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string; default?: unknown };
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}
interface Operation {
  operationId: string;
  tags: string[];
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: {
    content: Record<
      string,
      { examples?: Record<string, { value?: unknown; $ref?: string }>; example?: unknown }
    >;
  };
}
type Doc = {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

const spec = createRequire(import.meta.url)('@activeplatform/openapi/openapi.json') as Doc;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function deref<T>(node: unknown): T {
  let current = node as { $ref?: string };
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const parts = current.$ref
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    current = parts.reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], spec) as {
      $ref?: string;
    };
  }
  return current as T;
}

function exampleOf(p: Parameter): unknown {
  if (p.example !== undefined) return p.example;
  const first = Object.values(p.examples ?? {})[0];
  if (first) return deref<{ value: unknown }>(first).value;
  if (p.schema?.default !== undefined) return p.schema.default;
  return p.schema?.type === 'string' ? '1' : 1;
}

const cases = Object.entries(spec.paths).flatMap(([path, rawItem]) => {
  const item = deref<Record<string, unknown> & { parameters?: unknown[] }>(rawItem);
  return METHODS.filter((m) => item[m]).map((method) => {
    const op = item[method] as Operation;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
      deref<Parameter>(p),
    );
    const pathParams = Object.fromEntries(
      params.filter((p) => p.in === 'path').map((p) => [p.name, exampleOf(p)]),
    );
    const query = Object.fromEntries(
      params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, exampleOf(p)]),
    );
    const media = op.requestBody ? Object.values(op.requestBody.content)[0] : undefined;
    const bodyExample =
      media?.example ??
      (media?.examples
        ? deref<{ value: unknown }>(Object.values(media.examples)[0]).value
        : undefined);
    return {
      section: op.tags[0] ?? '',
      operationId: op.operationId,
      path,
      method,
      pathParams,
      query,
      body: bodyExample,
    };
  });
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
    )[c.method.toUpperCase()];
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
