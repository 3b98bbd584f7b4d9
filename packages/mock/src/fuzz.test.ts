import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSpecModel, type JsonObject } from './engine/openapi.js';
import { createMockHandler, DEMO_TOKEN, MANAGERS } from './index.js';
import { fixtureSpec } from './test-support/fixture-spec.js';
import { createOracle } from './test-support/oracle.js';
import { exampleRequest, send } from './test-support/requests.js';

// Thousands of random requests, valid and not: the mock never throws, never sends a
// 5xx nobody asked for, and every answer keeps to the document.
const OTHER_TOKEN = MANAGERS.find((m) => m.resellerId === 4)?.token as string;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function requestArbitrary(operationCount: number) {
  return fc.record({
    op: fc.nat({ max: operationCount - 1 }),
    method: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 7 },
      { arbitrary: fc.constantFrom(...METHODS), weight: 3 },
    ),
    path: fc.oneof(
      { arbitrary: fc.constant('example'), weight: 6 },
      { arbitrary: fc.constantFrom('ints', 'strings', 'unknown', 'slash'), weight: 4 },
    ),
    ints: fc.array(fc.integer({ min: -3, max: 3_200_000 }), { minLength: 6, maxLength: 6 }),
    word: fc.string({ maxLength: 12 }),
    token: fc.oneof(
      { arbitrary: fc.constant('demo'), weight: 7 },
      { arbitrary: fc.constantFrom('other', 'unknown', 'none'), weight: 3 },
    ),
    query: fc.oneof(
      { arbitrary: fc.constant('example'), weight: 6 },
      fc.constant(''),
      fc.string({ maxLength: 30 }).map((s) => `q=${encodeURIComponent(s)}`),
      fc
        .tuple(
          fc.constantFrom('filter', 'page'),
          fc.constantFrom('key', 'size', 'number', 'status', 'x'),
          fc.string({ maxLength: 8 }),
        )
        .map(([family, member, value]) => `${family}[${member}]=${encodeURIComponent(value)}`),
      fc.constant('page[size]=2&page[number]=2'),
      fc.constant('%ZZ=%'),
    ),
    body: fc.oneof(
      { arbitrary: fc.constant({ kind: 'example' as const }), weight: 6 },
      fc.record({ kind: fc.constant('drop' as const), member: fc.nat() }),
      fc.record({
        kind: fc.constant('replace' as const),
        member: fc.nat(),
        value: fc.jsonValue({ maxDepth: 2 }),
      }),
      fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
      fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 40 }) }),
      fc.constant({ kind: 'none' as const }),
      fc.constant({ kind: 'large' as const }),
    ),
    contentType: fc.oneof(
      { arbitrary: fc.constant('declared'), weight: 7 },
      fc.constantFrom('declared; charset=utf-8', 'application/json', 'text/plain', 'none'),
    ),
    prefer: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 8 },
      {
        weight: 2,
        arbitrary: fc.oneof(
          fc.constantFrom(
            'code=200',
            'code=400',
            'code=401',
            'code=404',
            'code=418',
            'code=422',
            'code=500',
            'dynamic=true',
          ),
          fc.string({ maxLength: 20 }).map((s) => `example=${s.replace(/[,;]/g, '')}`),
          fc.string({ maxLength: 20 }),
        ),
      },
    ),
  });
}

function fuzz(label: string, spec: JsonObject, mode: 'stateful' | 'stateless', runs: number) {
  it(`${label}, ${mode}: ${runs} random requests`, async () => {
    const model = buildSpecModel(spec);
    const oracle = createOracle(spec);
    const handler = createMockHandler({
      ...(spec === (bundle as unknown) ? {} : { spec }),
      mode,
      bodyLimit: 32 * 1024,
      randomSeed: 99,
    });
    const examples = model.operations.map((op) => exampleRequest(model, op));
    await fc.assert(
      fc.asyncProperty(requestArbitrary(model.operations.length), async (input) => {
        const op = model.operations[input.op];
        const example = examples[input.op];
        if (!op || !example) return;
        let path = example.path;
        if (input.path === 'ints') {
          let i = 0;
          path = `${model.basePath}${op.path.replace(/\{[^}]+\}/g, () => String(input.ints[i++] ?? 1))}`;
        } else if (input.path === 'strings') {
          path = `${model.basePath}${op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(input.word) || 'x')}`;
        } else if (input.path === 'unknown') {
          path = `${example.path}/${encodeURIComponent(input.word) || 'extra'}/more`;
        } else if (input.path === 'slash') {
          path = `${example.path}/`;
        }
        let body: string | undefined;
        const base = example.body === undefined ? undefined : (JSON.parse(example.body) as unknown);
        switch (input.body.kind) {
          case 'example':
            body = example.body;
            break;
          case 'drop':
          case 'replace': {
            if (base && typeof base === 'object' && !Array.isArray(base)) {
              const copy = { ...(base as Record<string, unknown>) };
              const keys = Object.keys(copy);
              const key = keys[input.body.member % Math.max(1, keys.length)];
              if (key !== undefined) {
                if (input.body.kind === 'drop') delete copy[key];
                else copy[key] = input.body.value;
              }
              body = JSON.stringify(copy);
            } else body = example.body;
            break;
          }
          case 'json':
            body = JSON.stringify(input.body.value);
            break;
          case 'text':
            body = input.body.text;
            break;
          case 'large':
            body = JSON.stringify({ filler: 'x'.repeat(40 * 1024) });
            break;
          default:
            body = undefined;
        }
        const method = input.method ?? op.method;
        const headers: Record<string, string> = {};
        if (input.token === 'demo') headers['x-api-token'] = DEMO_TOKEN;
        if (input.token === 'other') headers['x-api-token'] = OTHER_TOKEN;
        if (input.token === 'unknown') headers['x-api-token'] = 'zzzzzzzzzzzzzzzzzzzzzz';
        if (input.contentType !== 'none') {
          headers['content-type'] = input.contentType.replace(
            'declared',
            example.contentType ?? 'application/vnd.api+json',
          );
        }
        if (input.prefer !== undefined) headers.prefer = input.prefer;
        const query = input.query === 'example' ? example.query : input.query;
        const sent = await send(handler, oracle, {
          method,
          path,
          query,
          headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : body,
        });
        if (method === 'HEAD' || (method === 'OPTIONS' && sent.status === 204)) return;
        const askedFor5xx = /code=5[0-9]{2}/.test(input.prefer ?? '');
        if (sent.status >= 500 && !askedFor5xx) {
          throw new Error(`${method} ${path}?${query} → ${sent.status}: ${sent.text}`);
        }
        if (sent.problems.length > 0) {
          throw new Error(
            `${method} ${path}?${query} → ${sent.status}: ${sent.problems.join('; ')}`,
          );
        }
      }),
      { numRuns: runs, seed: 20241121 },
    );
    expect(true).toBe(true);
  });
}

describe('fuzzing', () => {
  fuzz('bundle', bundle as unknown as JsonObject, 'stateless', 1000);
  fuzz('bundle', bundle as unknown as JsonObject, 'stateful', 1000);
  fuzz('fixture', fixtureSpec as unknown as JsonObject, 'stateful', 1500);
});
