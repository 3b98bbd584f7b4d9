/**
 * The RamBase dialect: what makes the generic engine a mock of RamBase's supplier-invoice
 * notifications. Objects in two forms (JSON under one key, XML under their own root
 * element), `$format` beside `Accept`, `$expand` and `$select` read from the description's
 * `x-expand` marks, lists by `regardingItemId` paged with `$top` and `$skip`, the error body
 * in either form, and OAuth 2.0 access tokens from the mock's own token endpoint.
 */
import type { Dialect, PresentContext, Store, WorldDialect } from '@proseapi/mock-engine';
import { xmlCodec } from '@proseapi/mock-engine/xml';
import {
  findResponse,
  isJsonMediaType,
  isObject,
  type JsonObject,
  type OperationModel,
  type SpecModel,
} from '@proseapi/openapi-model';
import { XmlCodec } from '@proseapi/xml-codec';
import { errorFormat } from './errors.js';
import {
  type FieldNode,
  type FieldRequest,
  fieldTree,
  shapeFields,
  unknownSelection,
} from './fields.js';
import { acceptOf, Forms, wantsXml } from './forms.js';
import { page, regarding } from './list.js';
import { representation } from './records.js';
import { INVOICES, seedWorld } from './seed.js';
import { type TokenSettings, Tokens } from './tokens.js';

export { EXAMPLE_INVOICE, INVOICES, NOTIFICATIONS } from './seed.js';
export type { ApiClient, ApiUser, AuthorizationCode, Grant, TokenSettings } from './tokens.js';
export { TOKENS } from './tokens.js';
export { representation };

/** `format` and `version` of the mock's state files. */
export const STATE_FORMAT = { format: 'rambase-mock-state', version: 1 };

/** The paths of the token URLs the description's OAuth 2.0 flows name. */
function tokenPaths(doc: JsonObject): Set<string> {
  const paths = new Set<string>();
  const schemes = isObject(doc.components) ? doc.components.securitySchemes : undefined;
  for (const scheme of Object.values(isObject(schemes) ? schemes : {})) {
    const flows = isObject(scheme) && isObject(scheme.flows) ? scheme.flows : {};
    for (const flow of Object.values(flows)) {
      if (isObject(flow) && typeof flow.tokenUrl === 'string') {
        paths.add(new URL(flow.tokenUrl, 'http://localhost').pathname);
      }
    }
  }
  return paths;
}

/** The request's `$expand` and `$select`, blank names left out. */
function fieldRequest(query: Record<string, unknown>): FieldRequest {
  const names = (value: unknown) =>
    (Array.isArray(value) ? value : []).map(String).filter((name) => name.trim() !== '');
  const select = names(query.$select);
  return { expand: names(query.$expand), select: select.length > 0 ? select : undefined };
}

/** The objects one JSON answer holds, where the layout of records says they sit. */
function objectsOf(doc: JsonObject, media: { schema: unknown; examples: { value: unknown }[] }) {
  const location = representation.locate(doc, media.schema);
  return media.examples.flatMap((example) => {
    let data: unknown = example.value;
    for (const step of location?.path ?? []) data = isObject(data) ? data[step] : undefined;
    return (Array.isArray(data) ? data : [data]).filter(isObject);
  });
}

/** The engine's part: forms, fields, lists, errors, tokens (kept in the store). */
export function ramBaseDialect(
  { spec, store }: { spec: SpecModel; store: Store },
  settings: TokenSettings,
): Dialect {
  const { doc } = spec;
  const forms = new Forms(doc, new XmlCodec({ document: doc }));
  const tokens = new Tokens(store, settings);
  const tokenOps = tokenPaths(doc);
  const trees = new Map<string, FieldNode[]>();
  /** The fields of the objects an operation answers with, by their JSON media type's schema. */
  const treeOf = (op: OperationModel, status: number): FieldNode[] => {
    const key = `${op.key} ${status}`;
    let tree = trees.get(key);
    if (!tree) {
      const media = findResponse(op, status)?.content.find((m) => isJsonMediaType(m.mediaType));
      tree = fieldTree(doc, representation.locate(doc, media?.schema)?.schema);
      trees.set(key, tree);
    }
    return tree;
  };

  /** `$expand`, `$select` and a list's page on an answer in its JSON form. */
  const shape = (context: PresentContext, json: unknown, schema: unknown): unknown => {
    const location = representation.locate(doc, schema);
    if (!location || !isObject(json)) return json;
    const { op, status, params, request } = context;
    const tree = treeOf(op, status);
    const asked = fieldRequest(params.query);
    // From the description: an expanded field the chosen example lacks comes from another.
    const examples =
      context.from === 'description'
        ? objectsOf(
            doc,
            findResponse(op, status)?.content.find((m) => isJsonMediaType(m.mediaType)) ?? {
              schema: undefined,
              examples: [],
            },
          )
        : [];
    const one = (fields: JsonObject) => {
      const id = representation.idOf(fields);
      const fuller = examples.filter((e) => id !== undefined && representation.idOf(e) === id);
      return shapeFields(tree, fields, asked, fuller);
    };
    const [member] = location.path;
    const held = member === undefined ? json : json[member];
    if (!location.many) {
      if (!isObject(held)) return json;
      return member === undefined ? one(held) : { ...json, [member]: one(held) };
    }
    const listed = regarding(Array.isArray(held) ? held : [], params.query);
    const cut = page(listed, params.query, request);
    const objects = cut.records.filter(isObject).map(one);
    return member === undefined ? objects : { ...json, [member]: objects, paging: cut.paging };
  };

  return {
    name: 'RamBase',
    errors: errorFormat(spec),
    codecs: [xmlCodec()],
    accept: acceptOf,
    authenticate({ credentials }) {
      const credential = credentials[0];
      if (credential?.type === 'bearer') return tokens.principal(credential.token);
      if (credential?.type === 'apiKey') return tokens.principal(credential.value);
      return undefined;
    },
    authorize({ op, params }) {
      const { select } = fieldRequest(params.query);
      if (!select) return undefined;
      const unknown = unknownSelection(treeOf(op, 200), select);
      return unknown === undefined
        ? undefined
        : { status: 400, title: `Unknown field in $select: ${unknown}` };
    },
    receive({ op, mediaType, value }) {
      const pair = forms.pair(op, 'body');
      return pair ? forms.toJson(pair, mediaType, value) : value;
    },
    present(context) {
      const { op, status, mediaType, value, accept } = context;
      const pair = forms.pair(op, status);
      if (!pair) return { mediaType, value };
      let json = forms.toJson(pair, mediaType, value);
      if (status >= 200 && status < 300) json = shape(context, json, pair.json.schema);
      return wantsXml(accept)
        ? { mediaType: pair.xml.mediaType, value: forms.toXml(pair, json) }
        : { mediaType: pair.json.mediaType, value: json };
    },
    respond({ op, body, request }) {
      if (op.method !== 'POST' || !tokenOps.has(op.path)) return undefined;
      return tokens.token(isObject(body) ? body : {}, request);
    },
  };
}

/** The world's part: RamBase's layout of records, the invoices, the seeded notifications. */
export function ramBaseWorld(spec: SpecModel, invoices: readonly number[]): WorldDialect {
  return {
    representation,
    collections: [INVOICES],
    timestamps: { created: 'createdAt' },
    seed: seedWorld(spec, invoices),
  };
}
