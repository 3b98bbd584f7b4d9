/**
 * Builds a mock from a description, a dialect and plain options: the engine, the world
 * and the controls of its state (reset, snapshots, state files).
 */
import { type Fixture, readReport } from '@proseapi/conformance';
import { buildSpecModel, isObject, type JsonObject, type SpecModel } from '@proseapi/openapi-model';
import { genericDialect, genericWorld } from './dialects/generic/index.js';
import type { AdminControls } from './engine/admin.js';
import type { Dialect } from './engine/dialect.js';
import { Engine, type FaultOptions, type LatencyRange } from './engine/engine.js';
import { recordedAnswers } from './engine/recorded.js';
import type { RawHandler } from './engine/request.js';
import {
  hashSpec,
  type ResourceSchemaOf,
  type ValidateFn,
  type Validators,
} from './engine/validation.js';
import { plainJson } from './state/representation.js';
import { Store, type StoredTables } from './state/store.js';
import { StatefulWorld, type WorldDialect } from './state/world.js';

/** The serialisable state of a mock. */
export interface MockState {
  /** Names the kind of mock the state belongs to. */
  format: string;
  version: number;
  tables: StoredTables;
}

/** Validators a build compiled for one description (see `compile/`). */
export interface PrecompiledValidators {
  specHash: string;
  validators: Record<string, ValidateFn | undefined>;
}

export interface MockSettings {
  /** The bundled description. */
  spec: JsonObject;
  /** Default `stateless`. */
  mode?: 'stateful' | 'stateless' | undefined;
  /**
   * Default: the generic dialect (the description's own error format, any credentials).
   * A function gets the description and the store (a dialect that keeps its identities
   * as records reads them there).
   */
  dialect?: Dialect | ((context: { spec: SpecModel; store: Store }) => Dialect) | undefined;
  /** What the world needs to know of the API (default: the generic one, plain JSON). */
  world?: WorldDialect | undefined;
  /** Validators compiled at build time; used when they were compiled from this very description. */
  precompiled?: PrecompiledValidators | undefined;
  /** `format` and `version` stamped in snapshots (default `mock-state`, 1). */
  stateFormat?: { format: string; version: number } | undefined;
  /**
   * Turns a loaded state object into a current one (older versions, say); throws with a
   * reason when it is no state of this mock.
   */
  readState?: ((value: JsonObject, source: string) => MockState) | undefined;
  /** A state object, or the path of a JSON state file, to start from instead of the seed. */
  seed?: MockState | string | undefined;
  /** Loaded on start when it exists; written by `saveState()`. */
  stateFile?: string | undefined;
  latency?: number | LatencyRange | undefined;
  faults?: FaultOptions | undefined;
  /** Largest accepted request body in bytes (default 5 MiB). */
  bodyLimit?: number | undefined;
  /** Seed of the random choices (default: the time). */
  randomSeed?: number | undefined;
  /** Default `true`. */
  cors?: boolean | undefined;
  acceptAnyToken?: boolean | undefined;
  /**
   * Real answers recorded by a conformance recorder or proxy (their fixtures), or the path
   * of a report file or of a folder of them: served for the same method, path and query
   * before the world and the examples.
   */
  fixtures?: readonly Fixture[] | string | undefined;
  /** Default `/__mock`; `false` turns the administration endpoints off. */
  adminPath?: string | false | undefined;
  now?: (() => Date) | undefined;
}

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

export interface Mock {
  engine: Engine;
  spec: SpecModel;
  store: Store;
  handle: RawHandler;
  readonly mode: 'stateful' | 'stateless';
  /** Back to the state the mock started with. */
  reset(): void;
  /** A copy of the whole state. */
  snapshot(): MockState;
  /** Replaces the state with a snapshot. */
  restore(state: MockState): void;
  /** Writes the snapshot as JSON to a file (default: `stateFile`). */
  saveState(file?: string): void;
  readonly stateFile: string | undefined;
}

type FsModule = {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  existsSync(path: string): boolean;
  readdirSync(path: string): string[];
  statSync(path: string): { isDirectory(): boolean };
};

/** `node:fs`, reached without a static import so that the engine also bundles for browsers. */
function fs(): FsModule {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } })
    .process?.getBuiltinModule;
  const module = getBuiltin?.('node:fs') as FsModule | undefined;
  if (!module) throw new Error('Reading or writing state files needs Node.js 20.16 or later');
  return module;
}

