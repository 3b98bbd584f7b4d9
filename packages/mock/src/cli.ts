#!/usr/bin/env node
import { runMockCli } from '@proseapi/mock-engine/cli';
import { DEMO_TOKEN } from './dialect/seed-data.js';
import { createMock, type MockOptions } from './mock.js';

// The command alone (not the package's index), so that the CLI does not load MSW.
await runMockCli<MockOptions>({
  command: 'activeplatform-mock',
  title: 'ActivePlatform mock',
  summary: 'Serves a mock of the ActivePlatform API v3 built from its OpenAPI description.',
  adminSecretVariable: 'ACTIVEPLATFORM_MOCK_ADMIN_SECRET',
  options: {
    profile: {
      type: 'string',
      value: '<name>',
      help: 'activeplatform (default) or generic (the engine alone)',
      after: 'mode',
      apply(value, options) {
        if (value !== 'activeplatform' && value !== 'generic') {
          throw new Error('--profile is activeplatform or generic');
        }
        options.profile = value;
      },
    },
    'accept-any-token': {
      type: 'boolean',
      help: 'accept any non-empty token',
      after: 'random-seed',
      apply(value, options) {
        if (value === true) options.acceptAnyToken = true;
      },
    },
  },
  create: createMock,
  hints: () => [`Send the header X-Api-Token: ${DEMO_TOKEN} (root reseller's administrator)`],
});
