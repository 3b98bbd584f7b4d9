import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../../tools/reference/activeplatform/', import.meta.url));

export interface ReferenceOperation {
  section: string;
  action: string;
  method: string;
  path: string;
  requestExample?: unknown;
  responseExample?: unknown;
  errorExample?: unknown;
  responseStatus?: number | null;
}

export function referenceOperations(): ReferenceOperation[] {
  return JSON.parse(readFileSync(`${dir}operations.json`, 'utf8')) as ReferenceOperation[];
}

export interface CoverageRow {
  section: string;
  method: string;
  path: string;
  action: string;
}

export function coverageList(): CoverageRow[] {
  const [, ...rows] = readFileSync(`${dir}seed-coverage-list.tsv`, 'utf8').trim().split('\n');
  return rows.map((line) => {
    const [section = '', method = '', path = '', action = ''] = line.split('\t');
    return { section, method, path, action };
  });
}

/** A documented path with its query string removed (`…/external_invoices?filter[key]=key`). */
export function templatePath(path: string): string {
  return path.split('?')[0] ?? path;
}
