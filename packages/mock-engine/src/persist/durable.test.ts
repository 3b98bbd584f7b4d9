import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { createMock } from '../mock.js';
import { Store } from '../state/store.js';
import { NOTES_SPEC } from '../testing/notes-spec.js';
import { journalFile, writeStateFile } from './durable.js';
import { jsonSyntaxError, readJsonFile, writeFileAtomic } from './files.js';
import { Journal } from './journal.js';

const scratch = mkdtempSync(join(tmpdir(), 'mock-engine-persist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(scratch, `state-${++n}.json`);

describe('state files', () => {
  it('are written whole or not at all', () => {
    const file = fresh();
    writeFileSync(file, 'old');
    expect(() =>
      writeFileAtomic(file, (append) => {
        append('new, half');
        throw new Error('killed');
      }),
    ).toThrow('killed');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(existsSync(`${file}.tmp`)).toBe(false);
    writeFileAtomic(file, (append) => append('new'));
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('are written record by record and read back as the same state', () => {
    const store = new Store();
    store.table('/a').put({ id: '1', parents: [], resource: { id: '1', deep: { x: [1, 2] } } });
    store.table('/a/{}/b').put({ id: 'k', parents: ['1'], resource: { id: 'k' } });
    store.table('/empty');
    const file = fresh();
    writeStateFile(file, { format: 'f', version: 3 }, store);
    const read = readJsonFile(file) as { format: string; version: number; tables: unknown };
    expect(read).toEqual({ format: 'f', version: 3, tables: store.export() });
  });

  it('that are not JSON are refused with the file and the place, quoting nothing', () => {
    const file = fresh();
    writeFileSync(file, '{"tables":\n  {"a": [1,, "secret-token-value"]}}');
    expect(() => readJsonFile(file)).toThrow(new RegExp(`^${file} is not JSON: .*`));
    try {
      readJsonFile(file);
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-token-value');
    }
    expect(jsonSyntaxError('{"a":1', new SyntaxError('Unexpected end of JSON input'))).toBe(
      'it ends early, at 1:7',
    );
    expect(
      jsonSyntaxError(
        '{\n"a":1 x}',
        new SyntaxError("Expected ',' or '}' after property value in JSON at position 8"),
      ),
    ).toBe("Expected ',' or '}' after property value at 2:7");
  });
});

describe('the journal', () => {
  it('flushes the changes made while a flush runs in one more flush, and reads them back', async () => {
    const file = `${fresh()}.journal`;
    const journal = new Journal(file);
    journal.append({ put: '/a', parents: [], resource: { id: '1' } });
    const first = journal.sync();
    journal.append({ put: '/a', parents: [], resource: { id: '2' } });
    journal.append({ delete: '/a', parents: [], id: '1' });
    const second = journal.sync();
    expect(journal.sync()).toBe(second);
    await Promise.all([first, second]);
    journal.close();
    expect(Journal.read(file).map((e) => ('put' in e ? e.resource : e.id))).toEqual([
      { id: '1' },
      { id: '2' },
      '1',
    ]);
  });

  it('leaves out a last line cut short, and refuses any other broken line', () => {
    const file = `${fresh()}.journal`;
    writeFileSync(file, '{"put":"/a","parents":[],"resource":{"id":"1"}}\n{"put":"/a","par');
    expect(Journal.read(file)).toHaveLength(1);
    appendFileSync(file, '\n{"delete":"/a","parents":[],"id":"1"}\n');
    expect(() => Journal.read(file)).toThrow(`${file}:2: the journal's line is not JSON`);
  });
});

describe('a mock that keeps its state file', () => {
  const settings = (stateFile: string) => ({
    spec: NOTES_SPEC,
    mode: 'stateful' as const,
    stateFile,
    journal: true,
    randomSeed: 1,
  });
  const post = (handler: ReturnType<typeof webHandler>, text: string) =>
    handler(
      new Request('http://m/api/shelves/1/notes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      }),
    );

  it('has every answered change on disk, and a new start replays them', async () => {
    const file = fresh();
    const mock = createMock(settings(file));
    const handler = webHandler(mock.handle);
    const answers = await Promise.all(['a', 'b', 'c'].map((text) => post(handler, text)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    // No clean close: what a kill -9 leaves.
    expect(Journal.read(journalFile(file))).toHaveLength(3);
    const again = createMock(settings(file));
    const texts = again.store
      .table('/shelves/{}/notes')
      .all()
      .map((r) => r.resource.text);
    expect(texts).toEqual(['a', 'b', 'c']);
    // The start folded the journal into the state file.
    expect(Journal.read(journalFile(file))).toHaveLength(0);
    again.close();
    mock.close();
  });

  it('without a journal, writes its state file when closed, once', async () => {
    const file = fresh();
    const mock = createMock({ ...settings(file), journal: false });
    expect((await post(webHandler(mock.handle), 'unjournalled')).status).toBe(201);
    expect(existsSync(journalFile(file))).toBe(false);
    expect(existsSync(file)).toBe(false);
    mock.close();
    expect(readFileSync(file, 'utf8')).toContain('unjournalled');
    writeFileSync(file, 'left alone');
    mock.close();
    expect(readFileSync(file, 'utf8')).toBe('left alone');
  });

  it('refuses a journal line that breaks the bounds, naming the file and the line', () => {
    const file = fresh();
    createMock(settings(file)).close();
    writeFileSync(
      journalFile(file),
      '{"put":"/shelves/{}/notes","parents":["1"],"resource":{"id":"1","__proto__":{}}}\n',
    );
    expect(() => createMock(settings(file))).toThrow(
      `${journalFile(file)}:1: /resource/__proto__: this member name is refused`,
    );
  });
});
