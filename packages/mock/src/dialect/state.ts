/**
 * The mock's state files: `{format, version: 2, tables}`, the tokens among the tables.
 * A version 1 file (tokens and tree kept beside the tables, in `layer`) is read too: its
 * tokens become token records; its tree is the reseller records it already holds.
 */

import { type MockState, normalizeTemplate, type StoredTables } from '@proseapi/mock-engine';
import { isObject, type JsonObject } from '@proseapi/openapi-model';
import { DEMO_TOKEN, MANAGERS } from './seed-data.js';
import { TOKENS, type TokenFields } from './tree.js';

export const STATE_FORMAT = { format: 'activeplatform-mock-state', version: 2 };

const TOKENS_KEY = normalizeTemplate(TOKENS);

function tokenRecord(token: string, fields: TokenFields) {
  return { parents: [], resource: { id: token, attributes: fields } };
}

export function readState(value: JsonObject, source: string): MockState {
  if (value.format !== undefined && value.format !== STATE_FORMAT.format) {
    throw new Error(
      `${source}: /format: a state of another kind of mock (${String(value.format)})`,
    );
  }
  const tables = { ...(value.tables as StoredTables) };
  let tokens = Array.isArray(tables[TOKENS_KEY]) ? [...(tables[TOKENS_KEY] ?? [])] : undefined;
  if (!tokens) {
    // Version 1 kept the managers' tokens beside the tables; without them, the seeded ones.
    const layer = isObject(value.layer) ? value.layer : undefined;
    const managers = Array.isArray(layer?.managers) ? layer.managers.filter(isObject) : MANAGERS;
    tokens = [];
    for (const manager of managers) {
      if (typeof manager.token !== 'string') continue;
      tokens.push(
        tokenRecord(manager.token, {
          manager_id: Number(manager.id),
          reseller_id: Number(manager.resellerId),
        }),
      );
    }
  }
  // The root administrator's token always works.
  if (!tokens.some((t) => t.resource.id === DEMO_TOKEN)) {
    tokens.push(tokenRecord(DEMO_TOKEN, { manager_id: 1, reseller_id: 1 }));
  }
  tables[TOKENS_KEY] = tokens;
  return { ...STATE_FORMAT, tables };
}
