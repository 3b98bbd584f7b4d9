// @ts-check
/**
 * One JSON Schema 2020-12 object (an OpenAPI 3.1 Schema Object) to an OpenAPI 3.0 Schema Object.
 *
 * Every rewrite that keeps the meaning is exact; every keyword 3.0 cannot express is
 * dropped and reported as a loss with its JSON pointer and its effect on what the schema
 * accepts. Data (enum, default, example values) is never walked or rewritten.
 */

/**
 * @typedef {'widens' | 'narrows' | 'changes' | 'annotation'} Effect
 *   what the 3.0 schema accepts compared with the 3.1 one: more, less, different, or the same
 *   (only documentation or tooling hints are gone)
 * @typedef {{ pointer: string, keyword: string, effect: Effect, note: string }} Loss
 * @typedef {'positive' | 'negative' | 'mixed'} Polarity
 *   how a change inside this schema shows at the root: as is, inverted (under `not`), or
 *   either way (under `oneOf`, where widening one branch can make two match)
 */

/** Keywords of an OpenAPI 3.0 Schema Object. */
export const OAS30_KEYWORDS = new Set([
  '$ref',
  'title',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'type',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'items',
  'properties',
  'additionalProperties',
  'description',
  'format',
  'default',
  'nullable',
  'discriminator',
  'readOnly',
  'writeOnly',
  'xml',
  'externalDocs',
  'example',
  'deprecated',
]);

/** Keywords beside a `$ref` that only document: 3.0 readers ignore them, nothing else changes. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'summary',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'example',
  'examples',
  '$comment',
]);

/** 2020-12 assertions and applicators with no 3.0 counterpart, dropped: the schema accepts more. */
const DROPPED_CONSTRAINTS = {
  patternProperties: 'property names matching a pattern are no longer checked',
  propertyNames: 'property names are no longer checked',
  unevaluatedProperties: 'properties no subschema evaluated are no longer checked',
  unevaluatedItems: 'items no subschema evaluated are no longer checked',
  prefixItems: 'the leading items are no longer checked one by one',
  contains: 'no item has to match the `contains` schema any more',
  minContains: 'the least number of matching items is no longer checked',
  maxContains: 'the largest number of matching items is no longer checked',
  if: 'the conditional (`if`/`then`/`else`) is no longer applied',
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, in a plain lookup table
  then: 'the conditional (`if`/`then`/`else`) is no longer applied',
  else: 'the conditional (`if`/`then`/`else`) is no longer applied',
  dependentRequired: 'properties required by the presence of another are no longer required',
  dependentSchemas: 'schemas applied by the presence of a property are no longer applied',
};

/** Keywords that change how references resolve: no 3.0 form, and dropping them breaks `$ref`s. */
const UNSUPPORTED = {
  $defs: 'move these definitions to #/components/schemas and point the $refs there',
  $dynamicRef: '3.0 has no dynamic references',
  $recursiveRef: '3.0 has no recursive references',
};

/** Subschema-holding keywords that 3.0 keeps, and how to reach their subschemas. */
const SUBSCHEMA_MAPS = ['properties'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SUBSCHEMA_SINGLES = ['items', 'not', 'additionalProperties'];

/** @param {string} segment */
export function escapePointer(segment) {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(/** @type {object} */ (a));
  const kb = Object.keys(/** @type {object} */ (b));
  if (ka.length !== kb.length) return false;
  const ra = /** @type {Record<string, unknown>} */ (a);
  const rb = /** @type {Record<string, unknown>} */ (b);
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]));
}

/**
 * The effect of dropping a constraint at a place of the given polarity.
 * @param {Polarity} polarity
 * @returns {Effect}
 */
function droppedConstraintEffect(polarity) {
  if (polarity === 'negative') return 'narrows';
  if (polarity === 'mixed') return 'changes';
  return 'widens';
}

/** An error in the 3.1 input that names where it is. */
export class DownconvertError extends Error {
  /** @param {string} pointer @param {string} message */
  constructor(pointer, message) {
    super(`${pointer}: ${message}`);
    this.name = 'DownconvertError';
    this.pointer = pointer;
  }
}

