import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { type JsonObject, pointerGet } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN } from '../index.js';

// A record created from a request takes what the request gives (and what its operation
// answers with), and nothing from unrelated example records.
const doc = bundle as unknown as JsonObject;
const R = '/api/v3/resellers';
const example = (name: string): JsonObject => {
  const found = pointerGet(doc, `#/components/examples/${name}`) as
    | { value: JsonObject }
    | undefined;
  if (!found) throw new Error(`the description has no example ${name}`);
  return found.value;
};

async function post(path: string, body: unknown) {
  const handler = createMockHandler({ mode: 'stateful' });
  const response = await handler(
    new Request(`http://mock.test${path}`, {
      method: 'POST',
      headers: { 'x-api-token': DEMO_TOKEN, 'content-type': 'application/vnd.api+json' },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, json: (await response.json()) as { data: JsonObject } };
}

/** Every string of the description's example records of a collection, by attribute. */
function exampleValues(...names: string[]): Map<string, Set<unknown>> {
  const values = new Map<string, Set<unknown>>();
  for (const name of names) {
    const data = example(name).data;
    for (const record of Array.isArray(data) ? data : [data]) {
      const attributes = (record as JsonObject | undefined)?.attributes as JsonObject | undefined;
      for (const [key, value] of Object.entries(attributes ?? {})) {
        if (typeof value !== 'string' || value.length < 4) continue;
        if (!values.has(key)) values.set(key, new Set());
        values.get(key)?.add(value);
      }
    }
  }
  return values;
}

describe('records created from the documented requests', () => {
  it('an account holds the body’s members its schema names, and no other account’s', async () => {
    const body = example('createAccount-request') as { data: { attributes: JsonObject } };
    const created = await post(`${R}/1/accounts`, body);
    expect(created.status).toBeLessThan(300);
    const attributes = created.json.data.attributes as JsonObject;
    const named = pointerGet(
      doc,
      '#/components/schemas/AccountAttributes/properties',
    ) as JsonObject;
    const kept = Object.fromEntries(
      Object.entries(body.data.attributes).filter(([key]) => key in named),
    );
    expect(Object.keys(kept).length).toBeGreaterThan(0);
    expect(attributes).toMatchObject({ ...kept, reseller_id: 1 });
    // Members of the request the answer's schema does not name (owner_id …) are not echoed.
    for (const key of Object.keys(body.data.attributes)) {
      if (!(key in named)) expect(attributes, key).not.toHaveProperty(key);
    }
    const borrowed = exampleValues('listAccounts-200', 'getAccount-200', 'updateAccount-200');
    for (const [key, value] of Object.entries(attributes)) {
      if (key in body.data.attributes) continue;
      expect(borrowed.get(key)?.has(value) ?? false, `${key}: ${String(value)}`).toBe(false);
    }
    expect(JSON.stringify(created.json)).not.toContain('Hansa Freight GmbH');
  });

  it.each([
    ['sales_order', 'createSalesOrder'],
    ['switch_order', 'createSwitchOrder'],
    ['change_order', 'createChangeOrder'],
    ['renewal_order', 'createRenewalOrder'],
    ['prolong_order', 'createProlongOrder'],
  ])('%s answers with its own resource type', async (segment, operationId) => {
    const answer = Object.keys((doc.components as { examples: JsonObject }).examples).find((name) =>
      name.startsWith(`${operationId}-2`),
    );
    const expected = (example(answer as string).data as JsonObject).type;
    const body = example(`${operationId}-request`);
    const created = await post(`${R}/1/${segment}`, body);
    expect(created.status).toBeLessThan(300);
    expect(created.json.data.type).toBe(expected);
    // The members of the body that an order has are the order's.
    const requested = (body.data as { attributes: JsonObject }).attributes;
    const order = pointerGet(doc, '#/components/schemas/OrderAttributes/properties') as JsonObject;
    const kept = Object.fromEntries(Object.entries(requested).filter(([key]) => key in order));
    expect(created.json.data.attributes).toMatchObject(kept);
  });
});
