/**
 * The world's records, by collection. Every write goes through `Table.put` and
 * `Table.delete`, and every read of the whole state through `Store.export`. The store
 * counts its writes, keeps the size of its records within limits (in all, and per
 * tenant: the first path value above a record), tells a listener of each change (a
 * journal), and replaces its whole content only with a state it has checked first.
 */
import { isObject, type JsonObject, templateKey } from '@proseapi/openapi-model';
import {
  DEFAULT_VALUE_LIMITS,
  faultPointer,
  measureValue,
  type ValueLimits,
} from '../engine/limits.js';
import { WorldFull } from '../engine/world.js';

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

/** A change of the store, as a journal records it. */
export type StoreChange =
  | { type: 'put'; table: string; record: StoredRecord }
  | { type: 'delete'; table: string; parents: string[]; id: string }
  /** The whole content was replaced (a reset, a restored state). */
  | { type: 'replace' };

/** Most characters of JSON the records may take, in all and under one tenant. */
export interface StoreLimits {
  total: number;
  tenant: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  total: 128 * 1024 * 1024,
  tenant: 32 * 1024 * 1024,
};

export interface StoreOptions {
  /** Reads a resource's id (default: its `id` member). */
  idOf?: (resource: JsonObject) => string | undefined;
  limits?: Partial<StoreLimits> | undefined;
  /** Bounds of the records a state may hold (those of request bodies, by default). */
  valueLimits?: ValueLimits | undefined;
}

/** `/a/{x}/b/{y}` → `/a/{}/b/{}`: collections are the same whatever their parameters are called. */
export const normalizeTemplate = templateKey;

const NUMERIC = /^[0-9]+$/;
/** Longest id a state may hold. */
const MAX_ID_LENGTH = 1024;

/** What a store's tables share: the count of changes, the sizes, the listener. */
interface Ledger {
  revision: number;
  total: number;
  tenants: Map<string, number>;
  limits: StoreLimits;
  listener: ((change: StoreChange) => void) | undefined;
}

interface Entry {
  record: StoredRecord;
  size: number;
}

/** The tenant a record counts against: the first value of the path above it. */
function tenantOf(parents: readonly string[]): string {
  return parents[0] ?? '';
}

/** Characters of JSON a record takes (approximately). */
function recordSize(record: StoredRecord): number {
  let size = record.id.length + 32;
  for (const parent of record.parents) size += parent.length + 3;
  // Records reach the store from checked bodies and states; a bound this wide only keeps
  // the walk finite.
  const measured = measureValue(record.resource, { depth: 4096, members: 10_000_000 });
  return size + (measured.size ?? 0);
}

/** The records of one collection, grouped by the values of the parameters above it. */
export class Table {
  private readonly groups = new Map<string, Map<string, Entry>>();
  private maxId = 0;

  constructor(
    readonly key: string,
    private readonly ledger: Ledger = {
      revision: 0,
      total: 0,
      tenants: new Map(),
      limits: DEFAULT_STORE_LIMITS,
      listener: undefined,
    },
  ) {}

  private group(parents: readonly string[], create: boolean): Map<string, Entry> | undefined {
    // JSON keeps `['1/2', '3']` and `['1', '2/3']` apart (path values may hold a `/`); one
    // value (the usual case) is its own key after a `#`, which no JSON text starts with.
    const groupKey =
      parents.length === 0 ? '' : parents.length === 1 ? `#${parents[0]}` : JSON.stringify(parents);
    let group = this.groups.get(groupKey);
    if (!group && create) {
      group = new Map();
      this.groups.set(groupKey, group);
    }
    return group;
  }

  get(parents: readonly string[], id: string): StoredRecord | undefined {
    return this.group(parents, false)?.get(id)?.record;
  }

  list(parents: readonly string[]): StoredRecord[] {
    const group = this.group(parents, false);
    if (!group) return [];
    const result: StoredRecord[] = [];
    for (const entry of group.values()) result.push(entry.record);
    return result;
  }

  /** The records under these parents, without copying them into an array. */
  *values(parents: readonly string[]): Iterable<StoredRecord> {
    const group = this.group(parents, false);
    if (group) for (const entry of group.values()) yield entry.record;
  }

  /** Every record, whatever its parents. */
  all(): StoredRecord[] {
    const result: StoredRecord[] = [];
    for (const group of this.groups.values()) {
      for (const entry of group.values()) result.push(entry.record);
    }
    return result;
  }

