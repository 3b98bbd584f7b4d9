#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_TOKEN } from './dialect/seed-data.js';
import { createMock, type MockOptions } from './mock.js';
import { runProxy } from './proxy-cli.js';
import { serveMock } from './server.js';

/** The environment variable the administration endpoints' secret is read from. */
const ADMIN_SECRET_VARIABLE = 'ACTIVEPLATFORM_MOCK_ADMIN_SECRET';

const HELP = `Usage: activeplatform-mock [options]

Serves a mock of the ActivePlatform API v3 built from its OpenAPI description.

Options:
  --port <n>             port to listen on (default 4010; 0 picks a free one)
  --host <name>          address to listen on (default 127.0.0.1)
  --mode <mode>          stateful (default) or stateless
  --profile <name>       activeplatform (default) or generic (the engine alone)
  --spec <file>          another bundled OpenAPI document (JSON)
  --seed <file>          start the world from this state file instead of the built-in seed
  --state <file>         keep the state in this file: loaded on start (if it exists), every
                         change on disk before it is answered, written whole on exit
  --base-url <url>       base URL clients reach the mock at, for page links (default: its address)
  --store-limit <chars>  most characters of JSON the records take (default 134217728)
  --no-admin             no administration endpoints, even with ${ADMIN_SECRET_VARIABLE} set
  --latency <ms|a-b>     delay every answer: fixed milliseconds or a random range
  --error-rate <0..1>    share of requests answered with an injected 5xx
  --error-statuses <l>   statuses of the injected errors, comma-separated (default 500,503)
  --drop-rate <0..1>     share of requests whose connection is dropped
  --body-limit <bytes>   largest accepted request body (default 5242880)
  --random-seed <n>      seed of the random choices, for repeatable runs
  --accept-any-token     accept any non-empty token
  --no-cors              do not answer CORS preflights
  --fixtures <path>      answer with the recorded answers of a conformance report, or of
                         every report in a folder, before the world and the examples
  --proxy <base-url>     no mock: forward every request to this API unchanged, return its
                         answers unchanged, and check both against the description
  --record <file>        with --proxy: write the conformance report (and fixtures) here
  -h, --help             show this help

The administration endpoints (/__mock/reset, /__mock/state) answer only requests that send
the secret of the environment variable ${ADMIN_SECRET_VARIABLE} in X-Mock-Admin-Secret;
without it they are off.
`;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got ${value}`);
  return n;
}

/** Stops the mock on a signal; a signal before the server is up stops it as soon as it is. */
let stop: () => void = () => {
  stopRequested = true;
};
let stopRequested = false;
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      mode: { type: 'string' },
      profile: { type: 'string' },
      spec: { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      'error-statuses': { type: 'string' },
      'drop-rate': { type: 'string' },
      'body-limit': { type: 'string' },
      'random-seed': { type: 'string' },
      'accept-any-token': { type: 'boolean' },
      'no-cors': { type: 'boolean' },
      'base-url': { type: 'string' },
      'store-limit': { type: 'string' },
      'no-admin': { type: 'boolean' },
      fixtures: { type: 'string' },
      proxy: { type: 'string' },
      record: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const options: MockOptions = {};
  const port = number('port', values.port) ?? 4010;
  const host = values.host ?? '127.0.0.1';
  if (values.mode !== undefined) {
    if (values.mode !== 'stateful' && values.mode !== 'stateless') {
      throw new Error('--mode is stateful or stateless');
    }
    options.mode = values.mode;
  }
  if (values.profile !== undefined) {
    if (values.profile !== 'activeplatform' && values.profile !== 'generic') {
      throw new Error('--profile is activeplatform or generic');
    }
    options.profile = values.profile;
  }
  if (values.spec) options.spec = JSON.parse(readFileSync(values.spec, 'utf8')) as object;
  if (values.proxy) {
    await runProxy(values.proxy, { port, host, record: values.record, spec: options.spec });
    return;
  }
  if (values.record) throw new Error('--record goes with --proxy');
  if (values.fixtures) options.fixtures = values.fixtures;
  if (values.seed) options.seed = values.seed;
  if (values.state) options.stateFile = values.state;
  if (values.latency) {
    const [min, max] = values.latency.split('-');
    const low = number('latency', min) ?? 0;
    options.latency = max === undefined ? low : { min: low, max: number('latency', max) ?? low };
  }
  const errorRate = number('error-rate', values['error-rate']);
  const dropRate = number('drop-rate', values['drop-rate']);
  if (errorRate !== undefined || dropRate !== undefined) {
    options.faults = {};
    if (errorRate !== undefined) options.faults.errorRate = errorRate;
    if (dropRate !== undefined) options.faults.dropRate = dropRate;
    if (values['error-statuses']) {
      options.faults.errorStatuses = values['error-statuses'].split(',').map((s) => Number(s));
    }
  }
  const bodyLimit = number('body-limit', values['body-limit']);
  if (bodyLimit !== undefined) options.bodyLimit = bodyLimit;
  const randomSeed = number('random-seed', values['random-seed']);
  if (randomSeed !== undefined) options.randomSeed = randomSeed;
  if (values['accept-any-token']) options.acceptAnyToken = true;
  if (values['no-cors']) options.cors = false;
  const storeLimit = number('store-limit', values['store-limit']);
  if (storeLimit !== undefined) options.storeLimits = { total: storeLimit };
  const secret = process.env[ADMIN_SECRET_VARIABLE];
  if (values['no-admin']) options.adminPath = false;
  else if (secret) options.adminSecret = secret;

  // The server alone (not the package's index), so that the CLI does not load MSW.
  const mock = createMock(options, 'stateful', { journal: true });
  const baseUrl = values['base-url'];
  const server = await serveMock(mock, { ...options, port, host, ...(baseUrl ? { baseUrl } : {}) });
  let closing = false;
  stop = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`activeplatform-mock: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  if (stopRequested) {
    stop();
    return;
  }
  const admin =
    options.adminSecret && options.adminPath !== false
      ? `on at /__mock (send X-Mock-Admin-Secret: the value of ${ADMIN_SECRET_VARIABLE})`
      : `off (set ${ADMIN_SECRET_VARIABLE} to turn them on)`;
  process.stdout.write(
    `ActivePlatform mock (${options.mode ?? 'stateful'}) listening on ${server.url}\n` +
      `Send the header X-Api-Token: ${DEMO_TOKEN} (root reseller's administrator)\n` +
      `Administration endpoints: ${admin}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`activeplatform-mock: ${(error as Error).message}\n`);
  process.exit(1);
});
