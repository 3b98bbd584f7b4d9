/**
 * A mock package's command: the options every mock takes (port, mode, state files, latency,
 * faults …), the package's own, a help text made from both, and a server that stops on
 * SIGINT and SIGTERM (saving the state file first).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FaultOptions, LatencyRange } from '../engine/engine.js';
import type { MockState } from '../mock.js';
import type { CreateMock } from './entries.js';
import { serve } from './server.js';

/** The options of a package that the common command-line options set. */
export interface CliMockOptions {
  mode?: 'stateful' | 'stateless';
  spec?: object;
  seed?: MockState | string;
  stateFile?: string;
  latency?: number | LatencyRange;
  faults?: FaultOptions;
  bodyLimit?: number;
  randomSeed?: number;
  cors?: boolean;
}

/** A package's own command-line option. */
export interface CliOption<O> {
  /** A flag, or an option with a value (`--name <value>`). */
  type: 'boolean' | 'string';
  /** How the help shows the value (`<name>`); none for a flag. */
  value?: string;
  help: string;
  /** Sets the package's options from the value given (throws with a reason when it is wrong). */
  apply(value: string | boolean, options: O): void;
}

export interface MockCli<O> {
  /** The command's name, `example-mock`. */
  command: string;
  /** What the mock is, for the help and the start line: `Example API mock`. */
  title: string;
  /** One sentence for the help: what the command serves. */
  summary: string;
  /** The package's own options, by name (without `--`). */
  options?: Record<string, CliOption<O>>;
  create: CreateMock<O>;
  /** Lines printed after the URL: how to call the mock (never a secret the user chose). */
  hints?(options: O): string[];
}

interface CommonOption {
  type: 'boolean' | 'string';
  value?: string;
  help: string;
}

const COMMON: Record<string, CommonOption> = {
  port: {
    type: 'string',
    value: '<n>',
    help: 'port to listen on (default 4010; 0 picks a free one)',
  },
  host: { type: 'string', value: '<name>', help: 'address to listen on (default 127.0.0.1)' },
  mode: { type: 'string', value: '<mode>', help: 'stateful (default) or stateless' },
  spec: { type: 'string', value: '<file>', help: 'another bundled OpenAPI document (JSON)' },
  seed: {
    type: 'string',
    value: '<file>',
    help: 'start the world from this state file instead of the built-in seed',
  },
  state: {
    type: 'string',
    value: '<file>',
    help: 'load the state from this file on start (if it exists), save it on exit',
  },
  latency: {
    type: 'string',
    value: '<ms|a-b>',
    help: 'delay every answer: fixed milliseconds or a random range',
  },
  'error-rate': {
    type: 'string',
    value: '<0..1>',
    help: 'share of requests answered with an injected 5xx',
  },
  'error-statuses': {
    type: 'string',
    value: '<l>',
    help: 'statuses of the injected errors, comma-separated (default 500,503)',
  },
  'drop-rate': {
    type: 'string',
    value: '<0..1>',
    help: 'share of requests whose connection is dropped',
  },
  'body-limit': {
    type: 'string',
    value: '<bytes>',
    help: 'largest accepted request body (default 5242880)',
  },
  'random-seed': {
    type: 'string',
    value: '<n>',
    help: 'seed of the random choices, for repeatable runs',
  },
  'no-cors': { type: 'boolean', help: 'do not answer CORS preflights' },
};

function number(name: string, value: string | boolean | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got ${value}`);
  return n;
}

/** The help text: usage, summary, then every option with its explanation. */
export function cliHelp<O>(cli: MockCli<O>): string {
  const all: [string, CommonOption][] = [
    ...Object.entries(COMMON),
    ...Object.entries(cli.options ?? {}),
    ['help', { type: 'boolean', help: 'show this help' }],
  ];
  const label = (name: string, option: CommonOption) =>
    `${name === 'help' ? '-h, ' : ''}--${name}${option.value ? ` ${option.value}` : ''}`;
  const width = Math.max(...all.map(([name, option]) => label(name, option).length)) + 2;
  const lines = all.map(
    ([name, option]) => `  ${label(name, option).padEnd(width)} ${option.help}`,
  );
  return `Usage: ${cli.command} [options]\n\n${cli.summary}\n\nOptions:\n${lines.join('\n')}\n`;
}

/** The package's options from the command line. */
export function cliOptions<O extends CliMockOptions>(
  cli: MockCli<O>,
  values: Record<string, string | boolean | undefined>,
): O {
  const options = {} as O;
  if (values.mode !== undefined) {
    if (values.mode !== 'stateful' && values.mode !== 'stateless') {
      throw new Error('--mode is stateful or stateless');
    }
    options.mode = values.mode;
  }
  if (typeof values.spec === 'string') {
    options.spec = JSON.parse(readFileSync(values.spec, 'utf8')) as object;
  }
  if (typeof values.seed === 'string') options.seed = values.seed;
  if (typeof values.state === 'string') options.stateFile = values.state;
  if (typeof values.latency === 'string') {
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
    if (typeof statuses === 'string') faults.errorStatuses = statuses.split(',').map(Number);
    options.faults = faults;
  }
  const bodyLimit = number('body-limit', values['body-limit']);
  if (bodyLimit !== undefined) options.bodyLimit = bodyLimit;
  const randomSeed = number('random-seed', values['random-seed']);
  if (randomSeed !== undefined) options.randomSeed = randomSeed;
  if (values['no-cors']) options.cors = false;
  for (const [name, option] of Object.entries(cli.options ?? {})) {
    const value = values[name];
    if (value !== undefined) option.apply(value, options);
  }
  return options;
}

/** Runs the command: prints the help, or serves the mock until SIGINT or SIGTERM. */
export async function runMockCli<O extends CliMockOptions>(
  cli: MockCli<O>,
  argv: string[] = process.argv.slice(2),
): Promise<void> {
  try {
    const config = Object.fromEntries(
      [...Object.entries(COMMON), ...Object.entries(cli.options ?? {})].map(([name, option]) => [
        name,
        { type: option.type },
      ]),
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
    const mock = cli.create(options, 'stateful');
    const server = await serve(mock.handle, {
      port: number('port', values.port) ?? 4010,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      bodyLimit: mock.engine.options.bodyLimit,
      beforeClose: () => {
        if (mock.stateFile && mock.mode === 'stateful') mock.saveState();
      },
    });
    const hints = cli.hints?.(options) ?? [];
    process.stdout.write(
      [`${cli.title} (${mock.mode}) listening on ${server.url}`, ...hints]
        .map((line) => `${line}\n`)
        .join(''),
    );
    let closing = false;
    const stop = () => {
      if (closing) return;
      closing = true;
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${(error as Error).message}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(`${cli.command}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
