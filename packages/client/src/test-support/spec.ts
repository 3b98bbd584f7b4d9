import { createRequire } from 'node:module';

type Json = Record<string, unknown>;

/** The bundled OpenAPI document of `@activeplatform/openapi`. */
export const spec = createRequire(import.meta.url)('@activeplatform/openapi/openapi.json') as Json;

/** Follows a local `$ref` (`#/components/…`) until it reaches a value. */
export function deref<T = Json>(value: unknown): T {
  let node = value as Json;
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    node = (node.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Json>((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Json, spec);
  }
  return node as T;
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
  const out: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(spec.paths as Json)) {
    const item = deref(rawItem);
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const parameters = [
        ...((item.parameters as unknown[]) ?? []),
        ...((operation.parameters as unknown[]) ?? []),
      ].map((p) => deref(p));
      out.push({
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
        parameters,
        operation,
      });
    }
  }
  return out;
}

/** The first example of a parameter, media type object or schema, resolved. */
export function firstExample(holder: Json): unknown {
  if ('example' in holder) return holder.example;
  const examples = holder.examples as Json | undefined;
  const first = examples && Object.values(examples)[0];
  if (first !== undefined) return deref<Json>(first).value;
  const schema = holder.schema ? deref(holder.schema) : undefined;
  if (schema && 'example' in schema) return schema.example;
  if (schema && Array.isArray(schema.examples)) return schema.examples[0];
  return undefined;
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