  /** The records with this id, whatever their parents. */
  withId(id: string): StoredRecord[] {
    const result: StoredRecord[] = [];
    for (const group of this.groups.values()) {
      const entry = group.get(id);
      if (entry) result.push(entry.record);
    }
    return result;
  }

  /**
   * Stores a record, replacing the one with the same parents and id. Throws `WorldFull`,
   * changing nothing, when the record would take the store past its limits.
   */
  put(record: StoredRecord): void {
    const size = recordSize(record);
    const group = this.group(record.parents, true) as Map<string, Entry>;
    const previous = group.get(record.id);
    const growth = size - (previous?.size ?? 0);
    const tenant = tenantOf(record.parents);
    const { ledger } = this;
    const tenantSize = ledger.tenants.get(tenant) ?? 0;
    if (growth > 0) {
      if (ledger.total + growth > ledger.limits.total) {
        throw new WorldFull('total', ledger.limits.total);
      }
      if (tenantSize + growth > ledger.limits.tenant) {
        throw new WorldFull('tenant', ledger.limits.tenant);
      }
    }
    ledger.revision++;
    ledger.total += growth;
    ledger.tenants.set(tenant, tenantSize + growth);
    group.set(record.id, { record, size });
    if (NUMERIC.test(record.id)) {
      const n = Number(record.id);
      if (Number.isSafeInteger(n) && n > this.maxId) this.maxId = n;
    }
    ledger.listener?.({ type: 'put', table: this.key, record });
  }

  delete(parents: readonly string[], id: string): StoredRecord | undefined {
    const group = this.group(parents, false);
    const entry = group?.get(id);
    if (!entry) return undefined;
    const { ledger } = this;
    ledger.revision++;
    ledger.total -= entry.size;
    const tenant = tenantOf(parents);
    ledger.tenants.set(tenant, (ledger.tenants.get(tenant) ?? 0) - entry.size);
    group?.delete(id);
    ledger.listener?.({ type: 'delete', table: this.key, parents: [...parents], id });
    return entry.record;
  }

  /**
   * The next free numeric identifier of the collection. Ids stay safe integers (a client
   * reading them as numbers reads them exactly): past the largest, `WorldFull('ids')`.
   */
  nextId(): string {
    if (this.maxId >= Number.MAX_SAFE_INTEGER) {
      throw new WorldFull('ids', Number.MAX_SAFE_INTEGER);
    }
    this.maxId += 1;
    return String(this.maxId);
  }
}

/** A state refused by `Store.import`: where it breaks (a JSON pointer) and why. */
export class StateError extends Error {
  constructor(
    readonly pointer: string,
    readonly reason: string,
    source: string,
  ) {
    super(`${source}: ${pointer || '/'}: ${reason}`);
    this.name = 'StateError';
  }
}

/** Every collection of the world, keyed by normalised collection path. */
export class Store {
  private tables = new Map<string, Table>();
  private ledger: Ledger;
  /** Counts every change, across replacements of the content. */
  private base = 0;
  private readonly idOf: (resource: JsonObject) => string | undefined;
  readonly valueLimits: ValueLimits;

  constructor(options: StoreOptions = {}) {
    this.idOf =
      options.idOf ??
      ((resource) =>
        resource.id === undefined || resource.id === null ? undefined : String(resource.id));
    this.valueLimits = options.valueLimits ?? DEFAULT_VALUE_LIMITS;
    this.ledger = this.newLedger({ ...DEFAULT_STORE_LIMITS, ...options.limits });
  }

  private newLedger(limits: StoreLimits): Ledger {
    return { revision: 0, total: 0, tenants: new Map(), limits, listener: undefined };
  }

  get limits(): StoreLimits {
    return this.ledger.limits;
  }

  /** Characters of JSON the records take (approximately). */
  get size(): number {
    return this.ledger.total;
  }

  /** A number that changes whenever a record is stored or deleted, or the content replaced. */
  get revision(): number {
    return this.base + this.ledger.revision;
  }

  /** Called after every change (one listener: the journal of a state file). */
  set listener(listener: ((change: StoreChange) => void) | undefined) {
    this.ledger.listener = listener;
  }

