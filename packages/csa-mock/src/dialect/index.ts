/**
 * The CSA dialect: what makes the generic engine a mock of the CSA Legacy notification API.
 * XML bodies, HTTP Basic plus `userIdentifier`, plain-text refusals, and a world of
 * organizations, people and their notifications with the send's partial success.
 */
import type { Dialect, Store, WorldFactory } from '@proseapi/mock-engine';
import { xmlCodec } from '@proseapi/mock-engine/xml';
import { authenticate, authorize } from './auth.js';
import { Directory } from './directory.js';
import { plainTextErrors } from './errors.js';
import type { TransportUser } from './seed-data.js';
import { csaWorld } from './world.js';

export {
  ORGANIZATIONS,
  type OrganizationSeed,
  PEOPLE,
  type PersonSeed,
  TRANSPORT_USER,
  type TransportUser,
} from './seed-data.js';
export { invalidRecipientMessage } from './world.js';

/** The engine's part: XML, the integration accounts, `userIdentifier` and the reach of a user. */
export function csaDialect(store: Store, users: readonly TransportUser[]): Dialect {
  const directory = new Directory(store);
  return {
    name: 'CSA Legacy REST API',
    errors: plainTextErrors,
    // The documentation's XML documents declare themselves standalone.
    codecs: [xmlCodec({ standalone: true })],
    authenticate: (context) => authenticate(directory, users, context),
    authorize: (context) => authorize(directory, context),
  };
}

/** The world's part: organizations, people and notifications as records of the store. */
export const csaWorldFactory: WorldFactory = csaWorld;

export const STATE_FORMAT = { format: 'csa-mock-state', version: 1 };
