// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo, write } from './helpers.mjs';

const v1 = readFileSync(
  fileURLToPath(new URL('./fixtures/things-v1.yaml', import.meta.url)),
  'utf8',
);
const withoutDelete =
  v1.slice(0, v1.indexOf('  /api/v3/resellers/{reseller_id}/things/{thing_id}:')) +
  v1.slice(v1.indexOf('components:'));
const majorChangeset = '---\n"@activeplatform/openapi": major\n---\n\nRemove deleteThing.\n';

describe('spec-review diff', () => {
  it('passes when nothing changed', () => {
    const repo = tempRepo({ 'spec/activeplatform/openapi.yaml': v1 });
    const r = runCli(['diff', 'main'], { cwd: repo.dir });
    expect(r.stdout).toContain('No breaking change.');
    expect(r.status).toBe(0);
  });

  it('fails on a removed operation without a major changeset, and says how to fix it', () => {
    const repo = tempRepo({ 'spec/activeplatform/openapi.yaml': v1 });
    write(repo.dir, { 'spec/activeplatform/openapi.yaml': withoutDelete });
    const r = runCli(['diff', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('1 breaking change(s) and no major changeset');
    expect(r.stdout).toContain('path-removed');
    expect(r.stdout).toContain('pnpm changeset');
  });

  it('accepts the same break once a major changeset announces it', () => {
    const repo = tempRepo({ 'spec/activeplatform/openapi.yaml': v1 });
    write(repo.dir, {
      'spec/activeplatform/openapi.yaml': withoutDelete,
      '.changeset/drop.md': majorChangeset,
    });
    const r = runCli(['diff', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('announced by the major changeset .changeset/drop.md');
  });

  it('treats a new operation as non-breaking', () => {
    const repo = tempRepo({ 'spec/activeplatform/openapi.yaml': withoutDelete });
    write(repo.dir, { 'spec/activeplatform/openapi.yaml': v1 });
    const r = runCli(['diff', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/minor/);
  });

  it('compares against an empty description when the base has no spec', () => {
    const repo = tempRepo({ 'README.md': 'empty\n' });
    write(repo.dir, { 'spec/activeplatform/openapi.yaml': v1 });
    const r = runCli(['diff', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(0);
  });
});

describe('spec-review changesets', () => {
  it('fails when a published package changed without a changeset', () => {
    const repo = tempRepo({ 'packages/client/src/a.ts': 'export {};\n' });
    write(repo.dir, { 'packages/client/src/a.ts': 'export const a = 1;\n' });
    const r = runCli(['changesets', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('@activeplatform/client');
    expect(r.stdout).toContain('Run `pnpm changeset`');
  });

  it('passes once a changeset names the package', () => {
    const repo = tempRepo({ 'packages/client/src/a.ts': 'export {};\n' });
    write(repo.dir, {
      'packages/client/src/a.ts': 'export const a = 1;\n',
      '.changeset/a.md': '---\n"@activeplatform/client": patch\n---\n\nExport a.\n',
    });
    expect(runCli(['changesets', 'main'], { cwd: repo.dir }).status).toBe(0);
  });

  it('refuses a changeset the release cannot read, naming the file', () => {
    // The shape a Markdown formatter leaves: the closing fence read as a setext underline.
    const repo = tempRepo({ 'packages/client/src/a.ts': 'export {};\n' });
    write(repo.dir, {
      'packages/client/src/a.ts': 'export const a = 1;\n',
      '.changeset/mangled.md': '---\n\n## "@activeplatform/client": minor\n\nExport a.\n',
    });
    const r = runCli(['changesets', 'main'], { cwd: repo.dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('.changeset/mangled.md cannot be read by changesets');
    expect(r.stdout).toContain('without a changeset: @activeplatform/client');
  });

  it('ignores changes outside published packages', () => {
    const repo = tempRepo({ 'tools/x.mjs': '\n' });
    write(repo.dir, { 'tools/x.mjs': 'export {};\n' });
    expect(runCli(['changesets', 'main'], { cwd: repo.dir }).status).toBe(0);
  });
});
