/**
 * What makes one API's docs site: its description, its coverage report, its look, and how
 * its code samples address it. A docs package keeps it in `docs.config.mjs`, its default
 * export; the builder, the server, the benchmark and the tests read it from there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeSampleOptions } from './code-samples.js';

/** The eleven steps of a brand colour scale, lightest to darkest (Redoc's --color-brand-1…11). */
export type BrandScale = readonly [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

export interface DocsSiteConfig {
  /** The site's name in messages, e.g. `CSA notification API docs`. */
  name: string;
  /** The bundled description the site shows (a file). */
  spec: string;
  /**
   * The coverage report (markdown) the spec package writes; the introduction ends with it.
   * A file that does not exist is skipped.
   */
  coverage?: string | undefined;
  /** An SVG file: the menu's logo and the favicon. */
  logo?: string | undefined;
  /** The brand colour scales of the light and the dark theme. */
  theme: { light: BrandScale; dark: BrandScale };
  /**
   * How the code samples address the API. Without `clientPackage` the site has curl samples
   * only; with it, a TypeScript sample through that client too.
   */
  samples: CodeSampleOptions;
  /**
   * The API's mock, which the tests send every sample to: a package exporting
   * `createMockFetch(options)`, and the values of the samples' environment variables, given
   * or obtained from the mock itself (credentials it issues, say) through its `fetch`.
   */
  mock?:
    | {
        package: string;
        options?: Record<string, unknown>;
        env:
          | Record<string, string>
          | ((fetch: typeof globalThis.fetch) => Promise<Record<string, string>>);
      }
    | undefined;
}

/**
 * The files a docs package's site is made of: the bundle and the coverage report its
 * description's package exports (`./openapi.json`, `./coverage.md`, beside its
 * `./package.json`), resolved from the docs package, and its own logo, `assets/logo.svg`.
 * @param configUrl `import.meta.url` of the docs package's `docs.config.mjs`
 * @param specPackage the description's package, e.g. `@scope/x-openapi`
 */
export function descriptionFiles(
  configUrl: string,
  specPackage: string,
): Pick<DocsSiteConfig, 'spec' | 'coverage' | 'logo'> {
  const manifest = createRequire(configUrl).resolve(`${specPackage}/package.json`);
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  const exported = (subpath: string) => {
    const target = exports?.[subpath];
    if (typeof target !== 'string') {
      throw new Error(`${manifest} exports no "${subpath}" file: the docs site needs it.`);
    }
    return join(dirname(manifest), target);
  };
  return {
    spec: exported('./openapi.json'),
    coverage: exported('./coverage.md'),
    logo: fileURLToPath(new URL('./assets/logo.svg', configUrl)),
  };
}

/** The file a docs package keeps its configuration in. */
export const CONFIG_FILE = 'docs.config.mjs';

const COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** What is wrong with a configuration; empty when nothing is. */
export function configProblems(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return ['the default export is no object'];
  const c = config as Partial<DocsSiteConfig>;
  const problems: string[] = [];
  if (typeof c.name !== 'string' || c.name === '') problems.push('name must be a string');
  if (typeof c.spec !== 'string') problems.push('spec must be the path of the bundle');
  for (const key of ['coverage', 'logo'] as const) {
    if (c[key] !== undefined && typeof c[key] !== 'string') problems.push(`${key} must be a path`);
  }
  for (const mode of ['light', 'dark'] as const) {
    const scale = c.theme?.[mode];
    if (!Array.isArray(scale) || scale.length !== 11 || !scale.every((v) => COLOUR.test(v))) {
      problems.push(`theme.${mode} must be 11 colours written #rgb or #rrggbb`);
    }
  }
  if (typeof c.samples !== 'object' || c.samples === null) problems.push('samples must be given');
  if (
    c.mock !== undefined &&
    (typeof c.mock.package !== 'string' ||
      (typeof c.mock.env !== 'object' && typeof c.mock.env !== 'function'))
  ) {
    problems.push('mock must name a package and the env of the samples');
  }
  return problems;
}

/** A docs package's configuration, and the folder it lives in. */
export interface LoadedConfig {
  root: string;
  config: DocsSiteConfig;
}

/** Reads `docs.config.mjs` (or the given file); a problem names the file. */
export async function loadConfig(file = join(process.cwd(), CONFIG_FILE)): Promise<LoadedConfig> {
  const path = resolve(file);
  if (!existsSync(path))
    throw new Error(`${path} is missing: a docs package keeps its site there.`);
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  const problems = configProblems(module.default);
  if (problems.length > 0) throw new Error(`${path}:\n- ${problems.join('\n- ')}`);
  return { root: dirname(path), config: module.default as DocsSiteConfig };
}

/** The CSS custom properties of a theme: Redoc 3 is styled through them. */
export function themeCss(theme: DocsSiteConfig['theme']): string {
  const scale = (colours: BrandScale) =>
    colours.map((colour, i) => `--color-brand-${i + 1}: ${colour};`).join(' ');
  return [
    `html:root { ${scale(theme.light)} --color-primary-base: var(--color-brand-6); --link-color-primary-palette: var(--color-brand-6); --sidebar-logo-max-height: 40px; }`,
    `html.dark:root { ${scale(theme.dark)} --color-primary-base: var(--color-brand-6); --link-color-primary-palette: var(--color-brand-7); }`,
  ].join(' ');
}
