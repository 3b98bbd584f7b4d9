import defaultSpec from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { specHash as builtHash, validators as builtValidators } from '#precompiled';
import { createActivePlatformLayer } from './activeplatform/layer.js';
import { Engine, type FaultOptions, type LatencyRange } from './engine/engine.js';
import type { MockLayer } from './engine/layer.js';
import { buildSpecModel, isObject, type JsonObject, type SpecModel } from './engine/openapi.js';
import { hashSpec, type ValidateFn, type Validators } from './engine/validation.js';
import { StateModel } from './state/model.js';
import { StatefulEngine } from './state/stateful.js';
import { type MockState, Store } from './state/store.js';

export type { FaultOptions, LatencyRange, MockState };

export interface MockOptions {
  /** Bundled OpenAPI document; default: the bundle of `@activeplatform/openapi`. */
  spec?: object;
  /** `stateful` (in-memory world) or `stateless` (examples and generated data). */
  mode?: 'stateful' | 'stateless';
  /**
   * `activeplatform` (default): manager tokens, reseller scoping, the seeded world and
   * the API's actions. `generic`: the bare engine (any non-empty token, CRUD only).
   */
  profile?: 'activeplatform' | 'generic';
  /** Start the world from this state (an object, or the path of a JSON file) instead of the built-in seed. */
  seed?: MockState | string;
  /** Load the state from this JSON file on start when it exists; `saveState()` and the server's `close()` write it. */
  stateFile?: string;
  /** Delay before each answer: a fixed number of milliseconds, or a random one in a range. */
  latency?: number | LatencyRange;
  /** Injected failures: a share of 5xx answers and of dropped connections. */
  faults?: FaultOptions;
  /** Largest accepted request body in bytes (default 5 MiB); larger ones get 413. */
  bodyLimit?: number;
  /** Seed of the random choices (latency, faults, dynamic data), for repeatable runs. */
  randomSeed?: number;
  /** Answer CORS preflights and add `Access-Control-Allow-Origin: *` (default `true`). */
  cors?: boolean;
  /** Accept any non-empty token (no 401 for unknown tokens, no reseller scoping). */
  acceptAnyToken?: boolean;
  /** Path prefix of the administration endpoints (`POST …/reset`, `GET|PUT …/state`), or `false`. */
  adminPath?: string | false;
  /** Clock of the world (timestamps of created and updated records). */
  now?: () => Date;
}

export interface MockControls {
  /** Back to the state the mock started with. */
  reset(): void;
  /** A copy of the whole state (collections and the layer's tokens and tree). */
  snapshot(): MockState;
  /** Replaces the state with a snapshot. */
  restore(state: MockState): void;
  /** Writes the snapshot as JSON to a file (default: the `stateFile` option). */
  saveState(file?: string): void;
  readonly mode: 'stateful' | 'stateless';
}

export interface Mock extends MockControls {
  engine: Engine;
  spec: SpecModel;
  options: MockOptions;
}

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

const hashes = new WeakMap<object, string>();

function validatorsFor(doc: JsonObject, spec: SpecModel): Validators {
  let hash = hashes.get(doc);
  if (hash === undefined) {
    hash = hashSpec(doc);
    hashes.set(doc, hash);
  }
  if (hash === builtHash) {
    return { precompiled: true, get: (key) => builtValidators[key] };
  }
  // Another document: Ajv is loaded (and each schema compiled) only when first needed.
  let runtime: Validators | undefined;
  const ready = import('./engine/ajv.js').then((module) => {
    runtime = module.createRuntimeValidators(spec);
  });
  // A failure surfaces on the first request, which awaits `ready`; none goes unhandled meanwhile.
  ready.catch(() => undefined);
  return {
    precompiled: false,
    ready,
    get: (key): ValidateFn | undefined => {
      if (!runtime) throw new Error('The validators are still loading');
      return runtime.get(key);
    },
  };
}

type FsModule = {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  existsSync(path: string): boolean;
};

/** `node:fs`, reached without a static import so that the package also bundles for browsers. */
function fs(): FsModule {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } })
    .process?.getBuiltinModule;
  const module = getBuiltin?.('node:fs') as FsModule | undefined;
  if (!module) throw new Error('Reading or writing state files needs Node.js 20.16 or later');
  return module;
}

function parseState(value: unknown, source: string): MockState {
  if (!isObject(value) || !isObject(value.tables)) {
    throw new Error(`${source} is not a mock state: it needs a "tables" object`);
  }
  return value as unknown as MockState;
}

/** Builds the engine, the world and its controls from options. */
export function createMock(options: MockOptions, defaultMode: 'stateful' | 'stateless'): Mock {
  const doc = (options.spec ?? defaultSpec) as JsonObject;
  const spec = buildSpecModel(doc);
  const validators = validatorsFor(doc, spec);
  const layer: MockLayer | undefined =
    options.profile === 'generic' ? undefined : createActivePlatformLayer();
  const mode = options.mode ?? defaultMode;
  const now = options.now ?? (() => new Date());
  const store = new Store();
  const stateful = new StatefulEngine({
    spec,
    model: new StateModel(spec),
    store,
    layer,
    validators,
    now,
  });

  const snapshot = (): MockState => ({
    format: 'activeplatform-mock-state',
    version: 1,
    tables: store.export(),
    layer: layer?.exportState?.(),
  });
  const restore = (state: MockState) => {
    const checked = parseState(state, 'The state');
    store.import(checked.tables);
    if (checked.layer !== undefined) layer?.importState?.(checked.layer);
    else layer?.resetState?.();
  };

  let startState: MockState | undefined;
  if (options.stateFile && fs().existsSync(options.stateFile)) {
    startState = parseState(
      JSON.parse(fs().readFileSync(options.stateFile, 'utf8')),
      options.stateFile,
    );
  } else if (typeof options.seed === 'string') {
    startState = parseState(JSON.parse(fs().readFileSync(options.seed, 'utf8')), options.seed);
  } else if (options.seed) {
    startState = parseState(options.seed, 'The seed');
  }

  const seedWorld = () => {
    store.clear();
    layer?.resetState?.();
    if (startState) {
      restore(startState);
      return;
    }
    if (mode === 'stateful') {
      layer?.seed?.(stateful.writer());
      stateful.seedFromExamples();
    }
  };
  seedWorld();
  const initial = structuredClone(snapshot());

  const controls = {
    reset: () => restore(structuredClone(initial)),
    snapshot,
    restore: (state: unknown) => restore(state as MockState),
  };

  const engine = new Engine({
    spec,
    validators,
    stateful: mode === 'stateful' ? stateful : undefined,
    layer,
    latency: options.latency,
    faults: options.faults,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    randomSeed: options.randomSeed ?? Date.now(),
    cors: options.cors ?? true,
    acceptAnyToken: options.acceptAnyToken ?? false,
    adminPath: options.adminPath ?? '/__mock',
    controls,
  });

  return {
    engine,
    spec,
    options,
    mode,
    reset: controls.reset,
    snapshot,
    restore,
    saveState(file) {
      const target = file ?? options.stateFile;
      if (!target) throw new Error('saveState needs a file: pass one or set the stateFile option');
      fs().writeFileSync(target, `${JSON.stringify(snapshot(), null, 2)}\n`);
    },
  };
}
