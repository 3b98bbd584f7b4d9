#!/usr/bin/env node
import { runMockCli } from '@proseapi/mock-engine/cli';
import { DEMO_TOKEN } from './dialect/seed-data.js';
import type { MockOptions } from './mock.js';
import { createStartedMock } from './started.js';

/** The command's options: the mock's, and where a proxy forwards to and records. */
type CommandOptions = MockOptions & { proxy?: string; record?: string };

/**
 * Options that shape the mock's own answers, by the flag that sets each. A proxy answers with
 * the real API's answers, so with `--proxy` they would be ignored: the command refuses them.
 */
const MOCK_ONLY: [keyof CommandOptions, string][] = [
  ['mode', '--mode'],
  ['seed', '--seed'],
  ['stateFile', '--state'],
  ['fixtures', '--fixtures'],
  ['profile', '--profile'],
  ['acceptAnyToken', '--accept-any-token'],
  ['latency', '--latency'],
  ['faults', '--error-rate/--drop-rate'],
  ['randomSeed', '--random-seed'],
  ['storeLimits', '--store-limit'],
];

// The command alone (not the package's index), so that the CLI does not load MSW. It is
// built as one CommonJS file (no top-level await): `runMockCli` reports its own failures.
void runMockCli<CommandOptions>({
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
    fixtures: {
      type: 'string',
      value: '<path>',
      help: 'answer with the recorded answers of a conformance report, or of\nevery report in a folder, before the world and the examples',
      after: 'random-seed',
      apply(value, options) {
        options.fixtures = String(value);
      },
    },
    proxy: {
      type: 'string',
      value: '<base-url>',
      help: 'no mock: forward every request to this API unchanged, return its\nanswers unchanged, and check both against the description',
      after: 'random-seed',
      apply(value, options) {
        options.proxy = String(value);
      },
    },
    record: {
      type: 'string',
      value: '<file>',
      help: 'with --proxy: write the conformance report (and fixtures) here',
      after: 'random-seed',
      apply(value, options) {
        options.record = String(value);
      },
    },
  },
  create: createStartedMock,
  hints: () => [`Send the header X-Api-Token: ${DEMO_TOKEN} (root reseller's administrator)`],
  async instead(options, server) {
    if (options.proxy) {
      const ignored = MOCK_ONLY.filter(([key]) => options[key] !== undefined).map(([, f]) => f);
      if (ignored.length > 0) {
        throw new Error(
          `--proxy answers with the real API's answers; ${ignored.join(', ')} only shape the mock's (run a mock without --proxy to use them)`,
        );
      }
      // Loaded only here: a proxy reads the whole description, texts and provenance included.
      const { proxyService } = await import('./proxy-cli.js');
      return proxyService(options.proxy, { ...server, ...options });
    }
    if (options.record) throw new Error('--record goes with --proxy');
    return undefined;
  },
});
