/**
 * Who calls, and what they reach: a manager's token in `X-Api-Token` names the manager
 * (401 for a token nobody holds); a stateful world lets it reach its manager's reseller
 * and the resellers below (403 elsewhere, 404 for a reseller that does not exist). A path
 * without a reseller names a subscription, which must be one the token reaches; a body
 * may name only accounts, plans and subscriptions the token reaches.
 */
import type {
  AuthenticateContext,
  AuthorizeContext,
  Principal,
  Problem,
} from '@proseapi/mock-engine';
import { isObject, type JsonObject } from '@proseapi/openapi-model';
import { COLLECTIONS } from './collections.js';
import { TITLES } from './errors.js';
import type { ResellerTree } from './tree.js';

/** Members of a body (or parameters of a path without a reseller) that name a record. */
const REFERENCES: [member: string, collection: string][] = [
  ['account_id', COLLECTIONS.accounts],
  ['account_ids', COLLECTIONS.accounts],
  ['plan_id', COLLECTIONS.plans],
  ['subscription_id', COLLECTIONS.subscriptions],
];

export function authenticate(
  tree: ResellerTree,
  context: AuthenticateContext,
): Principal | undefined {
  const credential = context.credentials[0];
  if (credential?.type !== 'apiKey') return undefined;
  return tree.principal(credential.value);
}

/** Whether some record of the collection with this id sits below a reseller the token reaches. */
function reaches(tree: ResellerTree, principal: Principal, collection: string, id: string) {
  const root = String(principal.resellerId);
  const holders = tree.holdersOf(collection, id);
  return {
    known: holders.length > 0,
    within: holders.some((reseller) => tree.isWithin(reseller, root)),
  };
}

export function authorize(tree: ResellerTree, context: AuthorizeContext): Problem | undefined {
  const { params, principal, stateful } = context;
  if (!stateful || !principal) return undefined;
  const resellerId = params.path.reseller_id;
  if (resellerId !== undefined) {
    const id = String(resellerId);
    if (!tree.has(id)) return { status: 404, title: 'Reseller not found' };
    if (!tree.isWithin(id, String(principal.resellerId))) {
      return { status: 403, title: 'Access to this reseller is denied' };
    }
    return undefined;
  }
  // No reseller in the path: the subscription it names decides (closing charges, analytics).
  const subscription = params.path.subscription_id ?? params.query.subscription_id;
  if (subscription === undefined || isObject(subscription)) return undefined;
  const found = reaches(tree, principal, COLLECTIONS.subscriptions, String(subscription));
  if (!found.known) return { status: 404, title: 'Subscription not found' };
  if (!found.within) return { status: 403, title: 'Access to this subscription is denied' };
  return undefined;
}

/** The body's fields: `data.attributes`, `data` itself, or the flat body. */
function bodyMembers(body: unknown): JsonObject[] {
  if (!isObject(body)) return [];
  const parts = [body];
  if (isObject(body.data)) {
    parts.push(body.data);
    if (isObject(body.data.attributes)) parts.push(body.data.attributes);
  }
  return parts;
}

/** An id in the body of a record the token does not reach is refused as an invalid member. */
export function authorizeBody(
  tree: ResellerTree,
  context: AuthorizeContext & { body: unknown },
): Problem | undefined {
  const { principal, stateful, op, body } = context;
  if (!stateful || !principal || op.method !== 'POST') return undefined;
  for (const part of bodyMembers(body)) {
    for (const [member, collection] of REFERENCES) {
      const value = part[member];
      if (value === undefined) continue;
      const ids = Array.isArray(value) ? value : [value];
      for (const id of ids) {
        if (typeof id !== 'string' && typeof id !== 'number') continue;
        const found = reaches(tree, principal, collection, String(id));
        if (found.known && !found.within) {
          return { status: 422, title: TITLES.invalid?.(member) ?? member };
        }
      }
    }
  }
  return undefined;
}
