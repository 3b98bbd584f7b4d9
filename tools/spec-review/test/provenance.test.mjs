// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { computeFidelity, operationFacts, schemaMembers } from '../src/provenance.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const doc = parse(readFileSync(`${fixtures}provenance.yaml`, 'utf8'));
const { operations, totals } = computeFidelity(doc);
const byId = new Map(operations.map((o) => [o.operationId, o]));
const NONE = { assumed: false, sourced: false };

/** @param {string} operationId */
function facts(operationId) {
  const entry = Object.entries(doc.paths).flatMap(([, item]) =>
    Object.values(/** @type {Record<string, any>} */ (item))
      .filter((op) => op?.operationId === operationId)
      .map((operation) => ({ operation, pathItem: item })),
  )[0];
  if (!entry) throw new Error(`no ${operationId}`);
  return operationFacts(doc, entry).map((f) => `${f.standing} ${f.kind}: ${f.name}`);
}

describe('facts of an operation', () => {
  it('are its parameters, members, examples, statuses and error messages, each judged', () => {
    expect(facts('listThings').sort()).toEqual(
      [
        'documented parameter: path shop_id',
        'assumed parameter: query filter',
        'assumed member: query filter.status',
        'assumed example: query filter example',
        'documented status: 200',
        'documented member: 200 application/json id',
        'assumed member: 200 application/json guess',
        'assumed member: 200 application/json guess.inner',
        'documented member: 200 application/json tags',
        'documented member: 200 application/json tags[].name',
        'documented member: 200 application/json tags[].parent',
        'documented example: 200 application/json example official',
        'assumed example: 200 application/json example written',
        'assumed status: 404',
        'documented member: 404 application/json errors',
        'documented member: 404 application/json errors[].title',
        'assumed error message: 404 application/json example missing',
      ].sort(),
    );
  });

  it('count a borrowed body as assumed, unless an example names its own page', () => {
    const post = facts('createThing');
    expect(post.filter((f) => f.includes(' request '))).toEqual([
      'assumed member: request application/json id',
      'assumed member: request application/json guess',
      'assumed member: request application/json guess.inner',
      'assumed member: request application/json tags',
      'assumed member: request application/json tags[].name',
      'assumed member: request application/json tags[].parent',
      'documented example: request application/json example copied',
      'assumed example: request application/json example unmarked',
    ]);
  });

  it('read x-assumed on a Response as its status only', () => {
    const post = facts('createThing');
    expect(post).toContain('assumed status: 2XX');
    expect(post).toContain('assumed header: 2XX Location');
    expect(post).toContain('documented member: 2XX application/json id');
    expect(post).toContain('assumed member: 2XX application/json guess');
  });

  it('name no page for the facts of an operation without x-sources', () => {
    expect(facts('listOrphans')).toEqual(['unsourced status: 200']);
  });
});

describe('fidelity', () => {
  it('tallies every operation', () => {
    expect(byId.get('listThings')).toMatchObject({
      sources: ['https://docs.example.org/list-things'],
      documented: 9,
      assumed: 8,
      unsourced: 0,
    });
    expect(byId.get('createThing')).toMatchObject({ documented: 6, assumed: 11, unsourced: 0 });
    expect(byId.get('listOrphans')).toMatchObject({ sources: [], documented: 0, unsourced: 1 });
    expect(byId.get('listThings')?.byKind['error message']).toEqual({
      documented: 0,
      assumed: 1,
      unsourced: 0,
    });
    expect(byId.get('listThings')?.assumedFacts).toContain('status: 404');
  });

  it('adds them up', () => {
    expect(totals).toMatchObject({
      operations: 3,
      withSources: 2,
      facts: 35,
      documented: 15,
      assumed: 19,
      unsourced: 1,
      percentDocumented: 42.8,
    });
    const kinds = Object.values(totals.byKind);
    expect(kinds.reduce((n, t) => n + t.documented + t.assumed + t.unsourced, 0)).toBe(35);
  });

  it('stops at a schema that contains itself', () => {
    const members = schemaMembers(doc, { $ref: '#/components/schemas/Tag' }, NONE);
    expect([...members.keys()]).toEqual(['name', 'parent']);
  });
});