/**
 * Converts one schema and everything beneath it.
 * @param {unknown} schema an OpenAPI 3.1 Schema Object (or a boolean schema)
 * @param {string} pointer its JSON pointer in the document, for losses and errors
 * @param {Loss[]} losses collects what is lost
 * @param {Polarity} [polarity]
 * @returns {Record<string, any>}
 */
export function convertSchema(schema, pointer, losses, polarity = 'positive') {
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  if (!isObject(schema)) {
    throw new DownconvertError(
      pointer,
      `a schema must be an object or a boolean, found ${JSON.stringify(schema)}`,
    );
  }
  /** @type {Record<string, any>} */
  const node = { ...schema };
  /** @param {string} keyword @param {Effect} effect @param {string} note */
  const lose = (keyword, effect, note) =>
    losses.push({ pointer: `${pointer}/${escapePointer(keyword)}`, keyword, effect, note });

  for (const [keyword, why] of Object.entries(UNSUPPORTED)) {
    if (keyword in node) {
      throw new DownconvertError(
        `${pointer}/${keyword}`,
        `\`${keyword}\` cannot be expressed in OpenAPI 3.0: ${why}`,
      );
    }
  }

  convertRefSiblings(node, lose);
  convertType(node);
  convertConst(node);
  convertExclusiveBound(node, 'exclusiveMinimum', 'minimum', (bound, limit) => bound > limit);
  convertExclusiveBound(node, 'exclusiveMaximum', 'maximum', (bound, limit) => bound < limit);
  convertExamples(node, lose);
  convertContent(node, lose);
  dropConstraints(node, polarity, lose);

  for (const keyword of Object.keys(node)) {
    if (!OAS30_KEYWORDS.has(keyword) && !keyword.startsWith('x-')) {
      lose(
        keyword,
        'annotation',
        `\`${keyword}\` is not an OpenAPI 3.0 keyword and no JSON Schema 2020-12 assertion`,
      );
      delete node[keyword];
    }
  }

  for (const keyword of SUBSCHEMA_MAPS) {
    if (isObject(node[keyword])) {
      node[keyword] = Object.fromEntries(
        Object.entries(node[keyword]).map(([name, sub]) => [
          name,
          convertSchema(sub, `${pointer}/${keyword}/${escapePointer(name)}`, losses, polarity),
        ]),
      );
    }
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    if (Array.isArray(node[keyword])) {
      const inner = keyword === 'oneOf' ? 'mixed' : polarity;
      node[keyword] = node[keyword].map((sub, i) =>
        convertSchema(sub, `${pointer}/${keyword}/${i}`, losses, inner),
      );
    }
  }
  for (const keyword of SUBSCHEMA_SINGLES) {
    const sub = node[keyword];
    // `additionalProperties: true|false` is valid 3.0 as it is.
    if (keyword === 'additionalProperties' && typeof sub === 'boolean') continue;
    if (sub === undefined) continue;
    const inner = keyword === 'not' ? invert(polarity) : polarity;
    node[keyword] = convertSchema(sub, `${pointer}/${keyword}`, losses, inner);
  }
  hoistNullable(node);
  return node;
}

/**
 * A composition whose branches let `null` through gets `nullable: true` itself: 3.0 readers
 * such as kin-openapi decide on `null` from the schema's own `nullable` alone, before they
 * look at `oneOf`/`anyOf`/`allOf`. Only where the node has no `type` and no `enum` of its
 * own, so nothing that refused `null` starts accepting it.
 * @param {Record<string, any>} node
 */
function hoistNullable(node) {
  if (node.nullable === true || node.type !== undefined || node.enum !== undefined) return;
  /** @param {unknown} branch */
  const nullable = (branch) => isObject(branch) && branch.nullable === true;
  const { oneOf, anyOf, allOf } = node;
  const present = [oneOf, anyOf, allOf].filter(Array.isArray);
  if (present.length === 0) return;
  if (Array.isArray(oneOf) && !oneOf.some(nullable)) return;
  if (Array.isArray(anyOf) && !anyOf.some(nullable)) return;
  if (Array.isArray(allOf) && !allOf.every(nullable)) return;
  node.nullable = true;
}

