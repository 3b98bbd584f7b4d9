import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { StatefulWorld } from '@proseapi/mock-engine';
import { defaultDescriptionProblems, exampleRequest } from '@proseapi/mock-engine/testing';
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN } from './index.js';
import { createMock } from './mock.js';

// The mock serves, by default, the copy of the bundle the build wrote without its texts and
// provenance marks. It must answer exactly as the whole bundle does.
const whole = bundle as unknown as JsonObject;
const model = buildSpecModel(whole);
const now = () => new Date('2026-06-01T12:00:00Z');

/** Every operation's example request, in the description's order. */
const requests = model.operations.map((op) => {
  const built = exampleRequest(model, op);
  const headers: Record<string, string> = { 'x-api-token': DEMO_TOKEN };
  if (built.contentType) headers['content-type'] = built.contentType;
  return { ...built, headers };
});

/** A version 4 UUID: the ids the world makes up for new records, at random. */
const NEW_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;

async function answers(handler: (request: Request) => Promise<Response>) {
  const seen: [string, number, string | null, string][] = [];
  for (const { method, path, query, body, headers } of requests) {
    const response = await handler(
      new Request(`http://mock.test${path}${query ? `?${query}` : ''}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      }),
    );
    seen.push([
      `${method} ${path}`,
      response.status,
      response.headers.get('content-type'),
      (await response.text()).replace(NEW_UUID, '<new uuid>'),
    ]);
  }
  return seen;
}

describe('the description the mock serves by default', () => {
  it('is the compact copy the build compiled its validators from, taken unhashed', async () => {
    const { specHash } = await import('#precompiled');
    const create = (options: { spec?: object }) => createMock(options, 'stateless');
    expect(defaultDescriptionProblems(create, whole, specHash)).toEqual([]);
    expect(JSON.stringify(create({}).spec.doc).length).toBeLessThan(JSON.stringify(whole).length);
  });

  it('shows records that fit their schemas: the build vouches for every collection seeded from its examples', async () => {
    const { fittingExamples } = await import('#precompiled');
    const { world } = createMock({}, 'stateful').engine.options;
    if (!(world instanceof StatefulWorld)) throw new Error('a stateful world expected');
    const seeded = [...world.parts.model.collections.values()]
      .filter(
        (collection) => collection.resourceKey !== undefined && collection.examples.length > 0,
      )
      .map((collection) => collection.key)
      .sort();
    expect(seeded.length).toBeGreaterThan(10);
    // So a stateful start seeds them as they are, without loading the records' validators.
    expect([...fittingExamples]).toEqual(seeded);
  });

  for (const mode of ['stateless', 'stateful'] as const) {
    it(`gives the answers the whole bundle gives, ${mode}`, async () => {
      const compact = await answers(createMockHandler({ mode, now }));
      const described = await answers(createMockHandler({ mode, now, spec: whole }));
      expect(compact.length).toBe(model.operations.length);
      expect(compact).toEqual(described);
      // The run reached the world, not only the checks in front of it.
      expect(compact.filter(([, status]) => status < 300).length).toBeGreaterThan(
        compact.length / 2,
      );
    });
  }
});

describe('the start states the build prepared (dist/start.json)', () => {
  for (const mode of ['stateless', 'stateful'] as const) {
    it(`hold what the seed writes, ${mode}, with the start's time in place`, async () => {
      const { default: start } = await import('#start');
      // The default description starts from the build's state; the same description given
      // as an option is seeded.
      const prepared = createMock({ mode, now }, mode, {}, start).snapshot();
      const seeded = createMock({ mode, now, spec: whole }, mode, {}, start).snapshot();
      expect(prepared).toEqual(seeded);
      const stamped = JSON.stringify(prepared).split(now().toISOString()).length - 1;
      expect(stamped).toBe(start[mode].stamps.length);
      if (mode === 'stateful') expect(stamped).toBeGreaterThan(100);
    });
  }
});
