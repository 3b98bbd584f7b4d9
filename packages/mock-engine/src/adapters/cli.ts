/**
 * A mock package's command: the options every mock takes (port, mode, state files, latency,
 * faults, administration …), the package's own, a help text made from both, and a server
 * that stops on SIGINT and SIGTERM. Its guarantees are the same for every mock: the signal
 * handlers are in place before it says it is listening; with `--state`, every change is on
 * disk (a journal) before it is answered, and the file is written whole, atomically, on
 * exit; the administration endpoints answer only a request sending the secret of the
 * package's environment variable.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FaultOptions } from '../engine/engine.js';
import type { RawHandler } from '../engine/request.js';
import type { CommonMockOptions, Mock } from '../mock.js';
import { type CreateMock, type MockServerOptions, serveMock } from './entries.js';

/** The options of a package that the common command-line options set. */
export interface CliMockOptions extends CommonMockOptions {
  spec?: object;
}

/** A package's own command-line option. */
export interface CliOption<O> {
  /** A flag, or an option with a value (`--name <value>`). */
  type: 'boolean' | 'string';
  /** How the help shows the value (`<name>`); none for a flag. */
  value?: string;
  /** Its line in the help; a line break continues it in the column of the explanations. */
  help: string;
  /** The common option it follows in the help (default: the last of them). */
  after?: string;
  /** Sets the package's options from the value given (throws with a reason when it is wrong). */
  apply(value: string | boolean, options: O): void;
}

/** What a package adds to the served mock (see `MockCli.run`). */
export interface CliRun {
  /** Serves this handler instead of the mock's own (one that wraps it, say). */
  handle?: RawHandler;
  /** Lines printed after the package's hints. */
  lines?: string[];
  /** Called when the server stops, before the mock writes its state file a last time. */
  close?(): void;
}

/** A service that takes the command's place instead of the mock (see `MockCli.instead`). */
export interface CliService {
  /** Printed once it is up; the first line says `… listening on <url>`. */
  lines: string[];
  /** Stops it (on SIGINT or SIGTERM); what it has to say at the end, it writes itself. */
  close(): Promise<void>;
}

export interface MockCli<O> {
  /** The command's name, `example-mock`. */
  command: string;
  /** What the mock is, for the start line: `Example API mock`. */
  title: string;
  /** One sentence for the help: what the command serves. */
  summary: string;
  /**
   * The environment variable the administration endpoints' secret is read from
   * (`EXAMPLE_MOCK_ADMIN_SECRET`); without it, the endpoints are off.
   */
  adminSecretVariable: string;
  /** The package's own options, by name (without `--`). */
  options?: Record<string, CliOption<O>>;
  create: CreateMock<O>;
  /** Lines printed after the URL: how to call the mock (never a secret the user chose). */
  hints?(options: O): string[];
  /**
   * Called once the mock is built, before it is served, with the options the command read:
   * what a package's own options need beyond the mock's (another handler in front of it,
   * work to finish on exit).
   */
  run?(mock: Mock, options: O): CliRun | undefined | Promise<CliRun | undefined>;
  /**
   * Called before any mock is built: a service to run instead of the mock (a proxy to a real
   * API, say), started where the mock would listen; `undefined` serves the mock. It stops on
   * the same signals, handled from the start.
   */
  instead?(options: O, server: MockServerOptions): Promise<CliService | undefined>;
}

interface HelpLine {
  type: 'boolean' | 'string';
  value?: string;
  help: string;
}

