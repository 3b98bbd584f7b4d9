import { createRequire } from 'node:module';
import {
  exampleOf,
  deref as followRef,
  type JsonObject,
  listOperations,
  loadBundle,
} from '@proseapi/openapi-model';

type Json = JsonObject;

/** The bundled OpenAPI document of `@activeplatform/openapi`. */
export const spec = loadBundle(
  createRequire(import.meta.url).resolve('@activeplatform/openapi/openapi.json'),
);

/** Follows a local `$ref` (`#/components/…`) until it reaches a value. */
export function deref<T = Json>(value: unknown): T {
  return followRef<T>(spec, value);
}

/** A copy of the value of one of the bundle's named examples (`components.examples`). */
export function documentedExample<T = Json>(name: string): T {
  const examples = (spec.components as Json | undefined)?.examples as Json | undefined;
  const example = examples?.[name] as Json | undefined;
  if (!example || !('value' in example)) throw new Error(`the bundle has no example ${name}`);
  return structuredClone(example.value) as T;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: Json[];
  operation: Json;
}

/** Every operation of the bundle, with path-level and operation-level parameters resolved. */
export function operations(): SpecOperation[] {
  return listOperations(spec).map((entry) => ({
    operationId: entry.operation.operationId as string,
    method: entry.method.toUpperCase(),
    path: entry.path,
    parameters: entry.parameters,
    operation: entry.operation,
  }));
}

/** The first example of a parameter, media type object or schema, resolved. */
export function firstExample(holder: Json): unknown {
  return exampleOf(spec, holder, { schema: true });
}

/** The request body example of an operation, or undefined when it takes no body. */
export function requestExample(op: SpecOperation): unknown {
  const body = op.operation.requestBody ? deref(op.operation.requestBody) : undefined;
  const media = (body?.content as Json | undefined)?.['application/vnd.api+json'] as
    | Json
    | undefined;
  return media ? firstExample(media) : undefined;
}

/** The example of a response status of an operation. */
export function responseExample(op: SpecOperation, status: string): unknown {
  const response = deref<Json>((op.operation.responses as Json)[status]);
  const media = (response.content as Json | undefined)?.['application/vnd.api+json'] as
    | Json
    | undefined;
  return media ? firstExample(media) : undefined;
}
