/**
 * A built docs site as its tests read it: the package's configuration, the description the
 * page shows (`dist/openapi.json`, with its code samples) and the page itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DocsSiteConfig, loadConfig } from '../config.js';
import { listOperations, type OpenApiDocument, type OperationEntry } from '../openapi.js';

export interface BuiltSite {
  /** The docs package's folder. */
  root: string;
  dist: string;
  htmlPath: string;
  config: DocsSiteConfig;
  /** The description the page shows. */
  document: OpenApiDocument;
  operations: OperationEntry[];
}

function readJson(path: string): OpenApiDocument {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build the docs package first (pnpm build)`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** The site built in `<root>/dist` from `<root>/docs.config.mjs`. */
export async function builtSite(root: string): Promise<BuiltSite> {
  const { config } = await loadConfig(join(root, 'docs.config.mjs'));
  const dist = join(root, 'dist');
  const document = readJson(join(dist, 'openapi.json'));
  return {
    root,
    dist,
    htmlPath: join(dist, 'index.html'),
    config,
    document,
    operations: listOperations(document),
  };
}

/** The bundle the site was built from. */
export const sourceBundle = (site: BuiltSite): OpenApiDocument => readJson(site.config.spec);

/** The source of an operation's code sample with that label. */
export function sampleOf(entry: OperationEntry, label: string): string {
  const sample = entry.operation['x-codeSamples']?.find((s) => s.label === label);
  if (!sample) throw new Error(`${entry.operation.operationId} has no ${label} sample`);
  return sample.source;
}

/** The operation with that operationId; throws when the site has none. */
export function operationById(site: BuiltSite, id: string): OperationEntry {
  const entry = site.operations.find((e) => e.operation.operationId === id);
  if (!entry) throw new Error(`${site.htmlPath} shows no operation ${id}`);
  return entry;
}

/** A name for an operation in test titles. */
export const operationName = (entry: OperationEntry) =>
  entry.operation.operationId ?? `${entry.method.toUpperCase()} ${entry.path}`;
