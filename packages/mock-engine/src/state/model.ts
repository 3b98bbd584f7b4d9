/**
 * The world a description implies: a path ending in a literal segment is a collection
 * (`…/books`), the same path plus a templated segment is its item
 * (`…/books/{book_id}`); each operation lists, finds, creates, reads, updates or
 * deletes, judged from its path, method and answer.
 */
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
} from '@proseapi/openapi-model';
import { resourceKey } from '../engine/validation.js';
import type { RecordLocation, Representation } from './representation.js';
import { normalizeTemplate } from './store.js';

/** A collection of resources, found from the description's paths. */
export interface Collection {
  /** Normalised collection path, `/shelves/{}/books`. */
  key: string;
  /** The collection path with parameter names, `/shelves/{shelf_id}/books`. */
  template: string;
  /** Names of the parameters above the collection, in path order. */
  parentNames: string[];
  /** Last literal segment: a resource kind such as `books`. */
  name: string;
  /** Schema of one resource, if the description has one. */
  resourceSchema: unknown;
  /** Key of the validator of `resourceSchema` (see `resourceKey`). */
  resourceKey?: string;
  /** Resources from the description's examples (seeded where example requests need them). */
  examples: JsonObject[];
  /** The kind of its resources (JSON:API `type`), when the representation has kinds. */
  kind: string | undefined;
  /** Whether an operation of the description reaches this collection. */
  described: boolean;
}

/** What an answer of an operation carries, read from its success response. */
export interface Envelope {
  status: number;
  /** The status key the description declares the answer under (`200`, `2XX`, `DEFAULT`). */
  declared: string | undefined;
  media: MediaModel | undefined;
  /** Where its records sit; `undefined`: the answer holds no records. */
  location: RecordLocation | undefined;
  /** The kind of resource the operation's own answer shows. */
  kind: string | undefined;
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

/** The records an answer's examples show, at the answer's record location. */
export function exampleRecords(
  media: MediaModel | undefined,
  location: RecordLocation,
): JsonObject[] {
  const result: JsonObject[] = [];
  for (const example of media?.examples ?? []) {
    let data: unknown = example.value;
    for (const step of location.path) data = isObject(data) ? data[step] : undefined;
    if (Array.isArray(data)) result.push(...data.filter(isObject));
    else if (isObject(data)) result.push(data);
  }
  return result;
}

/** Collections and the behaviour of each operation, derived from a description. */
export class StateModel {
  readonly collections = new Map<string, Collection>();
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly envelopes = new Map<string, Envelope>();

  constructor(
    readonly spec: SpecModel,
    readonly representation: Representation,
  ) {
    const normalized = new Set([...spec.paths.keys()].map(normalizeTemplate));
    for (const op of spec.operations) {
      const envelope = this.envelopeOf(op);
      this.envelopes.set(op.key, envelope);
      const segments = op.segments;
      const last = segments[segments.length - 1] ?? '';
      const holds = envelope.location ? (envelope.location.many ? 'many' : 'one') : 'none';
      let behaviour: Behaviour = { kind: 'none' };
      if (PARAM.test(last)) {
        const collection = this.collection(`/${segments.slice(0, -1).join('/')}`, true);
        if (op.method === 'GET' && holds === 'one') behaviour = { kind: 'read', collection };
        else if (op.method === 'PATCH' || op.method === 'PUT') {
          behaviour = { kind: 'update', collection };
        } else if (op.method === 'DELETE') behaviour = { kind: 'delete', collection };
      } else if (last !== '') {
        const isCollection =
          normalized.has(`${normalizeTemplate(op.path)}/{}`) ||
          spec.paths.get(op.path)?.get('GET') !== undefined;
        let kind: 'list' | 'find' | 'create' | undefined;
        if (op.method === 'GET' && holds === 'many') kind = 'list';
        else if (op.method === 'GET' && holds === 'one') kind = 'find';
        else if (op.method === 'POST' && holds === 'one' && isCollection) kind = 'create';
        if (kind) behaviour = { kind, collection: this.collection(op.path, true) };
      }
      this.behaviours.set(op.key, behaviour);
    }
    // Resource schemas, kinds and example resources, best source first.
    const order: Behaviour['kind'][] = ['read', 'list', 'find', 'update', 'create', 'delete'];
    for (const kind of order) {
      for (const op of spec.operations) {
        const behaviour = this.behaviours.get(op.key);
        if (!behaviour || behaviour.kind !== kind || behaviour.kind === 'none') continue;
        const envelope = this.envelopes.get(op.key) as Envelope;
        const { collection } = behaviour;
        const location = envelope.location;
        if (!location) continue;
        if (collection.resourceSchema === undefined && location.schema !== undefined) {
          collection.resourceSchema = location.schema;
          if (envelope.declared && envelope.media) {
            collection.resourceKey = resourceKey(op, envelope.declared, envelope.media.mediaType);
          }
        }
        collection.kind ??= envelope.kind;
        for (const example of exampleRecords(envelope.media, location)) {
          if (representation.idOf(example) !== undefined) collection.examples.push(example);
        }
      }
    }
  }

  /** Reads the shape of an operation's answer for its success status. */
  private envelopeOf(op: OperationModel): Envelope {
    const code = successStatus(op);
    const response = findResponse(op, code);
    const media = response ? jsonMedia(response.content) : undefined;
    const envelope: Envelope = {
      status: code,
      declared: response?.status,
      media,
      location: undefined,
      kind: undefined,
      isNull: false,
    };
    if (!media || media.schema === undefined) return envelope;
    const doc = this.spec.doc;
    const schema = resolveSchema(doc, media.schema);
    if (isObject(schema) && schema.type === 'null') {
      envelope.isNull = true;
      return envelope;
    }
    envelope.location = this.representation.locate(doc, media.schema);
    if (envelope.location) {
      envelope.kind = this.representation.kindOf(
        doc,
        envelope.location.schema,
        exampleRecords(media, envelope.location),
      );
    }
    return envelope;
  }

  /** The collection of a path (registered on first sight). */
  collection(template: string, described: boolean): Collection {
    const key = normalizeTemplate(template);
    let collection = this.collections.get(key);
    if (!collection) {
      const segments = splitPath(template);
      const literals = segments.filter((s) => !PARAM.test(s));
      collection = {
        key,
        template,
        parentNames: segments.filter((s) => PARAM.test(s)).map((s) => s.slice(1, -1)),
        name: literals[literals.length - 1] ?? '',
        resourceSchema: undefined,
        examples: [],
        kind: undefined,
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
    return this.envelopes.get(op.key) ?? this.envelopeOf(op);
  }
}
