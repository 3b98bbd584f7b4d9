/**
 * Builds a mock from a description, a dialect and plain options: the engine, the world
 * and the controls of its state (reset, snapshots, state files).
 */
import { type Fixture, readReport } from '@proseapi/conformance';
import {
  buildSpecModel,
  compactDocument,
  isObject,
  type JsonObject,
  type SpecModel,
} from '@proseapi/openapi-model';
import { genericDialect, genericWorld } from './dialects/generic/index.js';
import type { AdminControls } from './engine/admin.js';
import type { Dialect } from './engine/dialect.js';
import { Engine, type FaultOptions, type LatencyRange } from './engine/engine.js';
import { DEFAULT_VALUE_LIMITS, type ValueLimits } from './engine/limits.js';
import { recordedAnswers } from './engine/recorded.js';
import type { RawHandler, RawResponse } from './engine/request.js';
import {
  hashSpec,
  type ResourceSchemaOf,
  type ValidateFn,
  type Validators,
} from './engine/validation.js';
import type { World } from './engine/world.js';
import { DurableState, writeStateFile } from './persist/durable.js';
import { nodeFs, readJsonFile } from './persist/files.js';
import { plainJson } from './state/representation.js';
import { type PreparedStart, startTables } from './state/start.js';
import { Store, type StoredTables, type StoreLimits } from './state/store.js';
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
  /** By key; a member may be a getter that loads its code when first read (a split build). */
  validators: Record<string, ValidateFn | undefined>;
  /**
   * The very document object they were compiled from, when the package holds it (the copy
   * its build wrote beside them): a description that is this object is taken without
   * computing its fingerprint. Any other is compared by `specHash`.
   */
  doc?: object;
  /**
   * The collections (by key) whose example records the build found to fit their schema,
   * with the layout of records the validators were compiled for.
   */
  fittingExamples?: readonly string[];
}

/**
 * The options every mock package takes and hands to the engine as they are; a package adds
 * its own (its description, its credentials) on top.
 */
export interface CommonMockOptions {
  /**
   * `stateful` (an in-memory world) or `stateless` (the description's examples and generated
   * data). The handler and the MSW handlers default to stateless, the server and the command
   * to stateful.
   */
  mode?: 'stateful' | 'stateless';
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
  /** Seed of the random choices (latency, faults, generated data), for repeatable runs. */
  randomSeed?: number;
  /** Answer CORS preflights and add `Access-Control-Allow-Origin: *` (default `true`). */
  cors?: boolean;
  /** Path prefix of the administration endpoints (`POST …/reset`, `GET|PUT …/state`), or `false`. */
  adminPath?: string | false;
  /**
   * The secret a request to the administration endpoints sends in `X-Mock-Admin-Secret`;
   * without one they are off.
   */
  adminSecret?: string;
  /** Most characters of JSON the records take, in all (default 128 MiB) and per tenant (32 MiB). */
  storeLimits?: { total?: number; tenant?: number };
  /** Clock of the world (the time records are created and updated at). */
  now?: () => Date;
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
  /**
   * What the world needs to know of the API (default: the generic one, plain JSON); or a
   * function that makes a world of the dialect's own over the mock's store, for an API
   * whose calls are not create, read, update and delete of the description's resources.
   */
  world?: WorldDialect | WorldFactory | undefined;
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
  /**
   * What the world's seed writes for this mode, prepared by a build (`prepareStart`) from
   * this very description and world: a start without `seed` or `stateFile` reads it instead
   * of seeding. The caller vouches that it matches.
   */
  start?: PreparedStart | undefined;
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
  /**
   * Where the administration endpoints answer (default `/__mock`); `false` turns them off.
   * They answer only with `adminSecret`.
   */
  adminPath?: string | false | undefined;
  /**
   * The secret a request to the administration endpoints sends in `X-Mock-Admin-Secret`.
   * Without one the endpoints are off.
   */
  adminSecret?: string | undefined;
  /** Bounds of request bodies and parameters, and of the records a state may hold. */
  valueLimits?: Partial<ValueLimits> | undefined;
  /** Most characters of JSON the stored records take, in all and per tenant. */
  storeLimits?: Partial<StoreLimits> | undefined;
  /**
   * Keep `stateFile` on disk as the world changes: a journal of every change, flushed
   * before the change is answered, replayed on the next start (see `close`).
   */
  journal?: boolean | undefined;
  now?: (() => Date) | undefined;
}

