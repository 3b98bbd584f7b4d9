import { describe, expect, it } from 'vitest';
import type { Outcome } from '../engine/world.js';
import { createMock, type WorldFactory } from '../mock.js';
import { type PreparedStart, prepareStart, startTables } from './start.js';
import { StateError, Store, type StoredTables } from './store.js';

const spec = {
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1' },
  paths: {
    '/notes': {
      get: {
        responses: {
          '200': {
            description: 'the notes',
            content: { 'application/json': { schema: { type: 'array' } } },
          },
        },
      },
    },
  },
};

/** A world whose seed writes two notes, one stamped with the clock; it counts its seeds. */
function notesWorld(counter: { seeds: number }, extra?: () => unknown): WorldFactory {
  return ({ store, now }) => ({
    revision: () => store.revision,
    seed(stateful) {
      counter.seeds++;
      if (!stateful) return;
      const table = store.table('/notes');
      table.put({
        id: '1',
        parents: [],
        resource: { id: '1', text: 'kept', meta: { created: now().toISOString(), tags: ['a'] } },
      });
      table.put({
        id: '2',
        parents: [],
        resource: { id: '2', text: 'plain', extra: extra?.() ?? null },
      });
    },
    handle: (): Outcome => ({
      type: 'answer',
      status: 200,
      mediaType: 'application/json',
      value: store
        .table('/notes')
        .list([])
        .map((r) => r.resource),
    }),
  });
}

/** The tables a fresh mock of the notes world holds after its seed, at a given time. */
function seededAt(counter: { seeds: number }, extra?: () => unknown) {
  return (now: Date): StoredTables =>
    createMock({
      spec,
      world: notesWorld(counter, extra),
      mode: 'stateful',
      now: () => now,
    }).snapshot().tables;
}

describe('prepareStart', () => {
  it('keeps the tables of the seed and the places that hold the start time', () => {
    const prepared = prepareStart(seededAt({ seeds: 0 }));
    expect(prepared.stamps).toEqual([['/notes', 0, 'resource', 'meta', 'created']]);
    const tables = JSON.parse(prepared.tables) as StoredTables;
    expect(tables['/notes']?.map((r) => r.resource.id)).toEqual(['1', '2']);
  });

  it('refuses a seed that differs in anything but the time, and names the place', () => {
    let n = 0;
    expect(() => prepareStart(seededAt({ seeds: 0 }, () => ++n))).toThrow(
      'The seed is not repeatable: /notes /1/resource/extra differs',
    );
    let rows = 0;
    expect(() =>
      prepareStart(() => ({
        '/notes': Array.from({ length: ++rows }, () => ({ parents: [], resource: { id: 'x' } })),
      })),
    ).toThrow('/notes holds 1 and 2 records in two seeds');
    let tables = 0;
    expect(() => prepareStart(() => (++tables === 1 ? { '/a': [] } : { '/b': [] }))).toThrow(
      'two seeds filled different tables',
    );
  });

  it('gives a fresh copy with the given time in every stamp place', () => {
    const prepared = prepareStart(seededAt({ seeds: 0 }));
    const time = new Date('2030-05-06T07:08:09.010Z');
    const first = startTables(prepared, time);
    expect(first['/notes']?.[0]?.resource).toEqual({
      id: '1',
      text: 'kept',
      meta: { created: '2030-05-06T07:08:09.010Z', tags: ['a'] },
    });
    (first['/notes']?.[1]?.resource as { text: string }).text = 'changed';
    expect(startTables(prepared, time)['/notes']?.[1]?.resource.text).toBe('plain');
  });

  it('names a stamp place the tables lack', () => {
    const broken: PreparedStart = {
      tables: '{"/notes":[]}',
      stamps: [['/notes', 0, 'resource', 'x']],
    };
    expect(() => startTables(broken, new Date())).toThrow('has no place /notes /0/resource/x');
  });
});

describe('a mock given a prepared start', () => {
  const counter = { seeds: 0 };
  const prepared = prepareStart(seededAt(counter));
  const time = new Date('2040-01-01T00:00:00.000Z');

  it('reads it instead of seeding, with the time of its start, and resets to it', async () => {
    const seen = { seeds: 0 };
    const mock = createMock({
      spec,
      world: notesWorld(seen),
      mode: 'stateful',
      start: prepared,
      now: () => time,
    });
    expect(seen.seeds).toBe(0);
    const seededNow = createMock({
      spec,
      world: notesWorld({ seeds: 0 }),
      mode: 'stateful',
      now: () => time,
    });
    expect(mock.snapshot()).toEqual(seededNow.snapshot());
    mock.store.table('/notes').delete([], '1');
    expect(mock.store.table('/notes').all()).toHaveLength(1);
    mock.reset();
    expect(mock.snapshot()).toEqual(seededNow.snapshot());
    expect(seen.seeds).toBe(0);
  });

  it('starts from a seed it is given instead', () => {
    const seed = { format: 'mock-state', version: 1, tables: { '/notes': [] } };
    const mock = createMock({ spec, world: notesWorld({ seeds: 0 }), start: prepared, seed });
    expect(mock.snapshot().tables).toEqual({ '/notes': [] });
  });
});

describe('Store.import of owned tables', () => {
  it('takes the records as they are, within the limits', () => {
    const resource = { id: '7', text: 'x' };
    const store = new Store();
    store.import({ '/notes': [{ parents: [], resource }] }, 'The start state', { owned: true });
    expect(store.table('/notes').get([], '7')?.resource).toBe(resource);
    const small = new Store({ limits: { total: 10 } });
    expect(() =>
      small.import({ '/notes': [{ parents: [], resource }] }, 'The start state', { owned: true }),
    ).toThrow(StateError);
  });
});
