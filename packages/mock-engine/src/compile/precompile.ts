/**
 * Build-time code generation: turns a bundled description into Ajv standalone validation
 * code (one CommonJS module and an ES module re-exporting it), so that a mock starts
 * without compiling a single schema.
 */
import {
  asciiEscaped,
  buildSpecModel,
  closedDocument,
  type JsonObject,
  leanDocument,
  leanSchema,
  type SpecModel,
} from '@proseapi/openapi-model';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv } from '../engine/ajv.js';
import {
  CLOSED_ID,
  collectClosedSchemas,
  collectSchemas,
  hashSpec,
  type ResourceSchemaOf,
} from '../engine/validation.js';
import { StateModel } from '../state/model.js';
import type { Representation } from '../state/representation.js';

type StandaloneCode = (ajv: unknown, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ??
  standaloneModule) as unknown as StandaloneCode;

export interface PrecompiledSources {
  /** CommonJS module exporting `specHash` and `validators` (key → validate function). */
  cjs: string;
  /** The same as an ES module (loading it skips the CommonJS export scan of a large file). */
  esm: string;
  /** How many validators the modules hold. */
  count: number;
  /**
   * The collections (by key) whose example records all fit their stored-record validator
   * (exported by every module as `fittingExamples`): a world seeds those as they are.
   */
  fittingExamples: string[];
  /**
   * The same validators for Node.js, split by path so that a process loads only the code
   * of the paths it serves: an index (CommonJS and ES module, with the same exports) whose
   * `validators` members load their part on first read, and the parts, as CommonJS
   * modules by file name, in the folder `partsDir` beside the index (see `writePrecompiled`).
   * Made when `partsDir` is given.
   */
  split?: { cjs: string; esm: string; parts: Map<string, string>; partsDir: string };
}

/** Where a split index finds its parts, relative to itself: asks for the split. */
export interface SplitOptions {
  partsDir?: string | undefined;
}

/** Where records sit in answers, read from a representation (for stored-record validators). */
export function resourceSchemaOf(representation: Representation): ResourceSchemaOf {
  return (doc, schema) => representation.locate(doc as JsonObject, schema)?.schema;
}

/** Ajv's standalone ES code still `require`s its run-time helpers: turn those into imports. */
function importsForRequires(code: string): string {
  const modules = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_match, module: string) => {
    let name = modules.get(module);
    if (!name) {
      name = `runtime${modules.size}`;
      modules.set(module, name);
    }
    return name;
  });
  // ES modules name files in full: a path into a package gets its `.js`.
  const specifier = (module: string) =>
    /^(@[^/]+\/)?[^/@.][^/]*\/.+/.test(module) && !/\.[cm]?js$|\.json$/.test(module)
      ? `${module}.js`
      : module;
  // What `require()` gave, whoever loads the module: Node hands a CommonJS module's exports
  // over as `default`, a bundler hands over its named exports.
  const lines = [
    'function commonJs(ns) { const d = ns.default; return d && typeof d === "object" && d.__esModule ? d : ns; }',
  ];
  for (const [module, name] of modules) {
    lines.unshift(`import * as ${name}Module from ${JSON.stringify(specifier(module))};`);
    lines.push(`const ${name} = commonJs(${name}Module);`);
  }
  return [...lines, body].join('\n');
}

/** Validators compiled into one Ajv instance, and the function name of each key. */
type Compiled = { names: Record<string, string>; ajv: ReturnType<typeof createAjv> };

function standalone(
  doc: JsonObject,
  schemas: Map<string, unknown>,
  esm: boolean,
  closed: JsonObject | undefined,
): { code: string; names: Record<string, string>; ajv: ReturnType<typeof createAjv> } {
  const ajv = createAjv(doc, { source: true, esm });
  if (closed) ajv.addSchema({ ...closed, $id: CLOSED_ID }, CLOSED_ID);
  const refs: Record<string, string> = {};
  const names: Record<string, string> = {};
  // Many keys share one schema (the same error answer on every operation …): one function each.
  const byText = new Map<string, string>();
  for (const [key, schema] of schemas) {
    const text = JSON.stringify(schema);
    let name = byText.get(text);
    if (!name) {
      name = `v${byText.size}`;
      byText.set(text, name);
      ajv.addSchema(schema as object, `${name}.json`);
      refs[name] = `${name}.json`;
    }
    names[key] = name;
  }
  return { code: standaloneCode(ajv, refs), names, ajv };
}

/**
 * The validators grouped by the path of their operation (a key is `<kind> <METHOD> <path> …`,
 * see `engine/validation.ts`), the stored-record ones apart; each group as standalone code
 * of its own with the functions it needs, and an index module whose `validators` load a
 * group the first time one of its members is read.
 */
