import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { fuzz } from '@proseapi/mock-engine/testing';
import type { JsonObject } from '@proseapi/openapi-model';
import { describe, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN, MANAGERS } from './index.js';

// Random requests, valid and not, on the whole bundle: the mock never throws, never
// sends a 5xx nobody asked for, and every answer keeps to the description.
const spec = bundle as unknown as JsonObject;
const credentials = {
  good: { 'x-api-token': DEMO_TOKEN },
  other: { 'x-api-token': MANAGERS.find((m) => m.resellerId === 4)?.token as string },
  unknown: { 'x-api-token': 'zzzzzzzzzzzzzzzzzzzzzz' },
};
const bodyLimit = 32 * 1024;

// Budgets: a fixed number of runs, and a timeout sized for a loaded 2-core machine.
describe('fuzzing the bundle', () => {
  for (const mode of ['stateless', 'stateful'] as const) {
    it(`${mode}: 1000 random requests`, { timeout: 300_000 }, async () => {
      const handler = createMockHandler({ mode, bodyLimit, randomSeed: 99 });
      await fuzz({ spec, handler, credentials, bodyLimit, runs: 1000, seed: 20241121 });
    });
  }
});
