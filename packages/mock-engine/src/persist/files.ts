/**
 * State files on disk: read with errors that name the file and the place, written so
 * that a kill at any moment leaves either the old file or the new one (a temporary file,
 * flushed to disk, then renamed over the old one).
 */

export interface FsModule {
  readFileSync(path: string, encoding: 'utf8'): string;
  existsSync(path: string): boolean;
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, text: string): number;
  fsyncSync(fd: number): void;
  fsync(fd: number, callback: (error: Error | null) => void): void;
  ftruncateSync(fd: number, length: number): void;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  readdirSync(path: string): string[];
  statSync(path: string): { isDirectory(): boolean };
}

/** `node:fs`, reached without a static import so that the engine also bundles for browsers. */
export function nodeFs(): FsModule {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } })
    .process?.getBuiltinModule;
  const module = getBuiltin?.('node:fs') as FsModule | undefined;
  if (!module) throw new Error('Reading or writing state files needs Node.js 20.16 or later');
  return module;
}

/** `line:column` (from 1) of an offset in a text. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `${line}:${offset - start + 1}`;
}

/**
 * Why a text is not JSON, with the place where it can be told, and without quoting the
 * text (a state file holds tokens).
 */
export function jsonSyntaxError(text: string, error: Error): string {
  const message = error.message.replace(/,\s*".*" is not valid JSON$/s, '');
  const position = /at position ([0-9]+)/.exec(message);
  if (position) {
    const reason = message.replace(/\s*in JSON at position [0-9]+.*$/s, '');
    return `${reason} at ${lineAndColumn(text, Number(position[1]))}`;
  }
  if (/end of JSON input/.test(message))
    return `it ends early, at ${lineAndColumn(text, text.length)}`;
  return message;
}

/** The value of a JSON file; errors name the file (and the line and column of a syntax error). */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = nodeFs().readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the state file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${jsonSyntaxError(text, error as Error)}`);
  }
}

/** Makes a directory's entries durable (a rename in it); not every system can, which is no error. */
function syncDirectory(fs: FsModule, file: string): void {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dir = slash === -1 ? '.' : file.slice(0, slash) || '/';
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Directories cannot be opened or flushed on some systems (Windows).
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes a file atomically: `write` is called with a function that appends text to a
 * temporary file beside it; the file is flushed to disk and renamed over `file`. A kill
 * at any point leaves the old file or the new one, never a part of one.
 */
export function writeFileAtomic(
  file: string,
  write: (append: (text: string) => void) => void,
): void {
  const fs = nodeFs();
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    let buffered = '';
    const append = (text: string) => {
      buffered += text;
      if (buffered.length >= 1 << 20) {
        fs.writeSync(fd, buffered);
        buffered = '';
      }
    };
    write(append);
    if (buffered) fs.writeSync(fd, buffered);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Already gone.
    }
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, file);
  syncDirectory(fs, file);
}
