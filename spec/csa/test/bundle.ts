import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The parts of the bundled description the tests read. */
export interface Example {
  summary?: string;
  description?: string;
  value?: unknown;
  'x-sources'?: string[];
  'x-assumed'?: string;
}
export interface MediaType {
  schema?: unknown;
  examples?: Record<string, Example | { $ref: string }>;
  'x-assumed'?: string;
}
export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}
export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
  'x-assumed'?: string;
}
export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { $ref: string } | { content?: Record<string, MediaType> };
  responses?: Record<string, Response | { $ref: string }>;
  security?: Array<Record<string, string[]>>;
  'x-sources'?: string[];
}
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; description?: string };
  servers?: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  security?: Array<Record<string, string[]>>;
  tags?: Array<{ name: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

export const doc = JSON.parse(
  readFileSync(fileURLToPath(new URL('../dist/openapi.json', import.meta.url)), 'utf8'),
) as OpenApiDocument;

/** JSON pointer escaping (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Follows local `#/…` references inside the bundle. */
export function deref<T>(node: T | { $ref: string }): T {
  let current: unknown = node;
  while (current && typeof current === 'object' && '$ref' in current) {
    const ref = (current as { $ref: string }).$ref;
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((acc, key) => (acc as Record<string, unknown>)?.[key], doc);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current as T;
}

export interface OperationEntry {
  path: string;
  method: string;
  operation: Operation;
  pointer: string;
  parameters: Parameter[];
}

export function operations(): OperationEntry[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    ['get', 'put', 'post', 'delete', 'patch']
      .filter((method) => item[method])
      .map((method) => {
        const operation = item[method] as Operation;
        const shared = (item.parameters ?? []) as Array<Parameter | { $ref: string }>;
        return {
          path,
          method,
          operation,
          pointer: `#/paths/${escapePointer(path)}/${method}`,
          parameters: [...shared, ...(operation.parameters ?? [])].map((p) => deref(p)),
        };
      }),
  );
}

export interface Body {
  where: string;
  operationId: string;
  status: string | undefined;
  mediaType: string;
  media: MediaType;
}

/** Every request and response body, with its place in the bundle. */
export function bodies(): Body[] {
  return operations().flatMap(({ operation, pointer }) => {
    const operationId = operation.operationId ?? pointer;
    const rawRequest = operation.requestBody;
    const request = rawRequest ? deref(rawRequest) : { content: {} };
    // A body behind a $ref is named by its component, where a validator finds its schema.
    const requestAt =
      rawRequest && '$ref' in rawRequest ? rawRequest.$ref : `${pointer}/requestBody`;
    return [
      ...Object.entries(request.content ?? {}).map(([mediaType, media]) => ({
        where: `${requestAt}/content/${escapePointer(mediaType)}`,
        operationId,
        status: undefined,
        mediaType,
        media,
      })),
      ...Object.entries(operation.responses ?? {}).flatMap(([status, raw]) =>
        Object.entries(deref(raw).content ?? {}).map(([mediaType, media]) => ({
          where: `${'$ref' in raw ? raw.$ref : `${pointer}/responses/${status}`}/content/${escapePointer(mediaType)}`,
          operationId,
          status,
          mediaType,
          media,
        })),
      ),
    ];
  });
}

/** The Example Objects of a body, by name. */
export function examples(media: MediaType): Array<[string, Example]> {
  return Object.entries(media.examples ?? {}).map(([name, ex]) => [name, deref<Example>(ex)]);
}
