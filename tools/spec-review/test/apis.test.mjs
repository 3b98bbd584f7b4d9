// @ts-check
/**
 * Commands over every description of a workspace: coverage with a section per description,
 * and the list of descriptions a change touches. Run in a small repository of two
 * descriptions, each with a reference folder and its adapter.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeRepositories, runCli, tempRepo, write } from './helpers.mjs';

afterAll(removeRepositories);

/** @param {string} path */
const description = (path) => `openapi: 3.1.0
info: { title: T, version: "1" }
paths:
  ${path}:
    get:
      operationId: listItems
      responses:
        "200":
          description: Items.
          content:
            application/json:
              schema:
                type: object
                properties:
                  name: { type: string }
              example: { name: a }
`;

/** @param {string} path */
const adapter = (path) => `export function documentedActions() {
  return { actions: [{ section: 'Items', action: 'List items', method: 'GET', path: '${path}',
    parameters: [], requestFields: [], responseFields: ['name'] }] };
}
`;

function workspace() {
  return tempRepo({
    'pnpm-workspace.yaml': 'packages:\n  - spec/*\n',
    'spec/one/openapi.yaml': description('/one'),
    'spec/one/package.json': '{ "name": "@x/one-openapi" }\n',
    'spec/two/openapi.yaml': description('/two'),
    'spec/two/package.json': '{ "name": "@x/two-openapi" }\n',
    'tools/reference/one/actions.mjs': adapter('/one'),
    'tools/reference/two/actions.mjs': adapter('/two'),
  });
}

describe('coverage of every description', () => {
  it('has a section per description, and fails when one of them misses an action', () => {
    const repo = workspace();
    const all = runCli(['coverage'], { cwd: repo.dir });
    expect(all.stdout).toContain('# `spec/one` (@x/one-openapi)');
    expect(all.stdout).toContain('# `spec/two` (@x/two-openapi)');
    expect(all.stdout.match(/^\*\*100%\*\* of 1 documented actions/gm)).toHaveLength(2);
    expect(all.status).toBe(0);

    write(repo.dir, { 'tools/reference/two/actions.mjs': adapter('/three') });
    const broken = runCli(['coverage', '--json'], { cwd: repo.dir });
    const json = JSON.parse(broken.stdout);
    expect(
      json.apis.map((/** @type {any} */ a) => [a.folder, a.package, a.totals.percent]),
    ).toEqual([
      ['spec/one', '@x/one-openapi', 100],
      ['spec/two', '@x/two-openapi', 0],
    ]);
    expect(broken.status).toBe(1);

    const one = runCli(['coverage', '--api', 'spec/one', '--json'], { cwd: repo.dir });
    expect(JSON.parse(one.stdout).totals).toMatchObject({ actions: 1, percent: 100 });
    expect(one.status).toBe(0);
  });

  it('names the adapter a reference folder lacks', () => {
    const repo = workspace();
    repo.git('rm', '-q', 'tools/reference/one/actions.mjs');
    const r = runCli(['coverage', '--api', 'spec/one'], { cwd: repo.dir });
    expect(r.stderr).toContain('tools/reference/one/actions.mjs is missing');
    expect(r.status).toBe(2);
  });
});

describe('the descriptions a change touches', () => {
  it('are those whose folder or reference changed, or all when the house rules did', () => {
    const repo = workspace();
    expect(runCli(['apis'], { cwd: repo.dir }).stdout).toBe('spec/one\nspec/two\n');
    expect(runCli(['apis', 'main'], { cwd: repo.dir }).stdout).toBe('');
    write(repo.dir, { 'spec/two/openapi.yaml': description('/twice') });
    expect(runCli(['apis', 'main'], { cwd: repo.dir }).stdout).toBe('spec/two\n');
    write(repo.dir, { 'tools/reference/one/notes.json': '{}\n' });
    expect(runCli(['apis', 'main'], { cwd: repo.dir }).stdout).toBe('spec/one\nspec/two\n');
    repo.git('checkout', '-q', '--', '.');
    repo.git('clean', '-qfd');
    write(repo.dir, { 'redocly.yaml': 'rules: {}\n' });
    expect(runCli(['apis', 'main'], { cwd: repo.dir }).stdout).toBe('spec/one\nspec/two\n');
  });
});

describe('the breaking-change gate of every changed description', () => {
  it('diffs each description that changed, and fails on a break of any without its major changeset', () => {
    const repo = workspace();
    const none = runCli(['diff', 'main', '--changed'], { cwd: repo.dir });
    expect(none.stdout).toBe('No description changed since `main`: no breaking change to check.\n');
    expect(none.status).toBe(0);

    // spec/two loses its path; spec/one is untouched and not diffed.
    write(repo.dir, { 'spec/two/openapi.yaml': description('/twice') });
    const broken = runCli(['diff', 'main', '--changed'], { cwd: repo.dir });
    expect(broken.stdout).toContain('# `spec/two` (@x/two-openapi)');
    expect(broken.stdout).not.toContain('spec/one');
    expect(broken.stdout).toContain('no major changeset for @x/two-openapi');
    expect(broken.status).toBe(1);

    write(repo.dir, { '.changeset/two.md': '---\n"@x/two-openapi": major\n---\n\nMoved.\n' });
    const announced = runCli(['diff', 'main', '--changed'], { cwd: repo.dir });
    expect(announced.stdout).toContain('announced by the major changeset');
    expect(announced.status).toBe(0);

    const both = runCli(['diff', 'main', '--changed', '--spec', 'spec/one'], { cwd: repo.dir });
    expect(both.stderr).toContain('--changed and --spec exclude each other');
    expect(both.status).toBe(2);
  });
});
