import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { configProblems, descriptionFiles, loadConfig } from './config.js';

const root = mkdtempSync(join(tmpdir(), 'docs-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A docs package beside a description package that exports the given files. */
function docsPackage(exports: Record<string, string>) {
  const dir = mkdtempSync(join(root, 'docs-'));
  const spec = join(dir, 'node_modules', '@x', 'openapi');
  mkdirSync(spec, { recursive: true });
  writeFileSync(
    join(spec, 'package.json'),
    JSON.stringify({
      name: '@x/openapi',
      exports: { ...exports, './package.json': './package.json' },
    }),
  );
  return { dir, spec, configUrl: pathToFileURL(join(dir, 'docs.config.mjs')).href };
}

describe('the files of a site', () => {
  it('come from the exports of the description package, and the logo from assets/', () => {
    const { dir, spec, configUrl } = docsPackage({
      './openapi.json': './dist/openapi.json',
      './coverage.md': './dist/coverage.md',
    });
    expect(descriptionFiles(configUrl, '@x/openapi')).toEqual({
      spec: join(spec, 'dist', 'openapi.json'),
      coverage: join(spec, 'dist', 'coverage.md'),
      logo: join(dir, 'assets', 'logo.svg'),
    });
  });

  it('name the package that exports no coverage report', () => {
    const { spec, configUrl } = docsPackage({ './openapi.json': './dist/openapi.json' });
    expect(() => descriptionFiles(configUrl, '@x/openapi')).toThrow(
      `${join(spec, 'package.json')} exports no "./coverage.md" file`,
    );
  });
});

describe('a configuration', () => {
  it('lists every problem it has', () => {
    expect(configProblems({ name: '', theme: { light: ['#fff'] } })).toEqual([
      'name must be a string',
      'spec must be the path of the bundle',
      'theme.light must be 11 colours written #rgb or #rrggbb',
      'theme.dark must be 11 colours written #rgb or #rrggbb',
      'samples must be given',
    ]);
  });

  it("names a mock by its package, with the samples' environment or a function giving it", () => {
    const valid = {
      name: 'N',
      spec: 'openapi.json',
      theme: { light: Array(11).fill('#fff'), dark: Array(11).fill('#000') },
      samples: {},
    };
    expect(configProblems({ ...valid, mock: { package: 'm', env: { T: 't' } } })).toEqual([]);
    expect(
      configProblems({ ...valid, mock: { package: 'm', env: async () => ({ T: 't' }) } }),
    ).toEqual([]);
    expect(configProblems({ ...valid, mock: { package: 'm', env: 'T=t' } })).toEqual([
      'mock must name a package and the env of the samples',
    ]);
  });

  it('is read from docs.config.mjs, and a missing or broken one is named', async () => {
    const dir = mkdtempSync(join(root, 'load-'));
    await expect(loadConfig(join(dir, 'docs.config.mjs'))).rejects.toThrow(
      `${join(dir, 'docs.config.mjs')} is missing`,
    );
    writeFileSync(join(dir, 'docs.config.mjs'), 'export default { name: "N" };\n');
    await expect(loadConfig(join(dir, 'docs.config.mjs'))).rejects.toThrow(
      /docs\.config\.mjs:\n- spec must be the path of the bundle/,
    );
  });
});
