/**
 * Who calls, and what they reach: a manager's token in `X-Api-Token` names the manager
 * (401 for a token nobody holds); a stateful world lets it reach its manager's reseller
 * and the resellers below (403 elsewhere, 404 for a reseller that does not exist).
 */
import type {
  AuthenticateContext,
  AuthorizeContext,
  Principal,
  Problem,
} from '@proseapi/mock-engine';
import type { ResellerTree } from './tree.js';

export function authenticate(
  tree: ResellerTree,
  context: AuthenticateContext,
): Principal | undefined {
  const credential = context.credentials[0];
  if (credential?.type !== 'apiKey') return undefined;
  return tree.principal(credential.value);
}

export function authorize(tree: ResellerTree, context: AuthorizeContext): Problem | undefined {
  const { params, principal, stateful } = context;
  const resellerId = params.path.reseller_id;
  if (!stateful || !principal || resellerId === undefined) return undefined;
  const id = String(resellerId);
  if (!tree.has(id)) return { status: 404, title: 'Reseller not found' };
  if (!tree.isWithin(id, String(principal.resellerId))) {
    return { status: 403, title: 'Access to this reseller is denied' };
  }
  return undefined;
}
