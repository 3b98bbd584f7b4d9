/**
 * A store kept on disk: a state file (written whole, atomically) and its journal (each
 * change since, appended and flushed before the change is acknowledged). A start replays
 * the journal over the file; a checkpoint writes the file anew and empties the journal.
 */
import { WorldFull } from '../engine/world.js';
import { normalizeTemplate, type Store, type StoreChange } from '../state/store.js';
import { writeFileAtomic } from './files.js';
import { Journal, type JournalEntry } from './journal.js';

/** Past this many characters, the journal is folded into the state file. */
const JOURNAL_FOLD = 64 * 1024 * 1024;

export interface StateHeader {
  format: string;
  version: number;
}

/** Writes the store as a state file, atomically, one record a line. */
export function writeStateFile(file: string, header: StateHeader, store: Store): void {
  writeFileAtomic(file, (append) => {
    append(`{"format":${JSON.stringify(header.format)},"version":${header.version},"tables":{`);
    let firstTable = true;
    for (const [key, records] of store.entries()) {
      append(`${firstTable ? '' : ','}\n${JSON.stringify(key)}:[`);
      firstTable = false;
      records.forEach((record, index) => {
        const line = JSON.stringify({ parents: record.parents, resource: record.resource });
        append(`${index === 0 ? '' : ','}\n${line}`);
      });
      append(records.length === 0 ? ']' : '\n]');
    }
    append('\n}}\n');
  });
}

/** The journal file of a state file. */
export function journalFile(file: string): string {
  return `${file}.journal`;
}

/** Applies a journal's entries to a store, each record checked as a state's record is. */
export function replayJournal(store: Store, entries: readonly JournalEntry[], file: string): void {
  entries.forEach((entry, index) => {
    const where = `${file}:${index + 1}`;
    const key = 'put' in entry ? entry.put : entry.delete;
    if (!key.startsWith('/')) throw new Error(`${where}: a collection is a path starting with "/"`);
    const table = store.table(normalizeTemplate(key));
    if ('delete' in entry) {
      table.delete(entry.parents.map(String), entry.id);
      return;
    }
    const record = store.checkRecord(entry, '', where);
    try {
      table.put(record);
    } catch (error) {
      if (!(error instanceof WorldFull)) throw error;
      throw new Error(`${where}: the state passes the store's limit of ${error.limit} characters`);
    }
  });
}

export class DurableState {
  private journal: Journal | undefined;
  private folding = false;

  constructor(
    readonly file: string,
    private readonly store: Store,
    private readonly header: StateHeader,
  ) {}

  /**
   * Starts keeping the store on disk. The store holds the state file's content (or the
   * state to start from, when there is no file yet); the journal left by an earlier run
   * is replayed over it, and the result written as the state file before any change.
   */
  start(): void {
    const journal = journalFile(this.file);
    const entries = Journal.read(journal);
    replayJournal(this.store, entries, journal);
    this.journal = new Journal(journal);
    this.checkpoint();
    this.store.listener = (change) => this.record(change);
  }

  private record(change: StoreChange): void {
    const journal = this.journal;
    if (!journal) return;
    if (change.type === 'replace') {
      this.checkpoint();
      return;
    }
    journal.append(
      change.type === 'put'
        ? {
            put: change.table,
            parents: change.record.parents,
            resource: change.record.resource,
          }
        : { delete: change.table, parents: change.parents, id: change.id },
    );
    if (journal.size > JOURNAL_FOLD && !this.folding) {
      this.folding = true;
      // Folded between requests, once the changes so far are on disk.
      journal.sync().then(
        () => {
          this.folding = false;
          if (this.journal && this.journal.size > JOURNAL_FOLD) this.checkpoint();
        },
        () => {
          this.folding = false;
        },
      );
    }
  }

  /** Resolves once every change made so far is on disk. */
  sync(): Promise<void> {
    return this.journal?.sync() ?? Promise.resolve();
  }

  /** Writes the whole state file anew (atomically), then empties the journal. */
  checkpoint(): void {
    writeStateFile(this.file, this.header, this.store);
    this.journal?.truncate();
  }

  /** A last checkpoint, and no journal any more. */
  close(): void {
    if (!this.journal) return;
    this.store.listener = undefined;
    this.checkpoint();
    this.journal.close();
    this.journal = undefined;
  }
}
