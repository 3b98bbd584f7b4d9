// @ts-check
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonical } from '../src/description.mjs';
import { normalizeSchema, rate } from '../src/policy.mjs';
import { corpusCases } from './corpus.mjs';

const cases = corpusCases();

describe('the policy in CONTRIBUTING.md', () => {
  it('lists every corpus case once, with the ratings the case expects', () => {
    const text = readFileSync(new URL('../../../CONTRIBUTING.md', import.meta.url), 'utf8');
    const section = text.slice(text.indexOf('## What counts as a breaking change'));
    /** @type {Map<string, { clients: string, servers: string }>} */
    const listed = new Map();
    for (const line of section.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length !== 6 || !cells[4]?.startsWith('`')) continue;
      for (const name of cells[4].match(/[a-z0-9-]+/g) ?? []) {
        expect(listed.has(name), `${name} is listed twice`).toBe(false);
        listed.set(name, { clients: cells[2] ?? '', servers: cells[3] ?? '' });
      }
    }
    expect([...listed.keys()].sort()).toEqual(cases.map((c) => c.name));
    for (const { name, expected } of cases) {
      expect({ name, ...listed.get(name) }).toEqual({
        name,
        clients: expected.clients,
        servers: expected.servers,
      });
    }
  });
});

describe('same meaning', () => {
  const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) =>
    canonical(normalizeSchema(a)) === canonical(normalizeSchema(b));
  const thing = {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: { type: 'string' }, name: { type: 'string', description: 'Name.' } },
  };

  it('sees through notes, the order of sets and an allOf that only joins members', () => {
    expect(
      same(thing, {
        description: 'A thing.',
        allOf: [
          { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
          { type: 'object', required: ['id'], properties: { id: { type: ['string'] } } },
        ],
      }),
    ).toBe(true);
    expect(same({ enum: ['a', 'b'] }, { enum: ['b', 'a'] })).toBe(true);
  });

  it('keeps members named like notes, and allOf parts that close the object', () => {
    const titled = (/** @type {string} */ t) => ({
      type: 'object',
      properties: { title: { type: t } },
    });
    expect(same(titled('string'), titled('integer'))).toBe(false);
    const closed = {
      allOf: [
        { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false },
        { type: 'object', properties: { name: { type: 'string' } } },
      ],
    };
    expect(
      same(closed, {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        additionalProperties: false,
      }),
    ).toBe(false);
  });

  it('does not merge parts that disagree', () => {
    expect(
      same(
        {
          allOf: [
            { properties: { a: { type: 'string' } } },
            { properties: { a: { type: 'integer' } } },
          ],
        },
        { properties: { a: { type: 'string' } } },
      ),
    ).toBe(false);
  });
});

describe('rules without a corpus case of their own', () => {
  const empty = /** @type {import('../src/description.mjs').Description} */ ({
    root: '',
    document: {},
    origin: new WeakMap(),
    operations: [],
    usedBy: new Map(),
  });

  it('rates a reusable component that appears at the root as no change', () => {
    /** @type {import('../src/redocly-diff.mjs').RawChange} */
    const added = {
      path: '#/components/schemas/ThingList',
      typeName: 'Schema',
      kind: 'added',
      impact: 'patch',
      verdicts: [],
    };
    expect(rate(added, { before: empty, after: empty })).toEqual({
      impact: 'none',
      decidedBy: 'policy: reusable-component',
    });
    const scheme = {
      ...added,
      path: '#/components/securitySchemes/key',
      typeName: 'SecurityScheme',
    };
    expect(rate(scheme, { before: empty, after: empty })).toEqual({
      impact: 'minor',
      decidedBy: 'policy: contract-change',
    });
  });
});
