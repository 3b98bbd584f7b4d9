/** Create, read, list, update and delete on the collections the description implies. */
import type { Outcome, WorldRequest } from '../engine/world.js';
import type { WorldParts } from './context.js';
import type { Behaviour, Envelope } from './model.js';
import type { StoredRecord } from './store.js';

const PARAM = /^\{([^}]+)\}$/;

export function crud(
  world: WorldParts,
  request: WorldRequest,
  behaviour: Exclude<Behaviour, { kind: 'none' }>,
  envelope: Envelope,
): Outcome {
  const { op } = request;
  const { collection } = behaviour;
  const { representation, renderer, records } = world;
  const table = world.store.table(collection.key);
  const parents = world.parentsOf(collection, request.rawPath);
  if (!parents) return { type: 'document' };
  switch (behaviour.kind) {
    case 'list': {
      const found = world.filter(
        collection,
        table.list(parents).map((r) => world.read(collection, r)),
        op,
        request.params.query,
      );
      return renderer.list(request, envelope, found);
    }
    case 'find': {
      const test = world.matcher(collection, op, request.params.query);
      let found: StoredRecord | undefined;
      for (const record of table.values(parents)) {
        if (!test || test(record)) {
          found = record;
          break;
        }
      }
      if (!found) return { type: 'not-found' };
      return renderer.one(op, envelope, world.read(collection, found).resource);
    }
    case 'create': {
      const id = records.newId(collection);
      // The body was parsed for this request alone: nothing else holds its objects.
      const resource = records.build(
        collection,
        id,
        parents,
        representation.bodyFields(request.body),
        envelope.kind,
        true,
      );
      table.put({ id, parents, resource });
      return renderer.one(op, envelope, resource);
    }
    default:
      break;
  }
  const segments = op.segments;
  const itemName = PARAM.exec(segments[segments.length - 1] ?? '')?.[1];
  const id = itemName ? (request.rawPath[itemName] ?? '') : '';
  const record = table.get(parents, id);
  if (!record) return { type: 'not-found' };
  if (behaviour.kind === 'read') {
    return renderer.one(op, envelope, world.read(collection, record).resource);
  }
  if (behaviour.kind === 'update') {
    const resource = structuredClone(record.resource);
    const fields = representation.fields(resource);
    Object.assign(fields, records.declared(collection, representation.bodyFields(request.body)));
    records.touch(collection, fields, false);
    const updated = { ...record, resource: records.fit(collection, resource, true) };
    table.put(updated);
    return renderer.one(op, envelope, updated.resource);
  }
  table.delete(parents, id);
  return renderer.deleted(op, envelope, record.resource);
}