/** @param {Polarity} polarity @returns {Polarity} */
function invert(polarity) {
  if (polarity === 'positive') return 'negative';
  if (polarity === 'negative') return 'positive';
  return 'mixed';
}

/**
 * 3.1 lets a `$ref` have sibling keywords; 3.0 ignores them. Siblings that constrain move the
 * `$ref` into an `allOf` (same meaning); siblings that only document stay beside it, where
 * 3.0 readers do not see them.
 * @param {Record<string, any>} node
 * @param {(keyword: string, effect: Effect, note: string) => void} lose
 */
function convertRefSiblings(node, lose) {
  if (typeof node.$ref !== 'string') return;
  const siblings = Object.keys(node).filter((k) => k !== '$ref');
  if (siblings.length === 0) return;
  const constraining = siblings.filter((k) => !ANNOTATIONS.has(k) && !k.startsWith('x-'));
  if (constraining.length > 0) {
    node.allOf = [{ $ref: node.$ref }, ...(Array.isArray(node.allOf) ? node.allOf : [])];
    delete node.$ref;
    return;
  }
  const documenting = siblings.filter((k) => !k.startsWith('x-'));
  if (documenting.length > 0) {
    lose(
      '$ref',
      'annotation',
      `${documenting.map((k) => `\`${k}\``).join(', ')} beside \`$ref\` stay in the file, but 3.0 readers show the referenced schema's own`,
    );
  }
}

/**
 * Type arrays: `null` becomes `nullable: true`; one other type stays `type`; several become an
 * `anyOf` of one `type` each. A 3.1 `enum` that leaves `null` out already refuses `null`, so
 * no `nullable` is added then.
 * @param {Record<string, any>} node
 */
function convertType(node) {
  const { type } = node;
  if (type === undefined || (typeof type === 'string' && type !== 'null')) return;
  const types = Array.isArray(type) ? [...new Set(type)] : [type];
  const withNull = types.includes('null');
  let others = types.filter((t) => t !== 'null');
  if (others.includes('number')) others = others.filter((t) => t !== 'integer');
  delete node.type;
  const enumRefusesNull = Array.isArray(node.enum) && !node.enum.includes(null);
  const nullable = withNull && !enumRefusesNull;
  if (others.length === 0) {
    // Only `null`: 3.0 says it with a nullable schema whose only value is null.
    node.nullable = true;
    node.enum = Array.isArray(node.enum) ? node.enum.filter((v) => v === null) : [null];
    return;
  }
  if (others.length === 1) {
    node.type = others[0];
    if (nullable) node.nullable = true;
    return;
  }
  const branches = others.map((t) => (nullable ? { type: t, nullable: true } : { type: t }));
  if (Array.isArray(node.anyOf)) {
    node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { anyOf: branches }];
  } else {
    node.anyOf = branches;
  }
}

/**
 * `const` becomes an `enum` of that one value (`null` included: the schema is then nullable).
 * @param {Record<string, any>} node
 */
function convertConst(node) {
  if (!Object.hasOwn(node, 'const')) return;
  const value = node.const;
  delete node.const;
  node.enum = Array.isArray(node.enum)
    ? node.enum.filter((/** @type {unknown} */ v) => deepEqual(v, value))
    : [value];
  if (value === null && node.enum.length > 0) node.nullable = true;
}

/**
 * A numeric `exclusiveMinimum`/`exclusiveMaximum` becomes the bound plus the boolean flag;
 * beside a `minimum`/`maximum`, the stricter of the two is kept.
 * @param {Record<string, any>} node
 * @param {'exclusiveMinimum' | 'exclusiveMaximum'} exclusive
 * @param {'minimum' | 'maximum'} inclusive
 * @param {(bound: number, limit: number) => boolean} inclusiveIsStricter
 */
