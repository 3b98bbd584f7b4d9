#!/usr/bin/env node
import { runMockCli } from '@proseapi/mock-engine/cli';
import { TRANSPORT_USER, type TransportUser } from './dialect/index.js';
import { createMock, type MockOptions } from './mock.js';

// The command alone (not the package's index), so that the CLI does not load MSW. It is
// built as one CommonJS file (no top-level await): `runMockCli` reports its own failures.
void runMockCli<MockOptions>({
  command: 'csa-mock',
  title: 'CSA Legacy notification API mock',
  summary:
    'Serves a mock of the CSA Legacy REST API notification calls, built from its OpenAPI description.',
  adminSecretVariable: 'CSA_MOCK_ADMIN_SECRET',
  options: {
    user: {
      type: 'string',
      value: '<name:password>',
      help: `integration account to accept instead of ${TRANSPORT_USER.username}`,
      apply(value, options) {
        const text = String(value);
        const colon = text.indexOf(':');
        if (colon < 1) throw new Error('--user takes name:password');
        const user: TransportUser = {
          username: text.slice(0, colon),
          password: text.slice(colon + 1),
        };
        options.users = [user];
      },
    },
    'accept-any-credentials': {
      type: 'boolean',
      help: 'accept any HTTP Basic credentials and any userIdentifier',
      apply(value, options) {
        if (value === true) options.acceptAnyCredentials = true;
      },
    },
  },
  create: createMock,
  hints: (options) => [
    'The API answers under /csa/rest.',
    options.users
      ? `HTTP Basic: ${options.users.map((u) => u.username).join(', ')} (the password given)`
      : `HTTP Basic: ${TRANSPORT_USER.username}:${TRANSPORT_USER.password} (the mock's own account)`,
    'userIdentifier: 90cec3a03a93ef89013a93f07b880001 (acctgconsumer of CSA_CONSUMER)',
  ],
});
