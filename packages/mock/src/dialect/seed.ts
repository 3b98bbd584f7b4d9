/** The seeded world of API v3, and the manager tokens (seeded in every mode). */
import type { WorldWriter } from '@proseapi/mock-engine';
import { MANAGERS, worldFacts } from './seed-data.js';
import { TOKENS, type TokenFields } from './tree.js';

export function seedWorld(world: WorldWriter, { stateful }: { stateful: boolean }): void {
  for (const manager of MANAGERS) {
    if (manager.token === undefined) continue;
    const fields: TokenFields = { manager_id: manager.id, reseller_id: manager.resellerId };
    world.put(TOKENS, [], manager.token, fields);
  }
  if (!stateful) return;
  for (const fact of worldFacts()) {
    world.put(fact.collection, fact.parents, fact.id, fact.attributes);
  }
}