/** The fixtures of a report file, or of every report (`*.json`) in a folder. */
export function loadFixtures(source: string): Fixture[] {
  let files: string[];
  try {
    files = fs().statSync(source).isDirectory()
      ? fs()
          .readdirSync(source)
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => `${source.replace(/[\\/]+$/, '')}/${name}`)
      : [source];
  } catch (error) {
    throw new Error(`Cannot read the fixtures ${source}: ${(error as Error).message}`);
  }
  const fixtures: Fixture[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(fs().readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read the fixtures file ${file}: ${(error as Error).message}`);
    }
    const report = readReport(value, file);
    if (!report.fixtures) {
      throw new Error(`${file} holds no fixtures: record with fixtures kept (a proxy keeps them)`);
    }
    fixtures.push(...report.fixtures);
  }
  return fixtures;
}

const hashes = new WeakMap<object, string>();

/** The build's validators when they were compiled from this description; else Ajv, loaded on first need. */
export function selectValidators(
  spec: SpecModel,
  precompiled: PrecompiledValidators | undefined,
  resourceSchemaOf: ResourceSchemaOf,
): Validators {
  if (precompiled) {
    let hash = hashes.get(spec.doc);
    if (hash === undefined) {
      hash = hashSpec(spec.doc);
      hashes.set(spec.doc, hash);
    }
    if (hash === precompiled.specHash) {
      const built = precompiled.validators;
      return { precompiled: true, get: (key) => built[key] };
    }
  }
  let runtime: Validators | undefined;
  const ready = import('./engine/ajv.js').then((module) => {
    runtime = module.createRuntimeValidators(spec, resourceSchemaOf);
  });
  // A failure surfaces on the first request, which awaits `ready`; none goes unhandled meanwhile.
  ready.catch(() => undefined);
  return {
    precompiled: false,
    ready,
    // Before Ajv is loaded (while the world is seeded), nothing is checked: records are
    // bent to their schemas instead.
    get: (key): ValidateFn | undefined => runtime?.get(key),
  };
}

export function createMock(settings: MockSettings): Mock {
  const spec = buildSpecModel(settings.spec);
  const store = new Store();
  const worldDialect = settings.world ?? genericWorld();
  const dialect =
    typeof settings.dialect === 'function'
      ? settings.dialect({ spec, store })
      : (settings.dialect ?? genericDialect(spec));
  const representation = worldDialect.representation ?? plainJson;
  const now = settings.now ?? (() => new Date());
  const validators = selectValidators(
    spec,
    settings.precompiled,
    (doc, schema) => representation.locate(doc as JsonObject, schema)?.schema,
  );
  const mode = settings.mode ?? 'stateless';
  const world = new StatefulWorld({ ...worldDialect, spec, validators, store, now });
  const { format, version } = settings.stateFormat ?? { format: 'mock-state', version: 1 };
  const idOf = (resource: JsonObject) => representation.idOf(resource);

  const readState = (value: unknown, source: string): MockState => {
    if (!isObject(value) || !isObject(value.tables)) {
      throw new Error(`${source} is not a mock state: it needs a "tables" object`);
    }
    if (settings.readState) return settings.readState(value, source);
    return value as unknown as MockState;
  };
  const snapshot = (): MockState => ({ format, version, tables: store.export() });
  const restore = (state: MockState) => {
    store.import(readState(state, 'The state').tables, idOf);
  };

  let startState: MockState | undefined;
  const readFile = (file: string) => {
    let text: string;
    try {
      text = fs().readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the state file ${file}: ${(error as Error).message}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not JSON: ${(error as Error).message}`);
    }
    return readState(value, file);
  };
  if (settings.stateFile && fs().existsSync(settings.stateFile)) {
    startState = readFile(settings.stateFile);
  } else if (typeof settings.seed === 'string') {
    startState = readFile(settings.seed);
  } else if (settings.seed) {
    startState = readState(settings.seed, 'The seed');
  }

  if (startState) restore(startState);
  else world.seed(mode === 'stateful');
  // `export` copies every record, so the start state stays as it is.
  const initial = snapshot();

  const adminPath = settings.adminPath ?? '/__mock';
  const controls: AdminControls = {
    reset: () => restore(initial),
    snapshot,
    restore: (state: unknown) => restore(state as MockState),
  };
  const engine = new Engine({
    spec,
    validators,
    dialect,
    world: mode === 'stateful' ? world : undefined,
    latency: settings.latency,
    faults: settings.faults,
    bodyLimit: settings.bodyLimit ?? DEFAULT_BODY_LIMIT,
    randomSeed: settings.randomSeed ?? Date.now(),
    cors: settings.cors ?? true,
    acceptAnyToken: settings.acceptAnyToken ?? false,
    admin: adminPath ? { path: adminPath, controls } : undefined,
    recorded:
      settings.fixtures === undefined
        ? undefined
        : recordedAnswers(
            typeof settings.fixtures === 'string'
              ? loadFixtures(settings.fixtures)
              : settings.fixtures,
          ),
  });

  return {
    engine,
    spec,
    store,
    handle: (request) => engine.handle(request),
    mode,
    reset: controls.reset,
    snapshot,
    restore,
    stateFile: settings.stateFile,
    saveState(file) {
      const target = file ?? settings.stateFile;
      if (!target) throw new Error('saveState needs a file: pass one or set the stateFile option');
      fs().writeFileSync(target, `${JSON.stringify(snapshot(), null, 2)}\n`);
    },
  };
}
