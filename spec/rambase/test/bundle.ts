import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deref, listOperations } from '@activeplatform/spec-review/src/openapi.mjs';

/** A JSON object of the bundle, read loosely: the tests check its shape themselves. */
export type Node = Record<string, unknown>;

export interface OpenApiDocument extends Node {
  openapi: string;
  paths: Record<string, Node>;
  components: Record<string, Record<string, Node>>;
}

export const bundlePath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

export function loadBundle(): OpenApiDocument {
  return JSON.parse(readFileSync(bundlePath, 'utf8')) as OpenApiDocument;
}

/** JSON pointer escaping (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Follows local `#/…` references until a node that is not one. */
export function resolve(doc: OpenApiDocument, node: unknown): Node {
  return deref(doc, node) as Node;
}

export interface OperationEntry {
  path: string;
  method: string;
  operation: Node;
  pathItem: Node;
  pointer: string;
}

export function operations(doc: OpenApiDocument): OperationEntry[] {
  return listOperations(doc).map((o) => ({
    ...o,
    operation: o.operation as Node,
    pathItem: o.pathItem as Node,
    pointer: `#/paths/${escapePointer(o.path)}/${o.method}`,
  }));
}

export function operationById(doc: OpenApiDocument, id: string): OperationEntry {
  const found = operations(doc).find((o) => o.operation.operationId === id);
  if (!found) throw new Error(`no operation ${id} in the bundle`);
  return found;
}

/** A request or response body of an operation, with the pointers the checks report. */
export interface Body {
  operationId: string;
  /** `request` or the response's status key. */
  status: string;
  mediaType: string;
  media: Node;
  /** Where the schema sits: a pointer Ajv can compile. */
  schemaPointer: string;
}

export function bodies(doc: OpenApiDocument): Body[] {
  const out: Body[] = [];
  for (const { operation, pointer } of operations(doc)) {
    const operationId = String(operation.operationId);
    const request = operation.requestBody as Node | undefined;
    for (const [mediaType, media] of Object.entries(
      (request?.content ?? {}) as Record<string, Node>,
    )) {
      out.push({
        operationId,
        status: 'request',
        mediaType,
        media,
        schemaPointer: `${pointer}/requestBody/content/${escapePointer(mediaType)}/schema`,
      });
    }
    for (const [status, raw] of Object.entries(
      (operation.responses ?? {}) as Record<string, Node>,
    )) {
      const base = typeof raw.$ref === 'string' ? raw.$ref : `${pointer}/responses/${status}`;
      const response = resolve(doc, raw);
      for (const [mediaType, media] of Object.entries(
        (response.content ?? {}) as Record<string, Node>,
      )) {
        out.push({
          operationId,
          status,
          mediaType,
          media,
          schemaPointer: `${base}/content/${escapePointer(mediaType)}/schema`,
        });
      }
    }
  }
  return out;
}

/** The Example Objects of a body, resolved, by name. */
export function examplesOf(doc: OpenApiDocument, media: Node): Array<[string, Node]> {
  return Object.entries((media.examples ?? {}) as Record<string, unknown>).map(([name, raw]) => [
    name,
    resolve(doc, raw),
  ]);
}

/** Every string that sits in a `description` anywhere in the document. */
export function descriptions(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(descriptions);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'description' && typeof value === 'string' ? [value] : descriptions(value),
  );
}
