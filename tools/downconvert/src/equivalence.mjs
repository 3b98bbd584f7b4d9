// @ts-check
/**
 * Do a 3.1 description and its 3.0 variant accept and refuse the same values?
 *
 * Every example of the 3.1 document (Media Type, Parameter and Header examples, and the
 * `examples` of every schema) is validated with the schema it illustrates, together with
 * values derived from it by small mutations (a member removed or added, a value of another
 * type, null), in both documents: the 3.1 one with Ajv's JSON Schema 2020-12 validator, the
 * 3.0 one with Ajv's draft-04 validator after the OpenAPI 3.0 → JSON Schema mapping of
 * @openapi-contrib/openapi-schema-to-json-schema. A different verdict is explained only by a
 * loss the conversion reported, in the direction that loss goes, inside the schemas the
 * value was checked against.
 */
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { escapePointer } from './schema.mjs';
import { walkDocument } from './walk.mjs';

/** @typedef {import('./schema.mjs').Loss} Loss */
/**
 * @typedef {{ where: string, schema: string, value: unknown, mutation: string,
 *   accepts31: boolean, accepts30: boolean, loss?: Loss }} Mismatch
 * @typedef {{ examples: number, values: number, refusedBy31: number, skipped: string[],
 *   explained: Mismatch[], unexplained: Mismatch[] }} EquivalenceReport
 */

// CommonJS packages seen through ESM interop.
const addFormats = /** @type {typeof addFormatsModule.default} */ (
  /** @type {any} */ (addFormatsModule).default ?? addFormatsModule
);
const AjvDraft04 = /** @type {typeof AjvDraft04Module.default} */ (
  /** @type {any} */ (AjvDraft04Module).default ?? AjvDraft04Module
);

/** Keywords beneath which a schema holds subschemas, by shape. */
const MAPS = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SINGLES = [
  'items',
  'not',
  'additionalProperties',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
];

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {Record<string, any>} doc
 * @param {string} pointer
 */
function at(doc, pointer) {
  return pointer
    .slice(2)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, key) => (node == null ? undefined : node[key]), /** @type {any} */ (doc));
}

/**
 * Every schema node beneath a schema, with its pointer.
 * @param {unknown} schema
 * @param {string} pointer
 * @returns {Generator<{ node: Record<string, any>, pointer: string }>}
 */
function* schemaNodes(schema, pointer) {
  if (!isObject(schema)) return;
  yield { node: schema, pointer };
  for (const key of MAPS) {
    if (isObject(schema[key])) {
      for (const [name, sub] of Object.entries(schema[key])) {
        yield* schemaNodes(sub, `${pointer}/${key}/${escapePointer(name)}`);
      }
    }
  }
  for (const key of LISTS) {
    if (Array.isArray(schema[key])) {
      for (const [i, sub] of schema[key].entries())
        yield* schemaNodes(sub, `${pointer}/${key}/${i}`);
    }
  }
  for (const key of SINGLES) yield* schemaNodes(schema[key], `${pointer}/${key}`);
}

/**
 * Every example of a document with the pointer of the schema it illustrates.
 * @param {Record<string, any>} doc
 * @returns {{ where: string, schema: string, value: unknown }[]}
 */
export function collectExamples(doc) {
  /** @type {{ where: string, schema: string, value: unknown }[]} */
  const out = [];
  /** @param {unknown} example */
  const resolve = (example) =>
    isObject(example) && typeof example.$ref === 'string' ? at(doc, example.$ref) : example;
  walkDocument(doc, {
    exampleHolder(node, pointer) {
      if (node.schema === undefined) return;
      const schema = `${pointer}/schema`;
      if ('example' in node) out.push({ where: `${pointer}/example`, schema, value: node.example });
      if (isObject(node.examples)) {
        for (const [name, example] of Object.entries(node.examples)) {
          const resolved = resolve(example);
          if (isObject(resolved) && 'value' in resolved) {
            out.push({
              where: `${pointer}/examples/${escapePointer(name)}`,
              schema,
              value: resolved.value,
            });
          }
        }
      }
    },
    schema(owner, key, pointer) {
      for (const { node, pointer: p } of schemaNodes(owner[key], pointer)) {
        if (Array.isArray(node.examples)) {
          node.examples.forEach((value, i) => {
            out.push({ where: `${p}/examples/${i}`, schema: p, value });
          });
        }
        if ('example' in node) out.push({ where: `${p}/example`, schema: p, value: node.example });
      }
    },
  });
  return out;
}

/**
 * Values derived from an example, each a small step away from it, in a fixed order. At most
 * `limit` are returned, spread evenly over the whole list.
 * @param {unknown} value
 * @param {number} limit
 * @returns {{ mutation: string, value: unknown }[]}
 */
