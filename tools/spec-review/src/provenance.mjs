// @ts-check
/**
 * Fidelity of a bundled description: for each operation, which of the facts it states are
 * documented and which are assumed, read from the provenance vocabulary of spec/README.md
 * (`x-sources`, `x-assumed`).
 *
 * A fact is one of these, as the operation states it (a shared component counts once for
 * every operation that uses it):
 * - `status`: a declared response status (each key of `responses` except `default`);
 * - `header`: a response header;
 * - `parameter`: a parameter of the operation or of its path item;
 * - `member`: a named member of a parameter's, the request body's or a response body's
 *   schema, at any depth (through `$ref`, `allOf`/`oneOf`/`anyOf` and array `items`);
 * - `example`: an example of a parameter, of the request body or of a success response;
 * - `error message`: an example of an error response (status 4xx or 5xx).
 *
 * A fact is **assumed** when `x-assumed` sits on it or on anything on the way to it from the
 * operation (the operation, the parameter, the request body, the media type, an enclosing
 * schema), references followed: a body an operation borrows is assumed for that operation
 * even when the schema it borrows is documented elsewhere. Two exceptions: `x-assumed` on a
 * Response speaks of its status only, and an example that carries its own `x-sources` or
 * `x-assumed` is judged by that alone.
 * A fact that is not assumed is **documented** when a page is named for it: `x-sources` on
 * the operation or on anything on the way to it. Otherwise it is **unsourced**.
 */
import { deref, listOperations } from './openapi.mjs';

/**
 * @typedef {'status' | 'header' | 'parameter' | 'member' | 'example' | 'error message'} FactKind
 * @typedef {'documented' | 'assumed' | 'unsourced'} Standing
 * @typedef {{ assumed: boolean, sourced: boolean }} Marks what the way to a node carries
 * @typedef {{ kind: FactKind, name: string, standing: Standing }} Fact
 * @typedef {Record<Standing, number>} Tally
 * @typedef {{ method: string, path: string, operationId: string | null, sources: string[],
 *   byKind: Record<FactKind, Tally>, assumedFacts: string[] } & Tally} OperationFidelity
 */

/** @type {FactKind[]} */
export const FACT_KINDS = ['status', 'header', 'parameter', 'member', 'example', 'error message'];

/** @param {unknown} node */
const assumedOn = (node) => typeof node === 'object' && node !== null && 'x-assumed' in node;
/** @param {unknown} node */
const sourcedOn = (node) => typeof node === 'object' && node !== null && 'x-sources' in node;

/** @param {Marks} a @param {Marks} b @returns {Marks} */
const merge = (a, b) => ({ assumed: a.assumed || b.assumed, sourced: a.sourced || b.sourced });

/** @param {unknown} node @returns {Marks} */
const marksOf = (node) => ({ assumed: assumedOn(node), sourced: sourcedOn(node) });

/** No mark yet. */
const NONE = { assumed: false, sourced: false };

/**
 * The marks of the way after passing the given nodes.
 * @param {Marks} marks
 * @param {...unknown} nodes
 */
const pass = (marks, ...nodes) => nodes.map(marksOf).reduce(merge, marks);

/** @param {Marks} marks @returns {Standing} */
const standing = (marks) =>
  marks.assumed ? 'assumed' : marks.sourced ? 'documented' : 'unsourced';

/**
 * The named members of a schema, by dotted path (`data.attributes.name`, `items[].id`), with
 * the marks of the way to each. A member found more than once (in several `allOf` members,
 * say) is assumed when any of its occurrences is.
 * @param {any} doc
 * @param {any} schema
 * @param {Marks} marks the marks of the way to the schema
 * @returns {Map<string, Marks>}
 */
export function schemaMembers(doc, schema, marks) {
  /** @type {Map<string, Marks>} */
  const found = new Map();
  /**
   * @param {any} raw
   * @param {string} prefix
   * @param {Marks} way
   * @param {Set<any>} chain schemas on the way here, against cycles
   */
  const walk = (raw, prefix, way, chain) => {
    const node = deref(doc, raw);
    if (!node || typeof node !== 'object' || chain.has(node)) return;
    const here = pass(way, raw, node);
    const next = new Set(chain).add(node);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      const childMarks = pass(here, child, deref(doc, child));
      const before = found.get(path);
      found.set(path, before ? merge(before, childMarks) : childMarks);
      walk(child, path, childMarks, next);
    }
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      for (const member of node[key] ?? []) walk(member, prefix, here, next);
    }
    if (node.items && typeof node.items === 'object') walk(node.items, `${prefix}[]`, here, next);
  };
  walk(schema, '', marks, new Set());
  return found;
}

/**
 * Example facts of a media type or parameter: each Example Object, and a bare `example`.
 * An Example Object with a marker of its own is judged by it alone.
 * @param {any} doc
 * @param {any} holder media type or parameter
 * @param {Marks} marks the marks of the way to the holder
 * @returns {Array<{ name: string, standing: Standing }>}
 */