/** The options every mock's command takes, in the order of the help. */
function commonOptions(variable: string): [string, HelpLine][] {
  return [
    [
      'port',
      {
        type: 'string',
        value: '<n>',
        help: 'port to listen on (default 4010; 0 picks a free one)',
      },
    ],
    ['host', { type: 'string', value: '<name>', help: 'address to listen on (default 127.0.0.1)' }],
    ['mode', { type: 'string', value: '<mode>', help: 'stateful (default) or stateless' }],
    ['spec', { type: 'string', value: '<file>', help: 'another bundled OpenAPI document (JSON)' }],
    [
      'seed',
      {
        type: 'string',
        value: '<file>',
        help: 'start the world from this state file instead of the built-in seed',
      },
    ],
    [
      'state',
      {
        type: 'string',
        value: '<file>',
        help:
          'keep the state in this file: loaded on start (if it exists), every\n' +
          'change on disk before it is answered, written whole on exit',
      },
    ],
    [
      'base-url',
      {
        type: 'string',
        value: '<url>',
        help: 'base URL clients reach the mock at, for page links (default: its address)',
      },
    ],
    [
      'store-limit',
      {
        type: 'string',
        value: '<chars>',
        help: 'most characters of JSON the records take (default 134217728)',
      },
    ],
    [
      'no-admin',
      {
        type: 'boolean',
        help: `no administration endpoints, even with ${variable} set`,
      },
    ],
    [
      'latency',
      {
        type: 'string',
        value: '<ms|a-b>',
        help: 'delay every answer: fixed milliseconds or a random range',
      },
    ],
    [
      'error-rate',
      {
        type: 'string',
        value: '<0..1>',
        help: 'share of requests answered with an injected 5xx',
      },
    ],
    [
      'error-statuses',
      {
        type: 'string',
        value: '<l>',
        help: 'statuses of the injected errors, comma-separated (default 500,503)',
      },
    ],
    [
      'drop-rate',
      {
        type: 'string',
        value: '<0..1>',
        help: 'share of requests whose connection is dropped',
      },
    ],
    [
      'body-limit',
      {
        type: 'string',
        value: '<bytes>',
        help: 'largest accepted request body (default 5242880)',
      },
    ],
    [
      'random-seed',
      {
        type: 'string',
        value: '<n>',
        help: 'seed of the random choices, for repeatable runs',
      },
    ],
    ['no-cors', { type: 'boolean', help: 'do not answer CORS preflights' }],
  ];
}