  table(key: string): Table {
    let table = this.tables.get(key);
    if (!table) {
      table = new Table(key, this.ledger);
      this.tables.set(key, table);
    }
    return table;
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

  /** Every record, table by table, without copying them (for writing a state file). */
  *entries(): Iterable<[string, StoredRecord[]]> {
    for (const [key, table] of this.tables) yield [key, table.all()];
  }

  /**
   * A record of a state or a journal, checked: `parents` a list of texts (numbers are
   * taken as texts), `resource` an object within the value bounds, with an id. Throws a
   * `StateError` naming the place.
   */
  checkRecord(value: unknown, pointer: string, source: string): StoredRecord {
    const fail = (at: string, reason: string): never => {
      throw new StateError(at, reason, source);
    };
    if (!isObject(value)) fail(pointer, 'a record is an object with "parents" and "resource"');
    const record = value as JsonObject;
    if (!Array.isArray(record.parents)) fail(`${pointer}/parents`, 'needs a list of path values');
    const parents = (record.parents as unknown[]).map((parent, i) => {
      if (typeof parent === 'string') return parent;
      if (typeof parent === 'number' && Number.isFinite(parent)) return String(parent);
      return fail(`${pointer}/parents/${i}`, 'a path value is a string or a number');
    });
    if (!isObject(record.resource)) fail(`${pointer}/resource`, 'needs an object');
    const resource = record.resource as JsonObject;
    const { fault } = measureValue(resource, this.valueLimits);
    if (fault) {
      const at = `${pointer}/resource${faultPointer(fault.path)}`;
      if (fault.kind === 'depth') fail(at, `nests deeper than ${this.valueLimits.depth} levels`);
      if (fault.kind === 'members') {
        fail(at, `holds more than ${this.valueLimits.members} members and items`);
      }
      fail(at, 'this member name is refused (it would reach a prototype)');
    }
    let id: string | undefined;
    try {
      id = this.idOf(resource);
    } catch {
      id = undefined;
    }
    if (id === undefined || id === '') fail(`${pointer}/resource`, 'a record needs an id');
    const text = id as string;
    if (text.length > MAX_ID_LENGTH) {
      fail(`${pointer}/resource/id`, `an id is at most ${MAX_ID_LENGTH} characters long`);
    }
    if (NUMERIC.test(text) && !Number.isSafeInteger(Number(text))) {
      fail(
        `${pointer}/resource/id`,
        `an id of digits is at most ${Number.MAX_SAFE_INTEGER} (a larger one cannot be read exactly as a number)`,
      );
    }
    return { id: text, parents, resource };
  }

  private copiedRecord(value: unknown, pointer: string, source: string): StoredRecord {
    const record = this.checkRecord(value, pointer, source);
    return { ...record, resource: structuredClone(record.resource) };
  }

  /** A record of tables this store exported, handed over to it: neither checked nor copied. */
  private ownedRecord(value: { parents: string[]; resource: JsonObject }): StoredRecord {
    return {
      id: this.idOf(value.resource) ?? '',
      parents: value.parents,
      resource: value.resource,
    };
  }

  /**
   * Replaces every record with those of `tables`, after checking all of them: a state
   * that breaks anywhere (a record, the limits) throws a `StateError` naming the place
   * (`source`, then a JSON pointer) and leaves the store as it was. The records are
   * copied; with `owned`, tables this store's `export` gave (and nothing else holds) are
   * taken as they are, still within the store's limits.
   */
  import(tables: unknown, source = 'The state', options: { owned?: boolean } = {}): void {
    if (!isObject(tables)) {
      throw new StateError('/tables', 'needs an object of collections', source);
    }
    const limits = this.ledger.limits;
    const ledger = this.newLedger(limits);
    const next = new Map<string, Table>();
    for (const [key, records] of Object.entries(tables)) {
      const at = `/tables/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!key.startsWith('/')) {
        throw new StateError(at, 'a collection is a path starting with "/"', source);
      }
      if (!Array.isArray(records)) throw new StateError(at, 'needs a list of records', source);
      const normalized = normalizeTemplate(key);
      let table = next.get(normalized);
      if (!table) {
        table = new Table(normalized, ledger);
        next.set(normalized, table);
      }
      records.forEach((value, index) => {
        try {
          (table as Table).put(
            options.owned
              ? this.ownedRecord(value as { parents: string[]; resource: JsonObject })
              : this.copiedRecord(value, `${at}/${index}`, source),
          );
        } catch (error) {
          if (!(error instanceof WorldFull)) throw error;
          throw new StateError(
            `${at}/${index}`,
            `the state is larger than the store's limit of ${error.limit} characters${error.scope === 'tenant' ? ' for one tenant' : ''}`,
            source,
          );
        }
      });
    }
    // Checked: swap it in at once, the listener and the count of changes carried over.
    ledger.listener = this.ledger.listener;
    this.base += this.ledger.revision + 1;
    this.ledger = ledger;
    this.tables = next;
    ledger.listener?.({ type: 'replace' });
  }
}
