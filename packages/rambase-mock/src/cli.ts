#!/usr/bin/env node
import { runMockCli } from '@proseapi/mock-engine/cli';
import { DEMO_CLIENT, DEMO_USERS } from './dialect/settings.js';
import { createMock, type MockOptions } from './mock.js';

// The command alone (not the package's index), so that the CLI does not load MSW. It is
// built as one CommonJS file (no top-level await): `runMockCli` reports its own failures.
void runMockCli<MockOptions>({
  command: 'rambase-mock',
  title: 'RamBase supplier-invoice notifications mock',
  summary:
    "Serves a mock of RamBase's supplier-invoice notifications and its OAuth 2.0 token endpoint, built from their OpenAPI description.",
  adminSecretVariable: 'RAMBASE_MOCK_ADMIN_SECRET',
  options: {
    client: {
      type: 'string',
      value: '<id:secret>',
      help: `API client to accept instead of ${DEMO_CLIENT.clientId}`,
      apply(value, options) {
        const text = String(value);
        const colon = text.indexOf(':');
        if (colon < 1) throw new Error('--client takes id:secret');
        options.clients = [{ clientId: text.slice(0, colon), clientSecret: text.slice(colon + 1) }];
      },
    },
    'token-lifetime': {
      type: 'string',
      value: '<s>',
      help: 'seconds an access token lives (default 3600)',
      apply(value, options) {
        const seconds = Number(value);
        if (!Number.isInteger(seconds) || seconds < 1) {
          throw new Error('--token-lifetime takes a whole number of seconds');
        }
        options.tokenLifetime = seconds;
      },
    },
    'accept-any-token': {
      type: 'boolean',
      help: 'accept any bearer token, issued or not',
      apply(value, options) {
        if (value === true) options.acceptAnyToken = true;
      },
    },
  },
  create: createMock,
  hints: (options) => [
    'Get a token: POST /oauth2/access_token (form-encoded), then send Authorization: Bearer <token>.',
    options.clients
      ? `API client: ${options.clients.map((c) => c.clientId).join(', ')} (the secret given)`
      : `API client: client_id=${DEMO_CLIENT.clientId} client_secret=${DEMO_CLIENT.clientSecret} (the mock's own)`,
    `Password grant users: ${DEMO_USERS.map((u) => u.username).join(', ')}; supplier invoice 100523 holds notifications 5 and 7.`,
  ],
});