function number(name: string, value: string | boolean | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got ${value}`);
  return n;
}

/** The common options and the package's own, each of these after the one it names. */
function allOptions<O>(cli: MockCli<O>): [string, HelpLine][] {
  const lines = commonOptions(cli.adminSecretVariable);
  for (const [name, option] of Object.entries(cli.options ?? {})) {
    const after = option.after === undefined ? -1 : lines.findIndex(([n]) => n === option.after);
    if (option.after !== undefined && after === -1) {
      throw new Error(`--${name} follows --${option.after}, which is no common option`);
    }
    // Several options after the same one keep their own order.
    let at = after === -1 ? lines.length : after + 1;
    while (
      at < lines.length &&
      Object.hasOwn(cli.options ?? {}, (lines[at] as [string, HelpLine])[0])
    ) {
      at++;
    }
    lines.splice(at, 0, [name, option]);
  }
  return lines;
}

/** The help text: usage, summary, every option with its explanation, the administration. */
export function cliHelp<O>(cli: MockCli<O>): string {
  const all: [string, HelpLine][] = [
    ...allOptions(cli),
    ['help', { type: 'boolean', help: 'show this help' }],
  ];
  const label = (name: string, option: HelpLine) =>
    `${name === 'help' ? '-h, ' : ''}--${name}${option.value ? ` ${option.value}` : ''}`;
  const width = Math.max(...all.map(([name, option]) => label(name, option).length)) + 2;
  const lines = all.map(([name, option]) => {
    const [first, ...rest] = option.help.split('\n');
    const more = rest.map((line) => `\n  ${' '.repeat(width)}${line}`).join('');
    return `  ${label(name, option).padEnd(width)}${first}${more}`;
  });
  const variable = cli.adminSecretVariable;
  return (
    `Usage: ${cli.command} [options]\n\n${cli.summary}\n\nOptions:\n${lines.join('\n')}\n\n` +
    'The administration endpoints (/__mock/reset, /__mock/state) answer only requests that send\n' +
    `the secret of the environment variable ${variable} in X-Mock-Admin-Secret;\n` +
    'without it they are off.\n'
  );
}

/**
 * The package's options from the command line (`env`: where the administration secret is
 * read, by default the process's environment).
 */
export function cliOptions<O extends CliMockOptions>(
  cli: MockCli<O>,
  values: Record<string, string | boolean | undefined>,
  env: Record<string, string | undefined> = process.env,
): O {
  const options = {} as O;
  if (values.mode !== undefined) {
    if (values.mode !== 'stateful' && values.mode !== 'stateless') {
      throw new Error('--mode is stateful or stateless');
    }
    options.mode = values.mode;
  }
  if (typeof values.spec === 'string' && values.spec) {
    options.spec = JSON.parse(readFileSync(values.spec, 'utf8')) as object;
  }
  if (typeof values.seed === 'string' && values.seed) options.seed = values.seed;
  if (typeof values.state === 'string' && values.state) options.stateFile = values.state;
  if (typeof values.latency === 'string' && values.latency) {
    const [min, max] = values.latency.split('-');
    const low = number('latency', min) ?? 0;
    options.latency = max === undefined ? low : { min: low, max: number('latency', max) ?? low };
  }
  const errorRate = number('error-rate', values['error-rate']);
  const dropRate = number('drop-rate', values['drop-rate']);
  if (errorRate !== undefined || dropRate !== undefined) {
    const faults: FaultOptions = {};
    if (errorRate !== undefined) faults.errorRate = errorRate;
    if (dropRate !== undefined) faults.dropRate = dropRate;
    const statuses = values['error-statuses'];
    if (typeof statuses === 'string' && statuses) {
      faults.errorStatuses = statuses.split(',').map(Number);
    }
    options.faults = faults;
  }
  const bodyLimit = number('body-limit', values['body-limit']);
  if (bodyLimit !== undefined) options.bodyLimit = bodyLimit;
  const randomSeed = number('random-seed', values['random-seed']);
  if (randomSeed !== undefined) options.randomSeed = randomSeed;
  if (values['no-cors']) options.cors = false;
  const storeLimit = number('store-limit', values['store-limit']);
  if (storeLimit !== undefined) options.storeLimits = { total: storeLimit };
  const secret = env[cli.adminSecretVariable];
  if (values['no-admin']) options.adminPath = false;
  else if (secret) options.adminSecret = secret;
  for (const [name, option] of Object.entries(cli.options ?? {})) {
    const value = values[name];
    if (value !== undefined) option.apply(value, options);
  }
  return options;
}

/** The server's options from the command line. */
function serverOptions(values: Record<string, string | boolean | undefined>): MockServerOptions {
  const server: MockServerOptions = {
    port: number('port', values.port) ?? 4010,
    host: typeof values.host === 'string' ? values.host : '127.0.0.1',
  };
  if (typeof values['base-url'] === 'string' && values['base-url']) {
    server.baseUrl = values['base-url'];
  }
  return server;
}

/** The start line about the administration endpoints: never their secret. */
function adminLine<O extends CliMockOptions>(cli: MockCli<O>, options: O): string {
  const variable = cli.adminSecretVariable;
  const state =
    options.adminSecret && options.adminPath !== false
      ? `on at /__mock (send X-Mock-Admin-Secret: the value of ${variable})`
      : `off (set ${variable} to turn them on)`;
  return `Administration endpoints: ${state}`;
}

/** The package's mock, built and served with what its `run` hook adds. */
async function serveCliMock<O extends CliMockOptions>(
  cli: MockCli<O>,
  options: O,
  values: Record<string, string | boolean | undefined>,
): Promise<CliService> {
  const mock = cli.create(options, 'stateful', { journal: true });
  const added = await cli.run?.(mock, options);
  const served = added?.handle ? { ...mock, handle: added.handle } : mock;
  const server = await serveMock(served, serverOptions(values), added?.close);
  return {
    lines: [
      `${cli.title} (${mock.mode}) listening on ${server.url}`,
      ...(cli.hints?.(options) ?? []),
      ...(added?.lines ?? []),
      adminLine(cli, options),
    ],
    close: () => server.close(),
  };
}

/**
 * Runs the command: prints the help, or serves the mock until SIGINT or SIGTERM. The
 * handlers of both signals are installed first: a signal that arrives before the server
 * is up stops it as soon as it is, its state saved.
 */
export async function runMockCli<O extends CliMockOptions>(
  cli: MockCli<O>,
  argv: string[] = process.argv.slice(2),
): Promise<void> {
  let stopRequested = false;
  let stop: () => void = () => {
    stopRequested = true;
  };
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  const fail = (error: unknown) => {
    process.stderr.write(`${cli.command}: ${(error as Error).message}\n`);
    process.exit(1);
  };
  try {
    const config = Object.fromEntries(
      allOptions(cli).map(([name, option]) => [name, { type: option.type }]),
    );
    const values = parseArgs({
      args: argv,
      options: { ...config, help: { type: 'boolean', short: 'h' } },
    }).values as Record<string, string | boolean | undefined>;
    if (values.help) {
      process.stdout.write(cliHelp(cli));
      return;
    }
    const options = cliOptions(cli, values);
    const service =
      (await cli.instead?.(options, serverOptions(values))) ??
      (await serveCliMock(cli, options, values));
    let closing = false;
    stop = () => {
      if (closing) return;
      closing = true;
      service.close().then(() => process.exit(0), fail);
    };
    if (stopRequested) {
      stop();
      return;
    }
    process.stdout.write(service.lines.map((line) => `${line}\n`).join(''));
  } catch (error) {
    fail(error);
  }
}
