/**
 * Builds the docs site: the bundled ActivePlatform description gets code samples and a logo,
 * `redocly build-docs --inlineBundle` renders it into one HTML file, and the page is made
 * self-contained.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { addCodeSamples, type CodeSampleOptions } from './code-samples.js';
import { listOperations, type OpenApiDocument } from './openapi.js';
import { markProvenance } from './provenance.js';
import { inlineRemoteAssets, selfContainedProblems } from './self-contained.js';

const require = createRequire(import.meta.url);

/** How the samples address this API: its client package and the token variable. */
export const ACTIVEPLATFORM_SAMPLES: CodeSampleOptions = {
  clientPackage: '@activeplatform/client',
  clientFactory: 'createClient',
  tokenEnvVar: 'ACTIVEPLATFORM_TOKEN',
};

/** The package folder (holding package.json), from src/ as well as from dist/lib/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json of @activeplatform/docs not found');
    dir = parent;
  }
  return dir;
}

export function defaultSpecPath(): string {
  return require.resolve('@activeplatform/openapi/openapi.json');
}

/**
 * The coverage report the spec package writes beside its bundle (markdown), when there is
 * one: the docs show it as the last section of the introduction.
 */
export function defaultCoveragePath(): string | undefined {
  try {
    return require.resolve('@activeplatform/openapi/coverage.md');
  } catch {
    return undefined;
  }
}

export interface BuildOptions {
  /** Bundled OpenAPI description; defaults to @activeplatform/openapi's bundle. */
  specPath?: string;
  /** Output folder; defaults to the package's dist/. */
  outDir?: string;
  /**
   * Coverage report (markdown) to append to the introduction; defaults to the spec package's,
   * `null` for none.
   */
  coveragePath?: string | null;
}

export interface BuildResult {
  htmlPath: string;
  specPath: string;
  operations: number;
  htmlBytes: number;
}

/**
 * Redoc reads a server URL that starts with a variable (`{base_url}`) as a path on the page's
 * own origin. For display, such a variable is replaced by its default when that is absolute.
 */
export function withAbsoluteServerUrls(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const lists = [copy.servers, ...listOperations(copy).flatMap((e) => [e.servers])];
  for (const server of lists.flatMap((list) => list ?? [])) {
    const leading = /^\{([^}]+)\}/.exec(server.url);
    const name = leading?.[1];
    const fallback = name === undefined ? undefined : server.variables?.[name]?.default;
    if (
      name === undefined ||
      fallback === undefined ||
      !/^[a-z][a-z0-9+.-]*:\/\//i.test(fallback)
    ) {
      continue;
    }
    server.url = fallback + server.url.slice(name.length + 2);
    delete server.variables?.[name];
    if (server.variables && Object.keys(server.variables).length === 0) delete server.variables;
  }
  return copy;
}

/** The description the page shows: the bundle plus code samples and the platform's logo. */
export async function docsDocument(
  bundle: OpenApiDocument,
  coverageMarkdown?: string,
): Promise<OpenApiDocument> {
  const document = withAbsoluteServerUrls(addCodeSamples(bundle, ACTIVEPLATFORM_SAMPLES));
  if (coverageMarkdown) {
    document.info.description = `${document.info.description ?? ''}\n\n${coverageMarkdown.trim()}\n`;
  }
  const logo = await readFile(join(packageRoot(), 'assets', 'logo.svg'), 'utf8');
  document.info['x-logo'] = {
    url: `data:image/svg+xml;base64,${Buffer.from(logo).toString('base64')}`,
    altText: document.info.title,
  };
  return document;
}

function redoclyCli(): string {
  const manifestPath = require.resolve('@redocly/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin: Record<string, string>;
  };
  const bin = manifest.bin.redocly;
  if (!bin) throw new Error('@redocly/cli has no redocly binary');
  return join(dirname(manifestPath), bin);
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const root = packageRoot();
  const outDir = options.outDir ?? join(root, 'dist');
  const bundle = JSON.parse(
    await readFile(options.specPath ?? defaultSpecPath(), 'utf8'),
  ) as OpenApiDocument;
  const coveragePath =
    options.coveragePath === null ? undefined : (options.coveragePath ?? defaultCoveragePath());
  const coverage =
    coveragePath && existsSync(coveragePath) ? await readFile(coveragePath, 'utf8') : undefined;
  const document = await docsDocument(bundle, coverage);

  await mkdir(outDir, { recursive: true });
  const specPath = join(outDir, 'openapi.json');
  const htmlPath = join(outDir, 'index.html');
  await writeFile(specPath, `${JSON.stringify(document, null, 2)}\n`);
  await rm(htmlPath, { force: true });
  // The page renders a copy with the provenance written into its descriptions; the served
  // description keeps it as the extensions it is.
  const renderDir = await mkdtemp(join(tmpdir(), 'docs-page-'));
  const renderPath = join(renderDir, 'openapi.json');
  await writeFile(renderPath, JSON.stringify(markProvenance(document)));

  const favicon = `data:image/svg+xml;base64,${Buffer.from(
    await readFile(join(root, 'assets', 'logo.svg'), 'utf8'),
  ).toString('base64')}`;
  const args = [
    redoclyCli(),
    'build-docs',
    renderPath,
    '--inlineBundle',
    '--config',
    join(root, 'redocly.yaml'),
    '--lint-config',
    'error',
    '--template',
    join(root, 'template.hbs'),
    '--templateOptions.description',
    String(bundle.info.summary ?? bundle.info.title),
    '--templateOptions.favicon',
    favicon,
    '--output',
    htmlPath,
  ];
  try {
    await promisify(execFile)(process.execPath, args, {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`redocly build-docs failed:\n${stdout}\n${stderr}`);
  } finally {
    await rm(renderDir, { recursive: true, force: true });
  }

  const html = inlineRemoteAssets(await readFile(htmlPath, 'utf8'));
  const problems = selfContainedProblems(html);
  if (problems.length > 0) {
    throw new Error(`The page is not self-contained:\n- ${problems.join('\n- ')}`);
  }
  await writeFile(htmlPath, html);
  return {
    htmlPath,
    specPath,
    operations: listOperations(document).length,
    htmlBytes: Buffer.byteLength(html),
  };
}
