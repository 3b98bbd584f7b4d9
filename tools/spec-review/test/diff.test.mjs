// @ts-check
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EDITS, SPEC } from './edits.mjs';
import { removeRepositories, repositoryCopy, runCli, tempRepo, write } from './helpers.mjs';

const minorChangeset = '---\n"@activeplatform/openapi": minor\n---\n\nSmall things.\n';
const majorChangeset = '---\n"@activeplatform/openapi": major\n---\n\nBreaking things.\n';

/**
 * `pnpm spec:diff main` in a directory, as a reviewer runs it.
 * @param {string} cwd
 * @returns {Promise<{ status: number | null, stdout: string, stderr: string }>}
 */
function pnpmSpecDiff(cwd) {
  return new Promise((done) => {
    const child = spawn('pnpm', ['--silent', 'spec:diff', 'main'], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

afterAll(removeRepositories, 120_000);

describe('pnpm spec:diff in this repository, with its own redocly.yaml', () => {
  it.concurrent.each(EDITS)(
    'fails on $name, even with a minor changeset',
    async (edit) => {
      const repo = repositoryCopy();
      edit.apply(repo.dir);
      write(repo.dir, { '.changeset/small.md': minorChangeset });
      repo.git('checkout', '-qb', 'edit');
      repo.git('add', '-A');
      repo.git('commit', '-qm', edit.name);
      const r = await pnpmSpecDiff(repo.dir);
      expect(r.stderr).not.toMatch(/spec-review:/);
      expect(r.stdout).toContain('and no major changeset for @activeplatform/openapi');
      expect(r.stdout).toMatch(edit.words);
      expect(r.stdout).toContain(`\`${edit.file}\``);
      expect(r.status).toBe(1);
    },
    600_000,
  );

  it.concurrent('passes with all four once a major changeset announces them', async () => {
    const repo = repositoryCopy();
    for (const edit of EDITS) edit.apply(repo.dir);
    write(repo.dir, { '.changeset/break.md': majorChangeset });
    const r = await pnpmSpecDiff(repo.dir);
    expect(r.stdout).toMatch(
      /✅ \d+ changes breaking for clients, announced by the major changeset/,
    );
    for (const edit of EDITS) expect(r.stdout).toMatch(edit.words);
    expect(r.status).toBe(0);
  }, 600_000);
});

const tiny = (/** @type {string} */ status) => `openapi: 3.1.0
info: { title: Tiny, version: 1.0.0 }
paths:
  /items:
    get:
      operationId: listItems
      responses:
        "${status}": { description: Items. }
`;
const pkg = JSON.stringify({ name: '@tiny/openapi', version: '1.0.0' });

describe('spec-review diff, where the description comes from', () => {
  it('compares against an empty description when the base has no spec', () => {
    const repo = tempRepo({ 'README.md': 'empty\n' });
    write(repo.dir, { [`${SPEC}/openapi.yaml`]: tiny('200'), [`${SPEC}/package.json`]: pkg });
    const r = runCli(['diff', 'main'], { cwd: repo.dir });
    expect(r.stdout).toContain('No change breaking for clients.');
    expect(r.stdout).toContain('path /items was added');
    expect(r.status).toBe(0);
  });

  it('finds the base where the description lived before it moved to its folder', () => {
    const repo = tempRepo({ 'spec/openapi.yaml': tiny('200') });
    write(repo.dir, { [`${SPEC}/openapi.yaml`]: tiny('201'), [`${SPEC}/package.json`]: pkg });
    const r = runCli(['diff', 'main', '--changes-json', join(repo.dir, 'diff.json')], {
      cwd: repo.dir,
    });
    expect(r.stdout).toContain('GET /items: response 200 became `201`');
    expect(r.stdout).toContain('no major changeset for @tiny/openapi');
    const json = JSON.parse(readFileSync(join(repo.dir, 'diff.json'), 'utf8'));
    expect(json.changes[0].file).toBe(`${SPEC}/openapi.yaml`);
    expect(r.status).toBe(1);
  });

  it('says what is missing when the folder is no package', () => {
    const repo = tempRepo({ 'spec/other/openapi.yaml': tiny('200') });
    const r = runCli(['diff', 'main', '--spec', 'spec/other'], { cwd: repo.dir });
    expect(r.stderr).toContain('spec/other/package.json is missing');
    expect(r.status).toBe(2);
  });
});

describe('spec-review changesets', () => {
  it('fails when a published package changed without a changeset', () => {
    const repo = tempRepo({
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/client/package.json': '{ "name": "@activeplatform/client" }\n',
      'packages/client/src/a.ts': 'export {};\n',
    });
    write(repo.dir, { 'packages/client/src/a.ts': 'export const a = 1;\n' });
    const r = runCli(['changesets', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('@activeplatform/client');
    expect(r.stdout).toContain('Run `pnpm changeset`');
  });

  it('passes once a changeset names the package', () => {
    const repo = tempRepo({
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/client/package.json': '{ "name": "@activeplatform/client" }\n',
      'packages/client/src/a.ts': 'export {};\n',
    });
    write(repo.dir, {
      'packages/client/src/a.ts': 'export const a = 1;\n',
      '.changeset/a.md': '---\n"@activeplatform/client": patch\n---\n\nExport a.\n',
    });
    expect(runCli(['changesets', 'main'], { cwd: repo.dir }).status).toBe(0);
  });

  it('refuses a changeset the release cannot read, naming the file', () => {
    // The shape a Markdown formatter leaves: the closing fence read as a setext underline.
    const repo = tempRepo({
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/client/package.json': '{ "name": "@activeplatform/client" }\n',
      'packages/client/src/a.ts': 'export {};\n',
    });
    write(repo.dir, {
      'packages/client/src/a.ts': 'export const a = 1;\n',
      '.changeset/mangled.md': '---\n\n## "@activeplatform/client": minor\n\nExport a.\n',
    });
    const r = runCli(['changesets', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('.changeset/mangled.md cannot be read by changesets');
    expect(r.stdout).toContain('without a changeset: @activeplatform/client');
  });

  it('knows the description folders by their package.json, and skips private packages', () => {
    const repo = tempRepo({
      'pnpm-workspace.yaml': 'packages:\n  - spec/*\n  - tools/*\n',
      'spec/notifications/package.json': '{ "name": "@notifications/openapi" }\n',
      'spec/notifications/openapi.yaml': 'openapi: 3.1.0\n',
      'tools/x/package.json': '{ "name": "x", "private": true }\n',
      'tools/x/x.mjs': '\n',
    });
    write(repo.dir, {
      'spec/notifications/openapi.yaml': 'openapi: 3.1.1\n',
      'tools/x/x.mjs': 'export {};\n',
    });
    const r = runCli(['changesets', 'main'], { cwd: repo.dir });
    expect(r.stdout).toContain('without a changeset: @notifications/openapi.');
    expect(r.status).toBe(1);
  });
});