function exampleFacts(doc, holder, marks) {
  const out = [];
  if (holder.example !== undefined) out.push({ name: 'example', standing: standing(marks) });
  for (const [key, raw] of Object.entries(holder.examples ?? {})) {
    const example = deref(doc, raw);
    const own = assumedOn(example) || sourcedOn(example);
    const judged = own ? marksOf(example) : marks;
    out.push({ name: `example ${key}`, standing: standing(judged) });
  }
  return out;
}

/**
 * Every fact one operation states.
 * @param {any} doc bundled OpenAPI document
 * @param {{ operation: any, pathItem: any }} entry
 * @returns {Fact[]}
 */
export function operationFacts(doc, { operation, pathItem }) {
  /** @type {Fact[]} */
  const facts = [];
  const onOperation = marksOf(operation);
  /** @param {FactKind} kind @param {string} name @param {Standing} s */
  const add = (kind, name, s) => facts.push({ kind, name, standing: s });
  /** @param {string} prefix @param {any} schema @param {Marks} marks */
  const addMembers = (prefix, schema, marks) => {
    for (const [member, m] of schemaMembers(doc, schema, marks)) {
      add('member', `${prefix}${member}`, standing(m));
    }
  };

  /** @type {Map<string, any>} */
  const parameters = new Map();
  for (const raw of [...(pathItem?.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = deref(doc, raw);
    parameters.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  for (const [name, parameter] of parameters) {
    const marks = pass(onOperation, parameter);
    add('parameter', name, standing(marks));
    addMembers(`${name}.`, parameter.schema, marks);
    for (const e of exampleFacts(doc, parameter, marks))
      add('example', `${name} ${e.name}`, e.standing);
  }

  const body = deref(doc, operation.requestBody);
  for (const [type, media] of Object.entries(body?.content ?? {})) {
    const marks = pass(onOperation, body, media);
    addMembers(`request ${type} `, /** @type {any} */ (media).schema, marks);
    for (const e of exampleFacts(doc, media, marks)) {
      add('example', `request ${type} ${e.name}`, e.standing);
    }
  }

  for (const [code, raw] of Object.entries(operation.responses ?? {})) {
    if (code === 'default') continue;
    const response = deref(doc, raw);
    add('status', code, standing(pass(onOperation, response)));
    // The response's x-assumed is about its status; its x-sources name pages for all of it.
    const way = merge(onOperation, { ...NONE, sourced: sourcedOn(response) });
    for (const [name, header] of Object.entries(response?.headers ?? {})) {
      add('header', `${code} ${name}`, standing(pass(way, deref(doc, header))));
    }
    const kind = /^[45]/.test(code) ? 'error message' : 'example';
    for (const [type, media] of Object.entries(response?.content ?? {})) {
      const marks = pass(way, media);
      addMembers(`${code} ${type} `, /** @type {any} */ (media).schema, marks);
      for (const e of exampleFacts(doc, media, marks)) {
        add(kind, `${code} ${type} ${e.name}`, e.standing);
      }
    }
  }
  return facts;
}

/** @returns {Tally} */
const emptyTally = () => ({ documented: 0, assumed: 0, unsourced: 0 });

/** @returns {Record<FactKind, Tally>} */
const emptyByKind = () =>
  /** @type {Record<FactKind, Tally>} */ (
    Object.fromEntries(FACT_KINDS.map((k) => [k, emptyTally()]))
  );

/**
 * Fidelity of every operation of a bundled description, and the totals.
 * @param {any} doc bundled OpenAPI document
 */
export function computeFidelity(doc) {
  /** @type {OperationFidelity[]} */
  const operations = listOperations(doc).map((entry) => {
    const facts = operationFacts(doc, entry);
    const byKind = emptyByKind();
    const tally = emptyTally();
    for (const f of facts) {
      byKind[f.kind][f.standing]++;
      tally[f.standing]++;
    }
    const sources = entry.operation['x-sources'];
    return {
      method: entry.method.toUpperCase(),
      path: entry.path,
      operationId: entry.operation.operationId ?? null,
      sources: Array.isArray(sources) ? sources.filter((s) => typeof s === 'string') : [],
      ...tally,
      byKind,
      assumedFacts: facts
        .filter((f) => f.standing === 'assumed')
        .map((f) => `${f.kind}: ${f.name}`),
    };
  });
  const byKind = emptyByKind();
  const tally = emptyTally();
  for (const o of operations) {
    for (const k of FACT_KINDS) {
      for (const s of /** @type {Standing[]} */ (['documented', 'assumed', 'unsourced'])) {
        byKind[k][s] += o.byKind[k][s];
        tally[s] += o.byKind[k][s];
      }
    }
  }
  const all = tally.documented + tally.assumed + tally.unsourced;
  return {
    operations,
    totals: {
      operations: operations.length,
      withSources: operations.filter((o) => o.sources.length > 0).length,
      facts: all,
      ...tally,
      /** Share of documented facts, in percent with one decimal (rounded down). */
      percentDocumented: all === 0 ? 100 : Math.floor((tally.documented / all) * 1000) / 10,
      byKind,
    },
  };
}