export function mutations(value, limit) {
  /** @type {{ mutation: string, value: unknown }[]} */
  const out = [];
  /**
   * @param {unknown} node
   * @param {string} path
   * @param {(replacement: unknown) => unknown} replace rebuilds the whole value with `node` replaced
   */
  const visit = (node, path, replace) => {
    const where = path || '/';
    for (const other of alternatives(node)) {
      out.push({ mutation: `${where} → ${JSON.stringify(other)}`, value: replace(other) });
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${path}/${i}`, (r) => replace(node.map((x, j) => (j === i ? r : x))));
      });
    } else if (isObject(node)) {
      out.push({
        mutation: `${where} + member __unexpected__`,
        value: replace({ ...node, __unexpected__: true }),
      });
      for (const key of Object.keys(node)) {
        const { [key]: _removed, ...rest } = node;
        out.push({ mutation: `${where} − member ${key}`, value: replace(rest) });
        visit(node[key], `${path}/${escapePointer(key)}`, (r) => replace({ ...node, [key]: r }));
      }
    }
  };
  visit(value, '', (r) => r);
  if (out.length <= limit) return out;
  const step = out.length / limit;
  return Array.from(
    { length: limit },
    (_, i) => /** @type {(typeof out)[number]} */ (out[Math.floor(i * step)]),
  );
}

/**
 * Values of another kind than `node`, or near it: what a mistaken sender would send.
 * @param {unknown} node
 * @returns {unknown[]}
 */
function alternatives(node) {
  if (node === null) return [0, 'null'];
  if (Array.isArray(node)) return [null, {}, []];
  if (isObject(node)) return [null, [], 'object'];
  if (typeof node === 'string') return [null, 1, `${node}!`, ''];
  if (typeof node === 'number') return [null, String(node), node + 0.5, -1];
  return [null, String(node)];
}

/**
 * The places a check of `pointer` reads: the subtree there and, through `$ref`s, the subtrees
 * it references, transitively.
 * @param {Record<string, any>} doc
 * @param {string} pointer
 */
function reachable(doc, pointer) {
  const seen = new Set([pointer]);
  const queue = [pointer];
  while (queue.length > 0) {
    const current = /** @type {string} */ (queue.pop());
    const stack = [at(doc, current)];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) stack.push(...node);
      else if (isObject(node)) {
        if (typeof node.$ref === 'string' && node.$ref.startsWith('#') && !seen.has(node.$ref)) {
          seen.add(node.$ref);
          queue.push(node.$ref);
        }
        stack.push(...Object.values(node));
      }
    }
  }
  return [...seen];
}

/**
 * The 3.0 document as JSON Schema: every schema location mapped by openapi-schema-to-json-schema
 * and kept at its pointer, and nothing else. (Draft-04 reads any `id` member as a schema
 * identifier, so example data and extensions must not come along.)
 * @param {Record<string, any>} doc30
 */
function asJsonSchemaDocument(doc30) {
  /** @type {Record<string, any>} */
  const mapped = {};
  walkDocument(doc30, {
    schema(owner, key, pointer) {
      const { $schema: _dialect, ...schema } = fromSchema(owner[key], {
        cloneSchema: true,
        afterTransform: (node) =>
          /** @type {any} the library's node types differ between its input and its output */ (
            Object.fromEntries(Object.entries(node).filter(([k]) => !k.startsWith('x-')))
          ),
      });
      const segments = pointer
        .slice(2)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
      const last = /** @type {string} */ (segments.pop());
      let node = mapped;
      for (const segment of segments) node = node[segment] ??= {};
      node[last] = schema;
    },
  });
  return mapped;
}

/**
 * @param {Record<string, any>} doc31 the 3.1 description
 * @param {Record<string, any>} doc30 its 3.0 variant
 * @param {Loss[]} losses what the conversion reported
 * @param {{ mutationsPerExample?: number }} [options]
 * @returns {EquivalenceReport}
 */
export function checkEquivalence(doc31, doc30, losses, options = {}) {
  const limit = options.mutationsPerExample ?? 40;
  const ajv31 = new Ajv2020({ strict: false, validateSchema: false, logger: false });
  addFormats(ajv31);
  ajv31.addSchema(doc31, 'oas31.json');
  const ajv30 = new AjvDraft04({ strict: false, validateSchema: false, logger: false });
  addFormats(ajv30);
  ajv30.addSchema(asJsonSchemaDocument(doc30), 'oas30.json');

  /** @type {EquivalenceReport} */
  const report = {
    examples: 0,
    values: 0,
    refusedBy31: 0,
    skipped: [],
    explained: [],
    unexplained: [],
  };
  /** @type {Map<string, { v31: import('ajv').ValidateFunction, v30: import('ajv').ValidateFunction, reach: string[] } | null>} */
  const compiled = new Map();

  for (const example of collectExamples(doc31)) {
    if (!compiled.has(example.schema)) {
      compiled.set(
        example.schema,
        at(doc30, example.schema) === undefined
          ? null
          : {
              v31: ajv31.compile({ $ref: `oas31.json${example.schema}` }),
              v30: ajv30.compile({ $ref: `oas30.json${example.schema}` }),
              reach: reachable(doc31, example.schema),
            },
      );
    }
    const check = compiled.get(example.schema);
    if (!check) {
      // The schema sat beneath a keyword 3.0 has no place for: the conversion reported it.
      report.skipped.push(example.where);
      continue;
    }
    report.examples += 1;
    for (const { mutation, value } of [
      { mutation: 'as documented', value: example.value },
      ...mutations(example.value, limit),
    ]) {
      report.values += 1;
      const accepts31 = Boolean(check.v31(value));
      const accepts30 = Boolean(check.v30(value));
      if (!accepts31) report.refusedBy31 += 1;
      if (accepts31 === accepts30) continue;
      const effects = accepts30 ? ['widens', 'changes'] : ['narrows', 'changes'];
      const loss = losses.find(
        (l) =>
          effects.includes(l.effect) &&
          check.reach.some((root) => l.pointer === root || l.pointer.startsWith(`${root}/`)),
      );
      const mismatch = {
        where: example.where,
        schema: example.schema,
        value,
        mutation,
        accepts31,
        accepts30,
      };
      if (loss) report.explained.push({ ...mismatch, loss });
      else report.unexplained.push(mismatch);
    }
  }
  return report;
}
