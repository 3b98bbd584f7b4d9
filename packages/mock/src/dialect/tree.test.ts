import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { Store } from '@proseapi/mock-engine';
import type { JsonObject } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN, MANAGERS, type MockState } from '../index.js';
import { readState } from './state.js';
import { ResellerTree, TOKENS } from './tree.js';

const R = '/api/v3/resellers';
const NORTHWIND = MANAGERS.find((m) => m.resellerId === 2)?.token as string;

function reseller(id: string, parent: string | null) {
  return { parents: [], resource: { id, type: 'resellers', attributes: { parent_id: parent } } };
}

describe('the reseller tree and the tokens, read from records', () => {
  const store = new Store();
  store.import({
    '/api/v3/resellers': [
      reseller('1', null),
      reseller('2', '1'),
      reseller('4', '2'),
      reseller('9', '9'),
    ],
    [TOKENS]: [
      { parents: [], resource: { id: 'tok', attributes: { manager_id: 3, reseller_id: 2 } } },
    ],
  });
  const tree = new ResellerTree(store);

  it('walks up parent_id', () => {
    expect(tree.has('4')).toBe(true);
    expect(tree.has('5')).toBe(false);
    expect(tree.isWithin('4', '1')).toBe(true);
    expect(tree.isWithin('4', '2')).toBe(true);
    expect(tree.isWithin('1', '2')).toBe(false);
    // A reseller that is its own parent ends the walk.
    expect(tree.isWithin('9', '1')).toBe(false);
    // A reseller is within itself, known or not.
    expect(tree.isWithin('2', '2')).toBe(true);
    expect(tree.isWithin('7', '7')).toBe(true);
  });

  it('finds the manager a token belongs to', () => {
    expect(tree.principal('tok')).toEqual({ id: '3', resellerId: '2' });
    expect(tree.principal('nobody')).toBeUndefined();
  });
});

describe('one truth for the tree (a seeded reseller 8 under reseller 1)', () => {
  const request = (handler: (r: Request) => Promise<Response>, path: string, token = DEMO_TOKEN) =>
    handler(new Request(`http://mock.test${path}`, { headers: { 'x-api-token': token } }));

  it('is found, listed below its parent, and reached by the tokens above it only', async () => {
    const base = createMockHandler({ mode: 'stateful' }).snapshot();
    const resellers = base.tables['/api/v3/resellers'] ?? [];
    const two = resellers.find((r) => r.resource.id === '2');
    if (!two) throw new Error('reseller 2 is not seeded');
    const eight = structuredClone(two);
    eight.resource.id = '8';
    (eight.resource.attributes as JsonObject).parent_id = '1';
    const seeded: MockState = {
      ...base,
      tables: { ...base.tables, '/api/v3/resellers': [...resellers, eight] },
    };
    const handler = createMockHandler({ mode: 'stateful', seed: seeded });

    const read = await request(handler, `${R}/8`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: { id: string } }).data.id).toBe('8');
    const children = await request(handler, `${R}/1/child_resellers`);
    expect(((await children.json()) as { data: { id: string }[] }).data.map((r) => r.id)).toContain(
      '8',
    );
    expect((await request(handler, `${R}/8/accounts`)).status).toBe(200);
    expect((await request(handler, `${R}/8/accounts`, NORTHWIND)).status).toBe(403);
  });

  it('answers 404 once the reseller record is gone', async () => {
    const state = createMockHandler({ mode: 'stateful' }).snapshot();
    state.tables['/api/v3/resellers'] = (state.tables['/api/v3/resellers'] ?? []).filter(
      (r) => r.resource.id !== '5',
    );
    const handler = createMockHandler({ mode: 'stateful', seed: state });
    expect((await request(handler, `${R}/5/accounts`)).status).toBe(404);
  });
});

describe('state files', () => {
  it('read a version 1 file: its tokens become token records', () => {
    const state = readState(
      {
        format: 'activeplatform-mock-state',
        version: 1,
        tables: {},
        layer: { resellers: [], managers: [{ id: 9, resellerId: 4, token: 'old-token' }] },
      },
      'old.json',
    );
    expect(state.version).toBe(2);
    expect(state.tables[TOKENS]?.map((t) => t.resource)).toEqual([
      { id: 'old-token', attributes: { manager_id: 9, reseller_id: 4 } },
      { id: DEMO_TOKEN, attributes: { manager_id: 1, reseller_id: 1 } },
    ]);
  });

  it('refuse a state of another kind of mock', () => {
    expect(() => readState({ format: 'other-mock', tables: {} }, 'x.json')).toThrow(
      /x.json: \/format: a state of another kind of mock/,
    );
  });

  it('keep the tokens among the tables, so a snapshot carries them', () => {
    const snapshot = createMockHandler({ spec: bundle }).snapshot();
    expect(snapshot.format).toBe('activeplatform-mock-state');
    expect(snapshot.tables[TOKENS]?.map((t) => t.resource.id)).toContain(NORTHWIND);
  });
});
