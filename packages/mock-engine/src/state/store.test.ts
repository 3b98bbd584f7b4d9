import { describe, expect, it } from 'vitest';
import { normalizeTemplate, Store } from './store.js';

describe('store', () => {
  it('keeps records per collection and per parents', () => {
    const store = new Store();
    const books = store.table('/shelves/{}/books');
    books.put({ id: '7', parents: ['1'], resource: { id: 7, title: 'A' } });
    books.put({ id: '8', parents: ['2'], resource: { id: 8, title: 'B' } });
    expect(books.get(['1'], '7')?.resource).toEqual({ id: 7, title: 'A' });
    expect(books.get(['2'], '7')).toBeUndefined();
    expect(books.list(['1']).map((r) => r.id)).toEqual(['7']);
    expect([...books.values(['2'])].map((r) => r.id)).toEqual(['8']);
    expect(books.all().map((r) => r.id)).toEqual(['7', '8']);
    expect(store.table('/shelves/{}/books')).toBe(books);
    books.put({ id: '7', parents: ['1'], resource: { id: 7, title: 'A, revised' } });
    expect(books.list(['1'])).toHaveLength(1);
    expect(books.delete(['1'], '7')?.resource.title).toBe('A, revised');
    expect(books.delete(['1'], '7')).toBeUndefined();
  });

  it('keeps apart parents that would read alike once joined', () => {
    const table = new Store().table('/a/{}/b/{}/c');
    const groups = [['1/2', '3'], ['1', '2/3'], ['["1","2/3"]'], ['#1'], ['1'], []];
    groups.forEach((parents, index) => {
      table.put({ id: 'x', parents, resource: { id: 'x', index } });
    });
    for (const [index, parents] of groups.entries()) {
      expect(table.list(parents).map((r) => r.resource.index)).toEqual([index]);
    }
    expect(table.withId('x')).toHaveLength(groups.length);
  });

  it('hands out numeric ids above every numeric id it holds', () => {
    const table = new Store().table('/things');
    expect(table.nextId()).toBe('1');
    table.put({ id: '41', parents: [], resource: {} });
    table.put({ id: 'abc', parents: [], resource: {} });
    expect(table.nextId()).toBe('42');
    expect(table.nextId()).toBe('43');
  });

  it('exports copies and imports them back, keyed by normalised templates', () => {
    const store = new Store();
    store.table('/a/{}/b').put({ id: '1', parents: ['9'], resource: { id: '1', n: { deep: 1 } } });
    const exported = store.export();
    (exported['/a/{}/b']?.[0]?.resource.n as { deep: number }).deep = 2;
    expect(store.table('/a/{}/b').get(['9'], '1')?.resource).toEqual({ id: '1', n: { deep: 1 } });
    const copy = new Store();
    copy.import({ '/a/{x}/b': [{ parents: ['9'], resource: { id: '1' } }] });
    expect(
      copy
        .table('/a/{}/b')
        .all()
        .map((r) => r.id),
    ).toEqual(['1']);
    expect(normalizeTemplate('/a/{x}/b/{y}')).toBe('/a/{}/b/{}');
  });

  it('counts its changes, so that answers read from it can be kept while it stays the same', () => {
    const store = new Store();
    const start = store.revision;
    const table = store.table('/things');
    table.get([], '1');
    table.list([]);
    expect(store.revision).toBe(start);
    table.put({ id: '1', parents: [], resource: {} });
    const afterPut = store.revision;
    expect(afterPut).toBeGreaterThan(start);
    table.delete([], 'none');
    expect(store.revision).toBe(afterPut);
    table.delete([], '1');
    expect(store.revision).toBeGreaterThan(afterPut);
    const beforeImport = store.revision;
    store.import({});
    expect(store.revision).toBeGreaterThan(beforeImport);
  });
});
