/**
 * Who calls, and what they reach. Every call carries the HTTP Basic credentials of an
 * integration account; every call but the login look-ups also names, in `userIdentifier`,
 * the CSA user it runs as, which the documentation calls the call's credentials too. So:
 *
 * - wrong or missing Basic credentials, or a missing or unknown `userIdentifier`: 401 (the
 *   troubleshooting page's "not authorized");
 * - a stateful world refuses a list of a party outside the user's organization with 403
 *   ("does not own the object"), and of a party it does not know with 404 ("not found").
 *
 * Which of these statuses a real server sends for these cases is not documented: they are
 * this mock's reading of the troubleshooting page.
 */
import type {
  AuthenticateContext,
  AuthorizeContext,
  Principal,
  Problem,
} from '@proseapi/mock-engine';
import type { OperationModel } from '@proseapi/openapi-model';
import type { Directory } from './directory.js';
import type { TransportUser } from './seed-data.js';

export const USER_IDENTIFIER = 'userIdentifier';

/** Whether the call names its user in `userIdentifier`. */
function takesUserIdentifier(op: OperationModel): boolean {
  return op.params.some((p) => p.in === 'query' && p.name === USER_IDENTIFIER);
}

/**
 * The principal: the integration account, and for the notification calls the person the
 * call runs as (`id` is then the person's id, `organization` theirs).
 */
export function authenticate(
  directory: Directory,
  users: readonly TransportUser[],
  context: AuthenticateContext,
): Principal | undefined {
  const basic = context.credentials.find((c) => c.type === 'basic');
  if (basic?.type !== 'basic') return undefined;
  const account = users.find((u) => u.username === basic.username && u.password === basic.password);
  if (!account) return undefined;
  if (!takesUserIdentifier(context.op)) return { id: account.username, account: account.username };
  const person = directory.person(context.query(USER_IDENTIFIER) ?? '');
  if (!person) return undefined;
  return { id: person.id, organization: person.organization, account: account.username };
}

/** A stateful world's refusals of a party's list: unknown party (404), other organization (403). */
export function authorize(directory: Directory, context: AuthorizeContext): Problem | undefined {
  const { op, params, principal, stateful } = context;
  if (!stateful || op.method !== 'GET' || params.path.party_id === undefined) return undefined;
  const party = String(params.path.party_id);
  const organization = directory.organizationOfParty(party);
  if (organization === undefined) {
    return { status: 404, title: `No person or organization has the id ${party}` };
  }
  if (principal?.organization !== undefined && principal.organization !== organization) {
    return {
      status: 403,
      title: `The user ${principal.id} does not belong to the organization of the party ${party}`,
    };
  }
  return undefined;
}
