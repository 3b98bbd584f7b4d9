/**
 * Random requests, valid and not, against a mock: it never throws, never sends a 5xx
 * nobody asked for, and every answer keeps to the description (the oracle judges).
 */
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import fc from 'fast-check';
import { createOracle } from './oracle.js';
import { exampleRequest, send } from './requests.js';

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
    credentials: fc.oneof(
      { arbitrary: fc.constant('good'), weight: 7 },
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

export interface FuzzOptions {
  spec: JsonObject;
  handler: (request: Request) => Promise<Response>;
  /** Headers that carry valid credentials, another principal's, and unknown ones. */
  credentials: {
    good: Record<string, string>;
    other: Record<string, string>;
    unknown: Record<string, string>;
  };
  /** A body larger than this is sent as the `large` case (the mock's body limit). */
  bodyLimit: number;
  runs: number;
  seed: number;
}

/** Runs `runs` random requests; rejects with the first request whose answer breaks the rules. */
export async function fuzz(options: FuzzOptions): Promise<void> {
  const model = buildSpecModel(options.spec);
  const oracle = createOracle(options.spec);
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
          body = JSON.stringify({ filler: 'x'.repeat(options.bodyLimit + 1024) });
          break;
        default:
          body = undefined;
      }
      const method = input.method ?? op.method;
      const headers: Record<string, string> =
        input.credentials === 'none' ? {} : { ...options.credentials[input.credentials] };
      if (input.contentType !== 'none') {
        headers['content-type'] = input.contentType.replace(
          'declared',
          example.contentType ?? 'application/json',
        );
      }
      if (input.prefer !== undefined) headers.prefer = input.prefer;
      const query = input.query === 'example' ? example.query : input.query;
      const sent = await send(options.handler, oracle, {
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
        throw new Error(`${method} ${path}?${query} → ${sent.status}: ${sent.problems.join('; ')}`);
      }
    }),
    { numRuns: options.runs, seed: options.seed },
  );
}
