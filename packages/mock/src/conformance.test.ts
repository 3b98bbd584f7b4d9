import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { selectValidators } from '@proseapi/mock-engine';
import { resourceSchemaOf } from '@proseapi/mock-engine/compile';
import { createOracle, exampleRequest, send } from '@proseapi/mock-engine/testing';
import { buildSpecModel, type JsonObject, resolveSchema } from '@proseapi/openapi-model';
import { generateValue } from '@proseapi/openapi-model/generate';
import { describe, expect, it } from 'vitest';
import { jsonApi } from './dialect/index.js';
import { createMockHandler, DEMO_TOKEN } from './index.js';

// Every operation of the bundle, whatever sections it has: the examples, the errors and
// the stateful answers all keep to the description.
const doc = bundle as unknown as JsonObject;
const model = buildSpecModel(doc);
const oracle = createOracle(doc);

function headersFor(
  request: ReturnType<typeof exampleRequest>,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { 'x-api-token': DEMO_TOKEN, ...extra };
  if (request.contentType) headers['content-type'] = request.contentType;
  return headers;
}

describe('the bundle', () => {
  it('has operations', () => {
    expect(model.operations.length).toBeGreaterThan(0);
  });

  it('is served with validators compiled by the build', async () => {
    const { validators } = await import('#precompiled');
    for (const op of model.operations) {
      expect(validators[`P ${op.key}`], op.key).toBeTypeOf('function');
    }
  });

  it("has build validators that judge as validators of the whole description do (the build's code leaves out the schemas' texts)", async () => {
    const { validators } = await import('#precompiled');
    const whole = selectValidators(model, undefined, resourceSchemaOf(jsonApi));
    await whole.ready;
    const probes = [{}, [], null, 'x', 1, { data: {} }, { data: [{}] }, { errors: [{}] }];
    let judged = 0;
    for (const op of model.operations) {
      const examples = [op.body, ...op.responses].flatMap((part) =>
        (part?.content ?? []).flatMap((media) => media.examples.map((example) => example.value)),
      );
      const keys = Object.keys(validators).filter(
        (key) => key === `P ${op.key}` || key.includes(` ${op.key} `),
      );
      for (const key of keys) {
        const built = validators[key];
        const reference = whole.get(key);
        if (!built || !reference) throw new Error(`${key}: no validator`);
        for (const value of [...examples, ...probes]) {
          const verdict = built(value);
          expect(verdict, key).toBe(reference(value));
          expect(built.errors ?? null, key).toEqual(reference.errors ?? null);
          judged++;
        }
      }
    }
    expect(judged).toBeGreaterThan(Object.keys(validators).length * probes.length);
  });
});