function splitByPath(
  compiled: Compiled,
  hash: string,
  fitting: string,
  partsDir: string,
): NonNullable<PrecompiledSources['split']> {
  // The stored-record validators (`I`) form one group of their own (a path starts with
  // `/`): a stateful world checks its records when it is seeded, before it serves a path.
  const groupOf = (key: string) => (key.startsWith('I ') ? 'I' : (key.split(' ')[2] ?? ''));
  const groups = new Map<string, Set<string>>();
  for (const [key, name] of Object.entries(compiled.names)) {
    const group = groupOf(key);
    let names = groups.get(group);
    if (!names) {
      names = new Set();
      groups.set(group, names);
    }
    names.add(name);
  }
  const parts = new Map<string, string>();
  const partOf = new Map<string, number>();
  for (const [group, names] of groups) {
    const refs = Object.fromEntries([...names].map((name) => [name, `${name}.json`]));
    parts.set(`p${parts.size}.cjs`, asciiEscaped(`${standaloneCode(compiled.ajv, refs)}\n`));
    partOf.set(group, parts.size - 1);
  }
  const index: Record<string, [number, string]> = {};
  for (const [key, name] of Object.entries(compiled.names)) {
    index[key] = [partOf.get(groupOf(key)) as number, name];
  }
  // The index is a JSON text (parsed faster than the same object literal), read through a
  // proxy: a module that defined a getter per key cost a process milliseconds at start-up.
  const body = (exported: (name: string, value: string) => string) =>
    asciiEscaped(
      [
        'const loaded = [];',
        `const part = (i) => (loaded[i] ??= require(${JSON.stringify(`./${partsDir}/p`)} + i + ".cjs"));`,
        `const index = JSON.parse(${JSON.stringify(JSON.stringify(index))});`,
        'const has = (key) => typeof key === "string" && Object.hasOwn(index, key);',
        'const load = (key) => part(index[key][0])[index[key][1]];',
        'const validators = new Proxy({}, {',
        '  get: (_, key) => (has(key) ? load(key) : undefined),',
        '  has: (_, key) => has(key),',
        '  ownKeys: () => Object.keys(index),',
        '  getOwnPropertyDescriptor: (_, key) =>',
        '    has(key) ? { value: load(key), writable: false, enumerable: true, configurable: true } : undefined,',
        '});',
        exported('validators', 'validators'),
        exported('specHash', hash),
        exported('fittingExamples', fitting),
        '',
      ].join('\n'),
    );
  return {
    cjs: `"use strict";\n${body((name, value) => `exports.${name} = ${value};`)}`,
    esm: `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n${body(
      (name, value) =>
        name === value ? `export { ${name} };` : `export const ${name} = ${value};`,
    )}`,
    parts,
    partsDir,
  };
}

/**
 * The collections whose example records (the ones a world seeds) all pass the collection's
 * stored-record validator, checked with the validators just compiled.
 */
function fittingExamples(
  model: SpecModel,
  representation: Representation | undefined,
  compiled: Compiled,
): string[] {
  if (!representation) return [];
  const fitting: string[] = [];
  for (const collection of new StateModel(model, representation).collections.values()) {
    const name = collection.resourceKey ? compiled.names[collection.resourceKey] : undefined;
    if (!name || collection.examples.length === 0) continue;
    const validate = compiled.ajv.getSchema(`${name}.json`);
    if (validate && collection.examples.every((example) => validate(example) === true)) {
      fitting.push(collection.key);
    }
  }
  return fitting.sort();
}

export function precompileValidators(
  doc: JsonObject,
  options: {
    representation?: Representation;
    /**
     * Also compile, for each response media type where it finds them exactly, a validator
     * of its schema closed to undeclared members (`closedKey`): an answer that passes both
     * needs no walk for undeclared members. For recorders and proxies.
     */
    closed?: boolean;
  } & SplitOptions = {},
): PrecompiledSources {
  const model = buildSpecModel(doc);
  // The code holds only what validates: no schema's texts or examples (a smaller module
  // loads faster). The hash is still the whole description's.
  const schemas = new Map<string, unknown>();
  const collected = collectSchemas(
    model,
    options.representation ? resourceSchemaOf(options.representation) : undefined,
  );
  for (const [key, schema] of collected) schemas.set(key, leanSchema(schema));
  const closed = options.closed ? leanDocument(closedDocument(doc)) : undefined;
  if (closed) {
    for (const [key, schema] of collectClosedSchemas(model, closed)) {
      schemas.set(key, leanSchema(schema));
    }
  }
  const lean = leanDocument(doc);
  const hash = JSON.stringify(hashSpec(doc));
  const table = (names: Record<string, string>, prefix: string) =>
    `{${Object.entries(names)
      .map(([key, name]) => `${JSON.stringify(key)}: ${prefix}${name}`)
      .join(',')}}`;
  const cjs = standalone(lean, schemas, false, closed);
  const esm = standalone(lean, schemas, true, closed);
  if (/\brequire\(/.test(importsForRequires(esm.code))) {
    throw new Error('The ES module of the validators still calls require()');
  }
  const fitting = fittingExamples(model, options.representation, cjs);
  const fittingText = JSON.stringify(fitting);
  return {
    cjs: asciiEscaped(
      [
        cjs.code,
        `exports.validators = ${table(cjs.names, 'exports.')};`,
        `exports.specHash = ${hash};`,
        `exports.fittingExamples = ${fittingText};`,
        '',
      ].join('\n'),
    ),
    esm: asciiEscaped(
      [
        importsForRequires(esm.code),
        `export const validators = ${table(esm.names, '')};`,
        `export const specHash = ${hash};`,
        `export const fittingExamples = ${fittingText};`,
        '',
      ].join('\n'),
    ),
    count: schemas.size,
    fittingExamples: fitting,
    ...(options.partsDir ? { split: splitByPath(cjs, hash, fittingText, options.partsDir) } : {}),
  };
}
