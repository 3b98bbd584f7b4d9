/**
 * The journal of a state file: every change of the store appended as one line of JSON,
 * flushed to disk before the change is acknowledged, and replayed over the state file on
 * the next start. Flushes are shared: the changes made while one runs all go in the next.
 */
import { type FsModule, nodeFs } from './files.js';

/** One line of the journal. */
export type JournalEntry =
  | { put: string; parents: string[]; resource: unknown }
  | { delete: string; parents: string[]; id: string };

export class Journal {
  private readonly fs: FsModule;
  private fd: number | undefined;
  /** Entries appended, and entries known to be on disk. */
  private appended = 0;
  private durable = 0;
  private bytes = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(readonly file: string) {
    this.fs = nodeFs();
    this.fd = this.fs.openSync(file, 'a', 0o600);
    this.bytes = this.fs.fstatSync(this.fd).size;
  }

  /** Characters appended since the journal was last emptied. */
  get size(): number {
    return this.bytes;
  }

  /** Appends an entry (to the system's cache; `sync` puts it on disk). */
  append(entry: JournalEntry): void {
    if (this.fd === undefined) return;
    const line = `${JSON.stringify(entry)}\n`;
    try {
      this.fs.writeSync(this.fd, line);
    } catch (error) {
      this.failure ??= error as Error;
      throw error;
    }
    this.appended++;
    this.bytes += line.length;
  }

  /** Resolves once every entry appended before the call is on disk. */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable >= this.appended || this.fd === undefined) return Promise.resolve();
    if (!this.running) return this.flush();
    // A flush is running and may not hold the latest entries: one more after it, shared.
    this.queued ??= this.running.then(
      () => {
        this.queued = undefined;
        return this.flush();
      },
      () => {
        this.queued = undefined;
        return this.flush();
      },
    );
    return this.queued;
  }

  private flush(): Promise<void> {
    const fd = this.fd;
    if (this.failure) return Promise.reject(this.failure);
    if (fd === undefined || this.durable >= this.appended) return Promise.resolve();
    const upTo = this.appended;
    this.running = new Promise<void>((resolve, reject) => {
      this.fs.fsync(fd, (error) => {
        this.running = undefined;
        if (error) {
          this.failure ??= error;
          reject(error);
          return;
        }
        this.durable = Math.max(this.durable, upTo);
        resolve();
      });
    });
    return this.running;
  }

  /** Empties the journal once its entries are in a state file on disk. */
  truncate(): void {
    if (this.fd === undefined) return;
    this.fs.ftruncateSync(this.fd, 0);
    this.fs.fsyncSync(this.fd);
    this.durable = this.appended;
    this.bytes = 0;
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    this.fs.closeSync(fd);
  }

  /**
   * Reads the entries of a journal file, in order. The last line may be cut short (a kill
   * while it was appended; it was never acknowledged) and is left out; any other line that
   * is not an entry throws, naming the file and the line.
   */
  static read(file: string): JournalEntry[] {
    const fs = nodeFs();
    if (!fs.existsSync(file)) return [];
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const entries: JournalEntry[] = [];
    lines.forEach((line, index) => {
      if (line === '') return;
      const last = index === lines.length - 1;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        if (last) return;
        throw new Error(`${file}:${index + 1}: the journal's line is not JSON`);
      }
      const entry = value as Partial<Record<string, unknown>>;
      const ok =
        typeof entry === 'object' &&
        entry !== null &&
        Array.isArray(entry.parents) &&
        ((typeof entry.put === 'string' && 'resource' in entry) ||
          (typeof entry.delete === 'string' && typeof entry.id === 'string'));
      if (!ok) throw new Error(`${file}:${index + 1}: the journal's line is not an entry`);
      entries.push(value as JournalEntry);
    });
    return entries;
  }
}