describe('every operation', () => {
  const operations = model.operations.map((op) => [op.operationId ?? op.key, op] as const);
  const stateless = createMockHandler({ randomSeed: 7 });
  const stateful = createMockHandler({ mode: 'stateful', randomSeed: 7 });

  describe.each(operations)('%s', (_name, op) => {
    const request = exampleRequest(model, op);

    it('answers its example request with a declared success', async () => {
      const sent = await send(stateless, oracle, { ...request, headers: headersFor(request) });
      expect(sent.problems).toEqual([]);
      expect(sent.status).toBeGreaterThanOrEqual(200);
      expect(sent.status).toBeLessThan(300);
    });

    it('serves every declared response and example on request (Prefer)', async () => {
      for (const response of op.responses) {
        if (!/^[1-5][0-9]{2}$/.test(response.status)) continue;
        const code = response.status;
        const plain = await send(stateless, oracle, {
          ...request,
          headers: headersFor(request, { prefer: `code=${code}` }),
        });
        expect(plain.status).toBe(Number(code));
        expect(plain.problems).toEqual([]);
        for (const media of response.content) {
          for (const example of media.examples) {
            const sent = await send(stateless, oracle, {
              ...request,
              headers: headersFor(request, { prefer: `code=${code}, example=${example.name}` }),
            });
            expect(sent.status).toBe(Number(code));
            expect(sent.problems).toEqual([]);
            expect(sent.json ?? null).toEqual(example.value);
          }
          const dynamic = await send(stateless, oracle, {
            ...request,
            headers: headersFor(request, { prefer: `code=${code}, dynamic=true` }),
          });
          expect(dynamic.problems).toEqual([]);
        }
      }
    });

    it('refuses a request without a token with 401', async () => {
      const sent = await send(stateless, oracle, {
        ...request,
        headers: request.contentType ? { 'content-type': request.contentType } : {},
      });
      expect(sent.status).toBe(op.security.length > 0 ? 401 : sent.status);
      expect(sent.problems).toEqual([]);
      if (op.security.length > 0) {
        expect(sent.json).toEqual({ errors: [{ title: 'API token is missing', status: '401' }] });
      }
    });

    it('refuses an unknown token with 401', async () => {
      const sent = await send(stateless, oracle, {
        ...request,
        headers: headersFor(request, { 'x-api-token': 'unknown-token' }),
      });
      if (op.security.length > 0) expect(sent.status).toBe(401);
      expect(sent.problems).toEqual([]);
    });

    if (op.body)
      it('refuses a body without each required member', async () => {
        const media = op.body?.content[0];
        const schema = resolveSchema(doc, media?.schema);
        const required =
          typeof schema === 'object' && Array.isArray(schema.required)
            ? (schema.required as string[])
            : [];
        const example = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
        for (const member of required) {
          const { [member]: _dropped, ...rest } = example;
          const sent = await send(stateless, oracle, {
            ...request,
            body: JSON.stringify(rest),
            headers: headersFor(request),
          });
          expect([400, 422]).toContain(sent.status);
          expect(sent.problems).toEqual([]);
          expect(sent.text).toContain(member);
        }
        const garbage = await send(stateless, oracle, {
          ...request,
          body: JSON.stringify([1, 2, 3]),
          headers: headersFor(request),
        });
        expect([400, 422]).toContain(garbage.status);
        expect(garbage.problems).toEqual([]);
      });

    it('answers its example request from the stateful world', async () => {
      stateful.reset();
      const sent = await send(stateful, oracle, { ...request, headers: headersFor(request) });
      expect(sent.problems).toEqual([]);
      expect(sent.status).toBeGreaterThanOrEqual(200);
      expect(sent.status).toBeLessThan(300);
      expect(sent.headers.get('x-mock-fallback')).toBeNull();
    });
  });
});

describe('generated values', () => {
  it('validate for every response schema of the bundle', () => {
    let checked = 0;
    for (const op of model.operations) {
      for (const response of op.responses) {
        for (const media of response.content) {
          if (media.schema === undefined) continue;
          for (const seed of [1, 2, 3]) {
            const value = generateValue(media.schema, { doc, seed, dynamic: seed > 1 });
            expect(oracle.checkValue(op.method, op.path, response.status, value)).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('sendClosingDocumentNotifications', () => {
  const op = model.operations.find((o) => o.operationId === 'sendClosingDocumentNotifications');
  const documented = {
    errors: { title: 'param is missing or the value is empty: account_ids', status: '422' },
  };

  it.each([
    ['missing', { start_date: '2019-11-01', end_date: '2019-11-30' }],
    ['empty', { account_ids: [], start_date: '2019-11-01', end_date: '2019-11-30' }],
    [
      'malformed (a string)',
      { account_ids: '2003421,2003565', start_date: '2019-11-01', end_date: '2019-11-30' },
    ],
    [
      'malformed (not integers)',
      { account_ids: ['a', 'b'], start_date: '2019-11-01', end_date: '2019-11-30' },
    ],
    ['null', { account_ids: null, start_date: '2019-11-01', end_date: '2019-11-30' }],
    ['missing with the dates', {}],
  ])('answers the documented 422 body when account_ids is %s', async (_case, body) => {
    expect(op).toBeDefined();
    for (const mode of ['stateless', 'stateful'] as const) {
      const handler = createMockHandler({ mode });
      const sent = await send(handler, oracle, {
        method: 'POST',
        path: '/api/v3/resellers/1/notifications/external_invoices',
        headers: { 'x-api-token': DEMO_TOKEN, 'content-type': 'application/vnd.api+json' },
        body: JSON.stringify(body),
      });
      expect(sent.status).toBe(422);
      expect(sent.text).toBe(JSON.stringify(documented));
      expect(sent.problems).toEqual([]);
    }
  });

  it('answers null when the body is valid', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const sent = await send(handler, oracle, {
      method: 'POST',
      path: '/api/v3/resellers/1/notifications/external_invoices',
      headers: { 'x-api-token': DEMO_TOKEN, 'content-type': 'application/vnd.api+json' },
      body: JSON.stringify({
        account_ids: [505, 929],
        start_date: '2019-11-01',
        end_date: '2019-11-30',
      }),
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toBe('null');
  });
});
