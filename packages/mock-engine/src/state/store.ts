/**
 * The world's records, by collection. Every write goes through `Table.put` and
 * `Table.delete`, and every read of the whole state through `Store.export`.
 */
import { type JsonObject, templateKey } from '@proseapi/openapi-model';

/** One stored resource and the values of the path parameters above it. */
export interface StoredRecord {
  id: string;
  /** Values of the collection path's parameters, in path order (`['1', '505']`). */
  parents: string[];
  /** The resource as the API shows it (`{id, type, attributes, …}` for JSON:API). */
  resource: JsonObject;
}

/** The serialisable content of a store: collection key → records. */
export type StoredTables = Record<string, { parents: string[]; resource: JsonObject }[]>;

/** `/a/{x}/b/{y}` → `/a/{}/b/{}`: collections are the same whatever their parameters are called. */
export const normalizeTemplate = templateKey;

const NUMERIC = /^[0-9]+$/;

/** Counts the changes of a store: a new number after every write. */
interface Revision {
  value: number;
}

/** The records of one collection, grouped by the values of the parameters above it. */
export class Table {
  private readonly groups = new Map<string, Map<string, StoredRecord>>();
  private maxId = 0;

  constructor(
    readonly key: string,
    private readonly revision: Revision = { value: 0 },
  ) {}

  private group(
    parents: readonly string[],
    create: boolean,
  ): Map<string, StoredRecord> | undefined {
    const groupKey = parents.join('/');
    let group = this.groups.get(groupKey);
    if (!group && create) {
      group = new Map();
      this.groups.set(groupKey, group);
    }
    return group;
  }

  get(parents: readonly string[], id: string): StoredRecord | undefined {
    return this.group(parents, false)?.get(id);
  }

  list(parents: readonly string[]): StoredRecord[] {
    const group = this.group(parents, false);
    return group ? [...group.values()] : [];
  }

  /** The records under these parents, without copying them into an array. */
  values(parents: readonly string[]): Iterable<StoredRecord> {
    return this.group(parents, false)?.values() ?? [];
  }

  /** Every record, whatever its parents. */
  all(): StoredRecord[] {
    const result: StoredRecord[] = [];
    for (const group of this.groups.values()) result.push(...group.values());
    return result;
  }

  /** Stores a record, replacing the one with the same parents and id. */
  put(record: StoredRecord): void {
    this.revision.value++;
    this.group(record.parents, true)?.set(record.id, record);
    if (NUMERIC.test(record.id)) this.maxId = Math.max(this.maxId, Number(record.id));
  }

  delete(parents: readonly string[], id: string): StoredRecord | undefined {
    const group = this.group(parents, false);
    const record = group?.get(id);
    if (record) {
      this.revision.value++;
      group?.delete(id);
    }
    return record;
  }

  /** The next free numeric identifier of the collection. */
  nextId(): string {
    this.maxId += 1;
    return String(this.maxId);
  }
}

/** Every collection of the world, keyed by normalised collection path. */
export class Store {
  private readonly tables = new Map<string, Table>();
  private readonly changes: Revision = { value: 0 };

  /** A number that changes whenever a record is stored or deleted. */
  get revision(): number {
    return this.changes.value;
  }

  table(key: string): Table {
    let table = this.tables.get(key);
    if (!table) {
      table = new Table(key, this.changes);
      this.tables.set(key, table);
    }
    return table;
  }

  clear(): void {
    this.changes.value++;
    this.tables.clear();
  }

  export(): StoredTables {
    const result: StoredTables = {};
    for (const [key, table] of this.tables) {
      result[key] = table
        .all()
        .map((r) => ({ parents: [...r.parents], resource: structuredClone(r.resource) }));
    }
    return result;
  }

  /**
   * Replaces every record with those of `tables`; `idOf` reads a resource's id (records
   * without one are skipped).
   */
  import(tables: StoredTables, idOf: (resource: JsonObject) => string | undefined): void {
    this.clear();
    for (const [key, records] of Object.entries(tables)) {
      const table = this.table(normalizeTemplate(key));
      for (const record of records) {
        const id = idOf(record.resource);
        if (id === undefined) continue;
        table.put({
          id,
          parents: record.parents.map(String),
          resource: structuredClone(record.resource),
        });
      }
    }
  }
}
