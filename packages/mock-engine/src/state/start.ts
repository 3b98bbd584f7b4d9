/**
 * A start state prepared ahead of time: the records a mock's seed writes, computed once by a
 * build instead of on every start. Seeding runs the dialect's code and the records' fitting
 * for every record; reading the result back is one `JSON.parse`.
 *
 * The only part of a seeded world that depends on the moment of the start is the time a
 * record is stamped with (`created_at`, say). A build seeds twice, with two clocks, and keeps
 * where the two results differ: every such place must hold each clock's own time, or the
 * seed is not repeatable and no start state is prepared.
 */
import { asciiJson, isObject, pointerGet, pointerOf } from '@proseapi/openapi-model';
import type { StoredTables } from './store.js';

/** A place in the tables that holds the time of the start: table, record, then the path in the record. */
export type StampPlace = [table: string, record: number, ...path: (string | number)[]];

export interface PreparedStart {
  /** The tables as `Store.export()` gives them, as JSON text in ASCII (each start parses its own copy). */
  tables: string;
  /** Where the start's time goes, as an ISO 8601 text. */
  stamps: StampPlace[];
}

/** Seeds the store of a fresh mock whose clock always reads `now`, and exports its tables. */
export type SeedAt = (now: Date) => StoredTables;

/** Two clocks no seed would write on its own, a year and a day and a millisecond apart. */
const CLOCKS = [
  new Date('2001-02-03T04:05:06.007Z'),
  new Date('2002-03-04T05:06:07.008Z'),
] as const;

function where(table: string, path: readonly (string | number)[]): string {
  return `${table} ${pointerOf(path).slice(1)}`;
}

/**
 * Seeds twice and returns the tables with the places of the start's time. Throws when the
 * two seeds differ anywhere else (the seed reads a random source, say), naming the place.
 */
export function prepareStart(seedAt: SeedAt): PreparedStart {
  const [first, second] = CLOCKS.map((clock) => seedAt(new Date(clock.getTime())));
  const times = CLOCKS.map((clock) => clock.toISOString());
  const stamps: StampPlace[] = [];
  const compare = (a: unknown, b: unknown, table: string, path: (string | number)[]): void => {
    if (a === b) return;
    if (a === times[0] && b === times[1]) {
      stamps.push([table, ...(path as [number, ...(string | number)[]])]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (let i = 0; i < a.length; i++) compare(a[i], b[i], table, [...path, i]);
      return;
    }
    if (isObject(a) && isObject(b)) {
      const keys = Object.keys(a);
      if (keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k))) {
        for (const key of keys) compare(a[key], b[key], table, [...path, key]);
        return;
      }
    }
    throw new Error(
      `The seed is not repeatable: ${where(table, path)} differs between two seeds at other times than the clock's`,
    );
  };
  const tables = Object.keys(first ?? {});
  const others = Object.keys(second ?? {});
  if (tables.length !== others.length || tables.some((t, i) => t !== others[i])) {
    throw new Error('The seed is not repeatable: two seeds filled different tables');
  }
  for (const table of tables) {
    const a = (first as StoredTables)[table] ?? [];
    const b = (second as StoredTables)[table] ?? [];
    if (a.length !== b.length) {
      throw new Error(
        `The seed is not repeatable: ${table} holds ${a.length} and ${b.length} records in two seeds`,
      );
    }
    for (let i = 0; i < a.length; i++) compare(a[i], b[i], table, [i]);
  }
  return { tables: asciiJson(first), stamps };
}

/** A fresh copy of the prepared tables, with `now` written where the start's time goes. */
export function startTables(prepared: PreparedStart, now: Date): StoredTables {
  const tables = JSON.parse(prepared.tables) as StoredTables;
  if (prepared.stamps.length === 0) return tables;
  const time = now.toISOString();
  for (const [table, index, ...path] of prepared.stamps) {
    const holder = pointerGet(tables[table]?.[index], pointerOf(path.slice(0, -1)));
    if (path.length === 0 || typeof holder !== 'object' || holder === null) {
      throw new Error(`The prepared start state has no place ${where(table, [index, ...path])}`);
    }
    (holder as Record<string, unknown>)[path[path.length - 1] as string] = time;
  }
  return tables;
}
