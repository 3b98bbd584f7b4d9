/** Test requests built from a description's examples, and answers checked by the oracle. */
import {
  exampleOf,
  formatQueryString,
  isObject,
  type JsonObject,
  type OperationModel,
  queryPairs,
  resolveSchema,
  type SpecModel,
} from '@proseapi/openapi-model';
import { generateValue } from '@proseapi/openapi-model/generate';
import type { Oracle } from './oracle.js';

export interface BuiltRequest {
  method: string;
  path: string;
  query: string;
  body: string | undefined;
  contentType: string | undefined;
}

function parameterValue(doc: JsonObject, param: OperationModel['params'][number]): unknown {
  if (param.example) return param.example.value;
  const schema = resolveSchema(doc, param.schema);
  if (isObject(schema)) {
    const documented = exampleOf(doc, { schema }, { schema: true });
    if (documented !== undefined) return documented;
    if ('default' in schema) return schema.default;
  }
  return generateValue(param.schema, { doc, seed: 3, dynamic: false });
}

/** A request made of the description's own examples for an operation (parameters and body). */
export function exampleRequest(
  model: SpecModel,
  op: OperationModel,
  pathOverrides: Record<string, unknown> = {},
): BuiltRequest {
  const doc = model.doc;
  let path = op.path;
  const pairs: [string, string][] = [];
  for (const param of op.params) {
    if (param.in === 'path') {
      const value = pathOverrides[param.name] ?? parameterValue(doc, param);
      path = path.replace(`{${param.name}}`, encodeURIComponent(String(value)));
    } else if (param.in === 'query' && (param.required || param.example)) {
      pairs.push(...queryPairs(param, parameterValue(doc, param)));
    }
  }
  const media = op.body?.content[0];
  let body: string | undefined;
  if (media) {
    const value = media.examples[0]
      ? media.examples[0].value
      : generateValue(media.schema, { doc, seed: 5, dynamic: false });
    body = JSON.stringify(value);
  }
  return {
    method: op.method,
    path: `${model.basePath}${path}`,
    query: formatQueryString(pairs),
    body,
    contentType: media?.mediaType,
  };
}

export interface Sent {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  problems: string[];
}

/** Sends a request through a handler and checks the answer against the description. */
export async function send(
  handler: (request: Request) => Promise<Response>,
  oracle: Oracle,
  init: {
    method: string;
    path: string;
    query?: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array | undefined;
  },
  origin = 'http://mock.test',
): Promise<Sent> {
  const url = `${origin}${init.path}${init.query ? `?${init.query}` : ''}`;
  const response = await handler(
    new Request(url, {
      method: init.method,
      headers: init.headers ?? {},
      body:
        init.method === 'GET' || init.method === 'HEAD'
          ? null
          : ((init.body ?? null) as BodyInit | null),
    }),
  );
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const problems = oracle.check({
    method: init.method,
    path: init.path,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text,
    injected: response.headers.get('x-mock-fault') === 'injected',
  });
  return { status: response.status, headers: response.headers, text, json, problems };
}
