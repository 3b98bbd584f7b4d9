import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Minimal views of the bundled document used by the tests. */
export interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}
export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
  deprecated?: boolean;
}
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; description?: string };
  servers?: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  security?: Array<Record<string, string[]>>;
  tags?: Array<{ name: string; description?: string }>;
  'x-tagGroups'?: Array<{ name: string; tags: string[] }>;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

export const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

export const bundlePath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

export function loadBundle(): OpenApiDocument {
  return JSON.parse(readFileSync(bundlePath, 'utf8')) as OpenApiDocument;
}

export interface OperationEntry {
  path: string;
  method: (typeof METHODS)[number];
  operation: Operation;
  pointer: string;
}

/** JSON pointer escaping (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function operations(doc: OpenApiDocument): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation) {
        out.push({ path, method, operation, pointer: `#/paths/${escapePointer(path)}/${method}` });
      }
    }
  }
  return out;
}

/** Follows a local `#/…` reference inside the bundle. */
export function deref<T>(doc: OpenApiDocument, node: T | { $ref: string }): T {
  let current: unknown = node;
  for (let i = 0; i < 20 && current && typeof current === 'object' && '$ref' in current; i++) {
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref in bundle: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((acc, key) => (acc as Record<string, unknown>)?.[key], doc);
  }
  return current as T;
}
