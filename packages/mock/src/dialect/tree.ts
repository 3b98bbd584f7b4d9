/**
 * The reseller tree, read from the world's reseller records (their `parent_id`), and the
 * manager tokens, kept as records of their own: one truth for who may call and what a
 * token reaches, whatever seeded the world.
 */

import type { Principal, Store } from '@proseapi/mock-engine';
import { normalizeTemplate } from '@proseapi/mock-engine';
import { isObject, type JsonObject } from '@proseapi/openapi-model';
import { COLLECTIONS } from './collections.js';

/** Where the manager tokens are kept: one record per token (never shown by the API). */
export const TOKENS = '/manager_tokens';

const RESELLERS_KEY = normalizeTemplate(COLLECTIONS.resellers);
const TOKENS_KEY = normalizeTemplate(TOKENS);

function attributes(resource: JsonObject | undefined): JsonObject | undefined {
  if (!resource) return undefined;
  return isObject(resource.attributes) ? resource.attributes : resource;
}

/** The fields of a token record. */
export interface TokenFields extends JsonObject {
  manager_id: number;
  reseller_id: number;
}

export class ResellerTree {
  constructor(private readonly store: Store) {}

  /** Whether the world holds this reseller. */
  has(resellerId: string): boolean {
    return this.store.table(RESELLERS_KEY).get([], resellerId) !== undefined;
  }

  /** The reseller's parent, from its record (`undefined` for a root or an unknown reseller). */
  parentOf(resellerId: string): string | undefined {
    const record = this.store.table(RESELLERS_KEY).get([], resellerId);
    const parent = attributes(record?.resource)?.parent_id;
    return parent === null || parent === undefined ? undefined : String(parent);
  }

  /** Whether `resellerId` is `rootId` or below it. */
  isWithin(resellerId: string, rootId: string): boolean {
    if (resellerId === rootId) return true;
    const seen = new Set<string>();
    let current: string | undefined = resellerId;
    while (current !== undefined && !seen.has(current)) {
      if (current === rootId) return true;
      seen.add(current);
      current = this.parentOf(current);
    }
    return false;
  }

  /** The resellers holding a record of this collection (a path template) with this id. */
  holdersOf(collection: string, id: string): string[] {
    return this.store
      .table(normalizeTemplate(collection))
      .withId(id)
      .map((record) => record.parents[0] ?? '');
  }

  /** The manager a token belongs to, from the token records. */
  principal(token: string): Principal | undefined {
    const fields = attributes(this.store.table(TOKENS_KEY).get([], token)?.resource);
    if (!fields || fields.manager_id === undefined || fields.reseller_id === undefined)
      return undefined;
    return { id: String(fields.manager_id), resellerId: String(fields.reseller_id) };
  }
}
