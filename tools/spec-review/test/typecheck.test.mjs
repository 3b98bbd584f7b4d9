// @ts-check
import { afterAll, describe, expect, it } from 'vitest';
import { disagreements } from '../src/types-report.mjs';
import { EDITS } from './edits.mjs';
import { removeRepositories, repositoryCopy, runCli, runCliAsync, tempRepo } from './helpers.mjs';

afterAll(removeRepositories, 120_000);

/** @param {string} name */
const edit = (name) => {
  const found = EDITS.find((e) => e.name.includes(name));
  if (!found) throw new Error(`no edit ${name}`);
  return found;
};

describe('spec-review types: the previous samples against the new types and client', () => {
  it.concurrent('finds the four edits, with the operations and exported types they break', async () => {
    const repo = repositoryCopy();
    for (const e of EDITS) e.apply(repo.dir);
    const r = await runCliAsync(['types', 'main'], repo.dir);
    expect(r.stderr).not.toMatch(/spec-review:/);
    expect(r.stdout).toContain('no major changeset for @activeplatform/openapi');
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| `'));
    /** @param {string} operation */
    const row = (operation) => rows.filter((l) => l.startsWith(`| \`${operation}\``)).join('\n');
    expect(row('deleteNote')).toContain('| the call | `operations["deleteNote"]` |');
    expect(row('deleteNote')).not.toContain('the answer');
    expect(row('createAccount')).toMatch(
      /the call \| `operations\["createAccount"\]`, `components\["schemas"\]\["AccountCreateRequest"\]` \| Type 'number' is not assignable to type 'string'/,
    );
    for (const op of ['listAccounts', 'getAccount', 'updateAccount']) {
      expect(row(op)).toMatch(/the answer \| .*`components\["schemas"\]\["AccountAttributes"\]`/);
    }
    expect(r.stdout).not.toContain('Not checked');
    expect(r.status).toBe(1);
  }, 600_000);

  it.concurrent('says in the report where it and the diff disagree', async () => {
    const repo = repositoryCopy();
    // The sample of createAccount already sends primary_name: only the diff sees this break.
    edit('primary_name').apply(repo.dir);
    const r = await runCliAsync(['report', 'main'], repo.dir);
    expect(r.stderr).not.toMatch(/spec-review:/);
    expect(r.stdout).toContain('✅ No operation whose previous sample no longer type-checks.');
    expect(r.stdout).toContain(
      '- `createAccount`: the diff rates it breaking for clients (POST …/{reseller_id}/accounts: ' +
        'request body member `data.attributes` now requires `primary_name`), the previous sample still compiles.',
    );
    expect(r.status).toBe(0);
  }, 600_000);

  it('is skipped, and says why, when the workspace has no TypeScript client', () => {
    const repo = tempRepo({
      'spec/tiny/openapi.yaml': 'openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths: {}\n',
      'spec/tiny/package.json': '{ "name": "@tiny/openapi" }\n',
    });
    const r = runCli(['types', 'main', '--spec', 'spec/tiny'], { cwd: repo.dir });
    expect(r.stdout).toContain('➖ Not run: @tiny/client is not a package of this workspace.');
    expect(r.status).toBe(0);
  });
});

describe('disagreements between the type check and the diff', () => {
  const change = (/** @type {string[]} */ operations, /** @type {string} */ impact) =>
    /** @type {import('../src/diff.mjs').Change} */ ({
      words: `${operations.join(', ')} changed`,
      clients: { impact, decidedBy: 'redocly diff' },
      servers: { impact: 'minor', decidedBy: 'redocly diff' },
      file: 'a.yaml',
      pointer: '#/x',
      operations,
      path: '#/paths/~1x',
      kind: 'modified',
      typeName: 'Schema',
      messages: [],
    });
  const types = {
    breaks: [
      {
        key: 'GET /a',
        operation: 'getA',
        side: /** @type {const} */ ('response'),
        types: [],
        message: '',
      },
      {
        key: 'GET /b',
        operation: 'getB',
        side: /** @type {const} */ ('request'),
        types: [],
        message: '',
      },
    ],
    unchecked: [{ operation: 'getD', message: 'stale' }],
    removedTypes: [],
    operations: 4,
  };

  it('lists the operations only one of them finds broken, and leaves unchecked ones out', () => {
    const result = disagreements(types, [
      change(['getA'], 'major'),
      change(['getB'], 'minor'),
      change(['getC', 'getD'], 'major'),
    ]);
    expect(result.typesOnly).toEqual(['getB']);
    expect(result.diffOnly.map(([op]) => op)).toEqual(['getC']);
  });
});
