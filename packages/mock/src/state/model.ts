import {
  findResponse,
  isJsonMediaType,
  isObject,
  type JsonObject,
  type MediaModel,
  type OperationModel,
  resolveSchema,
  type SpecModel,
  splitPath,
  successStatus,
} from '../engine/openapi.js';
import { dataItemSchema, itemKey } from '../engine/validation.js';
import { normalizeTemplate } from './store.js';

/** A collection of resources, found from the document's paths. */
export interface Collection {
  /** Normalised collection path, `/api/v3/resellers/{}/accounts`. */
  key: string;
  /** The collection path with parameter names, `/api/v3/resellers/{reseller_id}/accounts`. */
  template: string;
  /** Names of the parameters above the collection, in path order. */
  parentNames: string[];
  /** Last literal segment: a resource kind such as `accounts`. */
  name: string;
  /** Schema of one resource (the `data` of a single-resource answer), if the document has one. */
  resourceSchema: unknown;
  /** Key of the validator of `resourceSchema` (see `itemKey`). */
  resourceKey?: string;
  /** Resources from the document's examples, to shape new records after. */
  examples: JsonObject[];
  /** Whether an operation of the document reaches this collection. */
  described: boolean;
}

/** What an answer of an operation carries, read from its success response. */
export interface Envelope {
  status: number;
  /** The status key the document declares the answer under (`200`, `2XX`, `default`). */
  declared: string | undefined;
  media: MediaModel | undefined;
  /** `data` holds one resource or a list, or the answer has no `data` member at all. */
  data: 'one' | 'many' | 'none';
  /** Schema of one resource inside `data`. */
  itemSchema: unknown;
  /** Whether the answer has a `links` member. */
  links: boolean;
  /** The answer's body is the JSON `null`. */
  isNull: boolean;
}

export type Behaviour =
  | { kind: 'list' | 'find' | 'create'; collection: Collection }
  | { kind: 'read' | 'update' | 'delete'; collection: Collection }
  | { kind: 'none' };

const PARAM = /^\{[^}]+\}$/;

function jsonMedia(content: MediaModel[]): MediaModel | undefined {
  return content.find((m) => isJsonMediaType(m.mediaType)) ?? content[0];
}

/** Reads the shape of an operation's answer for a status (its success status by default). */
export function envelopeOf(model: SpecModel, op: OperationModel, status?: number): Envelope {
  const code = status ?? successStatus(op);
  const response = findResponse(op, code);
  const media = response ? jsonMedia(response.content) : undefined;
  const result: Envelope = {
    status: code,
    declared: response?.status,
    media,
    data: 'none',
    itemSchema: undefined,
    links: false,
    isNull: false,
  };
  if (!media || media.schema === undefined) return result;
  const schema = resolveSchema(model.doc, media.schema);
  if (!isObject(schema)) return result;
  if (schema.type === 'null') {
    result.isNull = true;
    return result;
  }
  const item = dataItemSchema(model.doc, schema);
  if (!item) return result;
  result.links = isObject(schema.properties) && 'links' in schema.properties;
  result.data = item.many ? 'many' : 'one';
  result.itemSchema = item.schema;
  return result;
}

function dataExamples(media: MediaModel | undefined): JsonObject[] {
  const result: JsonObject[] = [];
  for (const example of media?.examples ?? []) {
    if (!isObject(example.value)) continue;
    const data = example.value.data;
    if (Array.isArray(data)) result.push(...data.filter(isObject));
    else if (isObject(data)) result.push(data);
  }
  return result.filter((r) => r.id !== undefined && r.id !== null);
}

/** Collections and the generic behaviour of each operation, derived from a document. */
export class StateModel {
  readonly collections = new Map<string, Collection>();
  readonly behaviours = new Map<string, Behaviour>();
  readonly envelopes = new Map<string, Envelope>();

  constructor(readonly spec: SpecModel) {
    const templates = new Set(spec.paths.keys());
    const normalized = new Set([...templates].map(normalizeTemplate));
    for (const op of spec.operations) {
      const envelope = envelopeOf(spec, op);
      this.envelopes.set(op.key, envelope);
      const segments = op.segments;
      const last = segments[segments.length - 1] ?? '';
      let behaviour: Behaviour = { kind: 'none' };
      if (PARAM.test(last)) {
        const collection = this.collection(`/${segments.slice(0, -1).join('/')}`, true);
        if (op.method === 'GET' && envelope.data === 'one')
          behaviour = { kind: 'read', collection };
        else if (op.method === 'PATCH' || op.method === 'PUT') {
          behaviour = { kind: 'update', collection };
        } else if (op.method === 'DELETE') behaviour = { kind: 'delete', collection };
      } else if (last !== '') {
        const isCollection =
          normalized.has(`${normalizeTemplate(op.path)}/{}`) ||
          spec.paths.get(op.path)?.get('GET') !== undefined;
        let kind: 'list' | 'find' | 'create' | undefined;
        if (op.method === 'GET' && envelope.data === 'many') kind = 'list';
        else if (op.method === 'GET' && envelope.data === 'one') kind = 'find';
        else if (op.method === 'POST' && envelope.data === 'one' && isCollection) kind = 'create';
        if (kind) behaviour = { kind, collection: this.collection(op.path, true) };
      }
      this.behaviours.set(op.key, behaviour);
    }
    // Resource schemas and example resources, best source first.
    const order: Behaviour['kind'][] = ['read', 'list', 'find', 'update', 'create', 'delete'];
    for (const kind of order) {
      for (const op of spec.operations) {
        const behaviour = this.behaviours.get(op.key);
        if (!behaviour || behaviour.kind !== kind || behaviour.kind === 'none') continue;
        const envelope = this.envelopes.get(op.key) as Envelope;
        const { collection } = behaviour;
        if (collection.resourceSchema === undefined && envelope.itemSchema !== undefined) {
          collection.resourceSchema = envelope.itemSchema;
          if (envelope.declared && envelope.media) {
            collection.resourceKey = itemKey(op, envelope.declared, envelope.media.mediaType);
          }
        }
        for (const example of dataExamples(envelope.media)) collection.examples.push(example);
      }
    }
  }

  /** The collection of a path (registered on first sight). */
  collection(template: string, described: boolean): Collection {
    const key = normalizeTemplate(template);
    let collection = this.collections.get(key);
    if (!collection) {
      const segments = splitPath(template);
      const parentNames = segments.filter((s) => PARAM.test(s)).map((s) => s.slice(1, -1));
      const literals = segments.filter((s) => !PARAM.test(s));
      collection = {
        key,
        template,
        parentNames,
        name: literals[literals.length - 1] ?? '',
        resourceSchema: undefined,
        examples: [],
        described,
      };
      this.collections.set(key, collection);
    } else if (described) {
      collection.described = true;
    }
    return collection;
  }

  behaviour(op: OperationModel): Behaviour {
    return this.behaviours.get(op.key) ?? { kind: 'none' };
  }

  envelope(op: OperationModel): Envelope {
    return this.envelopes.get(op.key) ?? envelopeOf(this.spec, op);
  }
}
