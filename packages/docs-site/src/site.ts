/**
 * Builds a docs site from a configuration (see config.ts): the bundled description gets code
 * samples, the coverage report and the logo, `redocly build-docs --inlineBundle` renders a
 * copy with its provenance written in into one HTML file, and the page is made
 * self-contained. Nothing here knows which API it is building.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { addCodeSamples } from './code-samples.js';
import { type DocsSiteConfig, themeCss } from './config.js';
import { listOperations, type OpenApiDocument } from './openapi.js';
import { markProvenance } from './provenance.js';
import { inlineRemoteAssets, selfContainedProblems } from './self-contained.js';

const require = createRequire(import.meta.url);

/** This package's folder (holding template.hbs and redocly.yaml), from src/ and from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'template.hbs'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('template.hbs of @proseapi/docs-site not found');
    dir = parent;
  }
  return dir;
}

export interface BuildOptions {
  /** Output folder; defaults to the docs package's dist/. */
  outDir: string;
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

const dataUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** The description the page shows: the bundle plus code samples, coverage report and logo. */
export async function docsDocument(
  bundle: OpenApiDocument,
  config: Pick<DocsSiteConfig, 'samples' | 'logo'>,
  coverageMarkdown?: string,
): Promise<OpenApiDocument> {
  const document = withAbsoluteServerUrls(addCodeSamples(bundle, config.samples));
  if (coverageMarkdown) {
    document.info.description = `${document.info.description ?? ''}\n\n${coverageMarkdown.trim()}\n`;
  }
  if (config.logo) {
    document.info['x-logo'] = {
      url: dataUri(await readFile(config.logo, 'utf8')),
      altText: document.info.title,
    };
  }
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

export async function buildSite(
  config: DocsSiteConfig,
  options: BuildOptions,
): Promise<BuildResult> {
  const { outDir } = options;
  const bundle = JSON.parse(await readFile(config.spec, 'utf8')) as OpenApiDocument;
  const coverage =
    config.coverage && existsSync(config.coverage)
      ? await readFile(config.coverage, 'utf8')
      : undefined;
  const document = await docsDocument(bundle, config, coverage);

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

  const root = packageRoot();
  const favicon = config.logo ? dataUri(await readFile(config.logo, 'utf8')) : '';
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
    '--templateOptions.theme',
    themeCss(config.theme),
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