function convertExclusiveBound(node, exclusive, inclusive, inclusiveIsStricter) {
  const bound = node[exclusive];
  if (typeof bound !== 'number') return;
  const limit = node[inclusive];
  if (typeof limit === 'number' && inclusiveIsStricter(limit, bound)) {
    delete node[exclusive];
    return;
  }
  node[inclusive] = bound;
  node[exclusive] = true;
}

/**
 * 3.0 has one `example`: the first of `examples` is kept.
 * @param {Record<string, any>} node
 * @param {(keyword: string, effect: Effect, note: string) => void} lose
 */
function convertExamples(node, lose) {
  if (!Object.hasOwn(node, 'examples')) return;
  const { examples } = node;
  delete node.examples;
  if (!Array.isArray(examples) || examples.length === 0) return;
  const kept = Object.hasOwn(node, 'example') ? 0 : 1;
  if (kept) node.example = examples[0];
  if (examples.length > kept) {
    lose(
      'examples',
      'annotation',
      kept
        ? `only the first of ${examples.length} examples is kept`
        : 'dropped: the schema has an `example`',
    );
  }
}

/**
 * `contentEncoding: base64` and `contentMediaType: application/octet-stream` are what 3.0
 * writes as `format: byte` and `format: binary`; other values are dropped (both are
 * annotations in 2020-12, so nothing that validates changes).
 * @param {Record<string, any>} node
 * @param {(keyword: string, effect: Effect, note: string) => void} lose
 */
function convertContent(node, lose) {
  const stringTyped = node.type === 'string';
  if (Object.hasOwn(node, 'contentEncoding')) {
    const encoding = node.contentEncoding;
    delete node.contentEncoding;
    if (
      encoding === 'base64' &&
      stringTyped &&
      (node.format === undefined || node.format === 'byte')
    ) {
      node.format = 'byte';
    } else {
      lose('contentEncoding', 'annotation', `\`contentEncoding: ${encoding}\` has no 3.0 form`);
    }
  }
  if (Object.hasOwn(node, 'contentMediaType')) {
    const mediaType = node.contentMediaType;
    delete node.contentMediaType;
    if (
      mediaType === 'application/octet-stream' &&
      stringTyped &&
      (node.format === undefined || node.format === 'binary')
    ) {
      node.format = 'binary';
    } else {
      lose('contentMediaType', 'annotation', `\`contentMediaType: ${mediaType}\` has no 3.0 form`);
    }
  }
  if (Object.hasOwn(node, 'contentSchema')) {
    delete node.contentSchema;
    lose('contentSchema', 'annotation', '`contentSchema` has no 3.0 form');
  }
}

/**
 * Drops the 2020-12 assertions 3.0 lacks. Where a dropped one worked with another keyword that
 * 3.0 would then read differently, that one goes too, so the schema only ever accepts more:
 * `additionalProperties` (other than `true`) beside `patternProperties` would refuse the
 * pattern-matched properties, and `items` beside `prefixItems` would apply to the leading items.
 * @param {Record<string, any>} node
 * @param {Polarity} polarity
 * @param {(keyword: string, effect: Effect, note: string) => void} lose
 */
function dropConstraints(node, polarity, lose) {
  const effect = droppedConstraintEffect(polarity);
  if (
    'patternProperties' in node &&
    'additionalProperties' in node &&
    node.additionalProperties !== true
  ) {
    delete node.additionalProperties;
    lose(
      'additionalProperties',
      effect,
      'dropped with `patternProperties`, whose properties it would otherwise refuse',
    );
  }
  if ('prefixItems' in node && 'items' in node) {
    delete node.items;
    lose(
      'items',
      effect,
      'dropped with `prefixItems`: in 3.0 it would apply to the leading items too',
    );
  }
  for (const [keyword, note] of Object.entries(DROPPED_CONSTRAINTS)) {
    if (keyword in node) {
      delete node[keyword];
      lose(keyword, effect, note);
    }
  }
}
