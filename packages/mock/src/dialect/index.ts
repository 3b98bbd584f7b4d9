/**
 * The ActivePlatform dialect: what makes the generic engine a mock of API v3. JSON:API
 * records and error documents in the API's wording, `page[…]` and Customer Store paging,
 * `filter[…]` families, manager tokens and the reseller tree as records of the world, the
 * actions, the seeded world, and the state files.
 */

import {
  type Dialect,
  deepObjectFiltering,
  deepObjectPaging,
  firstPaging,
  queryPaging,
  type Store,
  type WorldDialect,
} from '@proseapi/mock-engine';
import type { SpecModel } from '@proseapi/openapi-model';
import { ACTIONS, TASK_PROGRESS } from './actions.js';
import { authenticate, authorize, authorizeBody } from './auth.js';
import { COLLECTIONS } from './collections.js';
import { errorDocuments } from './errors.js';
import { jsonApi } from './jsonapi.js';
import { seedWorld } from './seed.js';
import { ResellerTree, TOKENS } from './tree.js';

export { readState, STATE_FORMAT } from './state.js';

/** The engine's part: errors, tokens and the reach of a token (read from the store). */
export function activePlatformDialect({ spec, store }: { spec: SpecModel; store: Store }): Dialect {
  const tree = new ResellerTree(store);
  return {
    name: 'ActivePlatform API v3',
    errors: errorDocuments(spec),
    authenticate: (context) => authenticate(tree, context),
    authorize: (context) => authorize(tree, context),
    authorizeBody: (context) => authorizeBody(tree, context),
  };
}

/** The world's part: records, paging, filters, actions, the seeded world. */
export function activePlatformWorld(spec: SpecModel): WorldDialect {
  return {
    representation: jsonApi,
    paging: firstPaging(
      deepObjectPaging(spec.doc, {
        parameter: 'page',
        size: 'size',
        number: 'number',
        defaultSize: 50,
      }),
      // Customer Store lists.
      queryPaging({ number: 'page', size: 'per_page', defaultSize: 50 }),
    ),
    filtering: deepObjectFiltering('filter'),
    rules: ACTIONS,
    collections: [...Object.values(COLLECTIONS), TOKENS],
    onRead: [TASK_PROGRESS],
    timestamps: { created: 'created_at', updated: 'updated_at' },
    seed: (world, context) => seedWorld(spec, world, context),
  };
}

export { jsonApi };
