// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeTemp } from '../src/bundle.mjs';
import { checkDownstream } from '../src/downstream.mjs';

const doc = parse(
  readFileSync(fileURLToPath(new URL('./fixtures/things-v1.yaml', import.meta.url)), 'utf8'),
);

describe('downstream generators', () => {
  it('generate and type-check a sound description', () => {
    const results = checkDownstream(writeTemp(doc));
    expect(results.map((r) => [r.name, r.ok, r.log.includes('error TS') ? r.log : ''])).toEqual([
      ['@hey-api/openapi-ts', true, ''],
      ['orval (fetch client, includeHttpResponseReturnType: false)', true, ''],
    ]);
  });

  it('generate and type-check a description whose success status is the range 2XX', () => {
    const ranged = structuredClone(doc);
    for (const item of Object.values(ranged.paths)) {
      for (const op of Object.values(/** @type {Record<string, any>} */ (item))) {
        if (op?.responses?.['200']) {
          const { 200: success, ...rest } = op.responses;
          op.responses = { '2XX': success, ...rest };
        }
      }
    }
    expect(JSON.stringify(ranged)).toContain('"2XX"');
    const results = checkDownstream(writeTemp(ranged));
    expect(results.map((r) => [r.name, r.ok, r.log.includes('error TS') ? r.log : ''])).toEqual([
      ['@hey-api/openapi-ts', true, ''],
      ['orval (fetch client, includeHttpResponseReturnType: false)', true, ''],
    ]);
  });

  it('fail a description whose member names collide in generated code', () => {
    const broken = structuredClone(doc);
    const attrs = broken.components.schemas.ThingList.properties.data.items.properties.attributes;
    attrs.properties.first_name = { type: ['string', 'null'] };
    attrs.properties['first-name'] = { type: ['string', 'null'] };
    const results = checkDownstream(writeTemp(broken));
    const orval = results.find((r) => r.name.startsWith('orval'));
    expect(orval?.ok).toBe(false);
    expect(orval?.step).toBe('typecheck');
    expect(orval?.log).toMatch(/Duplicate identifier/);
  });
  // Each case runs two code generators and the TypeScript compiler in child processes: about
  // 20 s on an idle 2-core machine, several times that when turbo runs two suites at once.
}, 300_000);
