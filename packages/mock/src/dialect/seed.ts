/** The seeded world of API v3, and the manager tokens (seeded in every mode). */
import type { WorldWriter } from '@proseapi/mock-engine';
import type { SpecModel } from '@proseapi/openapi-model';
import { COLLECTIONS } from './collections.js';
import { MANAGERS, worldFacts } from './seed-data.js';
import { TOKENS, type TokenFields } from './tree.js';

/**
 * The subscriptions the examples of the paths without a reseller name (closing charges,
 * analytics): those paths reach only subscriptions that exist, so the examples' do.
 */
function unscopedSubscriptions(spec: SpecModel): string[] {
  const ids = new Set<string>();
  for (const op of spec.operations) {
    if (op.path.includes('{reseller_id}')) continue;
    for (const param of op.params) {
      const value = param.example?.value;
      if (
        param.name === 'subscription_id' &&
        (typeof value === 'string' || typeof value === 'number')
      ) {
        ids.add(String(value));
      }
    }
  }
  return [...ids];
}

export function seedWorld(
  spec: SpecModel,
  world: WorldWriter,
  { stateful }: { stateful: boolean },
): void {
  for (const manager of MANAGERS) {
    if (manager.token === undefined) continue;
    const fields: TokenFields = { manager_id: manager.id, reseller_id: manager.resellerId };
    world.put(TOKENS, [], manager.token, fields);
  }
  if (!stateful) return;
  const facts = worldFacts();
  for (const fact of facts) {
    world.put(fact.collection, fact.parents, fact.id, fact.attributes);
  }
  const seeded = new Set(
    facts.filter((f) => f.collection === COLLECTIONS.subscriptions).map((f) => String(f.id)),
  );
  for (const id of unscopedSubscriptions(spec)) {
    if (seeded.has(id)) continue;
    world.put(COLLECTIONS.subscriptions, [1], id, {
      account_id: 505,
      name: 'Pay-as-you-go subscription',
      status: 'active',
    });
  }
}
