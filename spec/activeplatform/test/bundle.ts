import { fileURLToPath } from 'node:url';
import {
  escapePointer,
  deref as followRef,
  HTTP_METHODS,
  listOperations,
  loadBundle as readBundle,
} from '@proseapi/openapi-model';

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

export const METHODS = HTTP_METHODS;

export const bundlePath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

/** The bundle, read once. */
export function loadBundle(): OpenApiDocument {
  return readBundle(bundlePath) as unknown as OpenApiDocument;
}

export interface OperationEntry {
  path: string;
  method: (typeof METHODS)[number];
  operation: Operation;
  pointer: string;
}

/** JSON pointer escaping (RFC 6901). */
export { escapePointer };

export function operations(doc: OpenApiDocument): OperationEntry[] {
  return listOperations(doc as unknown as Record<string, unknown>).map((entry) => ({
    path: entry.path,
    method: entry.method,
    operation: entry.operation as Operation,
    pointer: entry.pointer,
  }));
}

/** Follows a local `#/…` reference inside the bundle (a non-local one is an error). */
export function deref<T>(doc: OpenApiDocument, node: T | { $ref: string }): T {
  return followRef<T>(doc, node, { strict: true });
}