/**
 * A world a dialect makes itself. It keeps everything it knows as records of the store (so
 * that reset, snapshots and state files hold it; a record's `id` member names it), and
 * answers the requests it can.
 */
export interface OwnWorld extends World {
  /** Fills the cleared store; `stateful: false` asks only for the records that say who may call. */
  seed(stateful: boolean): void;
}

export type WorldFactory = (context: {
  spec: SpecModel;
  store: Store;
  now: () => Date;
}) => OwnWorld;

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
  /** Writes the snapshot as JSON to a file (default: `stateFile`), atomically. */
  saveState(file?: string): void;
  readonly stateFile: string | undefined;
  /** Writes the state file a last time (stateful, with `stateFile`) and closes the journal (with `journal`). */
  close(): void;
  /** An error answer in the API's format outside any operation (see `Engine.transportAnswer`). */
  errorAnswer(status: number): RawResponse;
}

/** The fixtures of a report file, or of every report (`*.json`) in a folder. */
export function loadFixtures(source: string): Fixture[] {
  let files: string[];
  try {
    files = nodeFs().statSync(source).isDirectory()
      ? nodeFs()
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
      value = JSON.parse(nodeFs().readFileSync(file, 'utf8'));
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

/** The fingerprints of a document, and of its compact copy once asked for. */
const hashes = new WeakMap<object, { whole: string; compact?: string }>();

/**
 * Whether validators compiled for `specHash` judge as `doc` says. A build may compile them
 * from the compact copy of its description (what it serves by default): the whole
 * description takes them too, as its schemas are the same.
 */
function compiledFrom(doc: JsonObject, specHash: string): boolean {
  let known = hashes.get(doc);
  if (!known) {
    known = { whole: hashSpec(doc) };
    hashes.set(doc, known);
  }
  if (known.whole === specHash) return true;
  known.compact ??= hashSpec(compactDocument(doc));
  return known.compact === specHash;
}

/** The build's validators when they were compiled from this description; else Ajv, loaded on first need. */
export function selectValidators(
  spec: SpecModel,
  precompiled: PrecompiledValidators | undefined,
  resourceSchemaOf: ResourceSchemaOf,
): Validators {
  if (
    precompiled &&
    (spec.doc === precompiled.doc || compiledFrom(spec.doc, precompiled.specHash))
  ) {
    // Each key is read from the build's module once, at its first use: a split module
    // loads the code of a path then. A map, because looking a made-up key up in an
    // object of a thousand members costs more.
    const { validators } = precompiled;
    const taken = new Map<string, ValidateFn | undefined>();
    const fitting = new Set(precompiled.fittingExamples);
    return {
      precompiled: true,
      examplesFit: (collection) => fitting.has(collection),
      get: (key) => {
        let fn = taken.get(key);
        if (fn === undefined && !taken.has(key)) {
          fn = Object.hasOwn(validators, key) ? validators[key] : undefined;
          taken.set(key, fn);
        }
        return fn;
      },
    };
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
  const own = typeof settings.world === 'function' ? settings.world : undefined;
  const worldDialect: WorldDialect =
    typeof settings.world === 'function' ? {} : (settings.world ?? genericWorld());
  const representation = worldDialect.representation ?? plainJson;
  const valueLimits = { ...DEFAULT_VALUE_LIMITS, ...settings.valueLimits };
  const store = new Store({
    idOf: (resource) => representation.idOf(resource),
    limits: settings.storeLimits,
    valueLimits,
  });
  const dialect =
    typeof settings.dialect === 'function'
      ? settings.dialect({ spec, store })
      : (settings.dialect ?? genericDialect(spec));
  const now = settings.now ?? (() => new Date());
  const validators = selectValidators(
    spec,
    settings.precompiled,
    (doc, schema) => representation.locate(doc as JsonObject, schema)?.schema,
  );
  const mode = settings.mode ?? 'stateless';
  const world: OwnWorld = own
    ? own({ spec, store, now })
    : new StatefulWorld({ ...worldDialect, spec, validators, store, now });
  const header = settings.stateFormat ?? { format: 'mock-state', version: 1 };

  const readState = (value: unknown, source: string): MockState => {
    if (!isObject(value) || !isObject(value.tables)) {
      throw new Error(`${source}: /tables: a mock state needs a "tables" object`);
    }
    if (settings.readState) return settings.readState(value, source);
    return value as unknown as MockState;
  };
  const snapshot = (): MockState => ({ ...header, tables: store.export() });
  /** Checks the whole state first; the store is replaced only by a state that passes. */
  const load = (state: unknown, source: string) => {
    store.import(readState(state, source).tables, source);
  };

  const { stateFile } = settings;
  const fileExists = stateFile !== undefined && nodeFs().existsSync(stateFile);
  let prepared: PreparedStart | undefined;
  if (stateFile && fileExists) load(readJsonFile(stateFile), stateFile);
  else if (typeof settings.seed === 'string') load(readJsonFile(settings.seed), settings.seed);
  else if (settings.seed) load(settings.seed, 'The seed');
  else if (settings.start) prepared = settings.start;
  else world.seed(mode === 'stateful');
  // A prepared start is read again for a reset (with the same time); any other start state
  // is copied now (`export` copies every record), so that it stays as it is.
  let initial: () => MockState;
  if (prepared) {
    const from = prepared;
    const time = now();
    initial = () => ({ ...header, tables: startTables(from, time) });
    store.import(initial().tables, 'The start state', { owned: true });
  } else {
    const copied = snapshot();
    initial = () => copied;
  }

  let durable: DurableState | undefined;
  if (stateFile && settings.journal && mode === 'stateful') {
    durable = new DurableState(stateFile, store, header);
    durable.start();
  }
  const kept = durable;
  let closed = false;

  const adminPath = settings.adminPath ?? '/__mock';
  const controls: AdminControls = {
    reset: () => load(initial(), 'The start state'),
    snapshot,
    restore: (state: unknown) => load(state, 'The state'),
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
    admin:
      adminPath && settings.adminSecret
        ? { path: adminPath, secret: settings.adminSecret, controls }
        : undefined,
    limits: valueLimits,
    recorded:
      settings.fixtures === undefined
        ? undefined
        : recordedAnswers(
            typeof settings.fixtures === 'string'
              ? loadFixtures(settings.fixtures)
              : settings.fixtures,
          ),
  });

  const handle: RawHandler = kept
    ? async (request) => {
        const before = store.revision;
        const response = await engine.handle(request);
        if (store.revision === before) return response;
        // A change is answered only once it is on disk.
        try {
          await kept.sync();
        } catch {
          return engine.transportAnswer(500);
        }
        return response;
      }
    : (request) => engine.handle(request);

  return {
    engine,
    spec,
    store,
    handle,
    mode,
    reset: controls.reset,
    snapshot,
    restore: (state) => load(state, 'The state'),
    stateFile,
    saveState(file) {
      const target = file ?? stateFile;
      if (!target) throw new Error('saveState needs a file: pass one or set the stateFile option');
      if (durable && target === stateFile) durable.checkpoint();
      else writeStateFile(target, header, store);
    },
    close() {
      if (closed) return;
      closed = true;
      if (durable) durable.close();
      else if (stateFile && mode === 'stateful') writeStateFile(stateFile, header, store);
      durable = undefined;
    },
    errorAnswer: (status) => engine.transportAnswer(status),
  };
}
