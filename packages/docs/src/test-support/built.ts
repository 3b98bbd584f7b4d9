import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listOperations, type OpenApiDocument, type OperationEntry } from '../openapi.js';
import { defaultSpecPath, packageRoot } from '../site.js';

export const distDir = join(packageRoot(), 'dist');

function readJson(path: string): OpenApiDocument {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`pnpm --filter @activeplatform/docs build\` first`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** The description the built page shows (with code samples). */
export const builtDocument = (): OpenApiDocument => readJson(join(distDir, 'openapi.json'));
/** The bundle of @activeplatform/openapi the site was built from. */
export const sourceBundle = (): OpenApiDocument => readJson(defaultSpecPath());

export const builtHtmlPath = join(distDir, 'index.html');

export function sampleOf(entry: OperationEntry, label: string): string {
  const sample = entry.operation['x-codeSamples']?.find((s) => s.label === label);
  if (!sample) throw new Error(`${entry.operation.operationId} has no ${label} sample`);
  return sample.source;
}

export const builtOperations = () => listOperations(builtDocument());
