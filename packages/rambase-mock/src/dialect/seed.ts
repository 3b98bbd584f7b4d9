/**
 * The world a RamBase mock starts with: its supplier invoices, and on the first one the
 * notifications the description's examples show, each with every field any example gives
 * it (the expandable ones included, since the answer leaves them out unless asked).
 */
import type { WorldDialect } from '@proseapi/mock-engine';
import {
  isJsonMediaType,
  isObject,
  type JsonObject,
  type SpecModel,
} from '@proseapi/openapi-model';
import { representation } from './records.js';

/** The supplier invoices the world holds (their paths exist). */
export const INVOICES = '/procurement/invoices';
/** A supplier invoice's notifications. */
export const NOTIFICATIONS = '/procurement/invoices/{supplierInvoiceId}/notifications';

/** The supplier invoice the description's examples speak of. */
export const EXAMPLE_INVOICE = 100523;

/** `a` with what `b` adds: members `a` lacks, and objects merged member by member. */
function union(a: JsonObject, b: JsonObject): JsonObject {
  const result: JsonObject = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = result[key];
    if (mine === undefined) result[key] = structuredClone(value);
    else if (isObject(mine) && isObject(value)) result[key] = union(mine, value);
  }
  return result;
}

/** The notifications the examples of the description's reads and lists show, by id. */
export function exampleNotifications(spec: SpecModel): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>();
  for (const op of spec.operations) {
    if (op.method !== 'GET' || !op.path.startsWith(NOTIFICATIONS)) continue;
    for (const response of op.responses) {
      if (!response.status.startsWith('2')) continue;
      for (const media of response.content) {
        if (!isJsonMediaType(media.mediaType)) continue;
        const location = representation.locate(spec.doc, media.schema);
        for (const example of media.examples) {
          let data: unknown = example.value;
          for (const step of location?.path ?? []) data = isObject(data) ? data[step] : undefined;
          for (const record of (Array.isArray(data) ? data : [data]).filter(isObject)) {
            const id = representation.idOf(record);
            if (id === undefined) continue;
            const known = found.get(id);
            found.set(id, known ? union(known, record) : structuredClone(record));
          }
        }
      }
    }
  }
  return found;
}

/** Seeds the invoices, and the example notifications on the example invoice when it is one. */
export function seedWorld(
  spec: SpecModel,
  invoices: readonly number[],
): NonNullable<WorldDialect['seed']> {
  return (world, { stateful }) => {
    if (!stateful) return;
    for (const invoice of invoices) world.put(INVOICES, [], invoice, {});
    if (!invoices.includes(EXAMPLE_INVOICE)) return;
    for (const [id, fields] of exampleNotifications(spec)) {
      world.put(NOTIFICATIONS, [EXAMPLE_INVOICE], id, fields);
    }
  };
}
