// @ts-check
/**
 * The breaking-change policy of CONTRIBUTING.md ("What counts as a breaking change"), applied
 * to what `redocly diff` reports.
 *
 * Every change gets two ratings:
 * - for clients (whoever calls the API): `redocly diff` from the older to the newer
 *   description, with the rules below where the policy says otherwise;
 * - for servers (whoever answers it): the same change read backwards (newer to older), with
 *   the same rules, and three rules of their own about answers.
 * Each rating records what decided it: `redocly diff` (and its rule), or `policy: <rule>`.
 */
import { at, canonical, NAME_MAPS, pointerSegments } from './description.mjs';

/**
 * @typedef {import('./redocly-diff.mjs').RawChange} RawChange
 * @typedef {import('./description.mjs').Description} Description
 * @typedef {'none' | 'patch' | 'minor' | 'major'} Impact
 * @typedef {{ impact: Impact, decidedBy: string }} Rating
 * @typedef {RawChange & { clients: Rating, servers: Rating }} RatedChange
 * @typedef {{ before: Description, after: Description }} Pair
 */

/** @type {Impact[]} */
export const IMPACTS = ['none', 'patch', 'minor', 'major'];

/** @param {Impact} a @param {Impact} b */
export const higher = (a, b) => (IMPACTS.indexOf(a) >= IMPACTS.indexOf(b) ? a : b);
/** @param {Impact} a @param {Impact} b */
const above = (a, b) => IMPACTS.indexOf(a) > IMPACTS.indexOf(b);

/** Keywords that only document: changing them is a patch. */
const ANNOTATIONS = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'deprecated',
  'externalDocs',
  '$comment',
  'tags',
  'contact',
  'license',
  'termsOfService',
]);
/** @param {string | undefined} key */
const isAnnotation = (key) => key !== undefined && (ANNOTATIONS.has(key) || key.startsWith('x-'));

/** Reusable component maps whose entries matter only where something refers to them. */
const REUSABLE = new Set([
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'examples',
  'links',
  'callbacks',
  'pathItems',
]);

/**
 * Which way the data at a document path flows: a request, a response, or neither.
 * @param {string[]} segments
 * @returns {'request' | 'response' | 'other'}
 */
export function sideOf(segments) {
  if (segments.includes('responses')) return 'response';
  if (segments.includes('requestBody') || segments.includes('parameters')) return 'request';
  return 'other';
}

/** @param {RawChange} change */
const segmentsOf = (change) => pointerSegments(change.path);

/** @param {RawChange} change */
function redoclyRating(change) {
  const rules = [...new Set(change.verdicts.map((v) => v.ruleId))];
  return {
    impact: /** @type {Impact} */ (change.impact),
    decidedBy: rules.length > 0 ? `redocly diff: ${rules.join(', ')}` : 'redocly diff',
  };
}

// ---------------------------------------------------------------------------------------------
// Same meaning: schemas compared after resolving references, merging allOf and dropping notes.

const SCHEMA_NOTES = new Set([
  'description',
  'title',
  'example',
  'examples',
  '$comment',
  'deprecated',
  'externalDocs',
]);

/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** Keywords whose value is one schema, and those whose value is a list of schemas. */
const SCHEMA_ONE = new Set([
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/**
 * Merges the members of an `allOf` into one schema when that cannot change what it accepts:
 * no member closes the object, and no keyword appears twice with different values.
 * @param {Record<string, any>} schema normalized, with `allOf`
 */
function mergeAllOf(schema) {
  const { allOf, ...rest } = schema;
  /** @type {Record<string, any>} */
  const merged = { ...rest };
  for (const part of allOf) {
    if (part === null || typeof part !== 'object' || Array.isArray(part)) return schema;
    if ('additionalProperties' in part || 'unevaluatedProperties' in part) return schema;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') {
        merged.properties = { ...(merged.properties ?? {}) };
        for (const [name, property] of Object.entries(value)) {
          const known = merged.properties[name];
          if (known !== undefined && canonical(known) !== canonical(property)) return schema;
          merged.properties[name] = property;
        }
      } else if (key === 'required') {
        merged.required = [...new Set([...(merged.required ?? []), ...value])].sort();
      } else if (key in merged && canonical(merged[key]) !== canonical(value)) {
        return schema;
      } else {
        merged[key] = value;
      }
    }
  }
  if ('additionalProperties' in rest || 'unevaluatedProperties' in rest) {
    return Object.keys(merged.properties ?? {}).length === Object.keys(rest.properties ?? {}).length
      ? merged
      : schema;
  }
  return merged;
}

/** @type {WeakMap<object, unknown>} */
const normalized = new WeakMap();
/**
 * A schema reduced to what it means for the data: notes dropped, sets sorted, allOf merged.
 * @param {unknown} node
 * @returns {unknown}
 */
export function normalizeSchema(node) {
  if (node === null || typeof node !== 'object') return node;
  const cached = normalized.get(node);
  if (cached !== undefined) return cached;
  /** @type {any} */
  let out;
  if (Array.isArray(node)) {
    out = node.map(normalizeSchema);
  } else {
    out = {};
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_NOTES.has(key) || key.startsWith('x-')) continue;
      if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, property]) => [name, normalizeSchema(property)]),
        );
      } else if ((key === 'required' || key === 'enum') && Array.isArray(value)) {
        out[key] = [...value].sort((a, b) => canonical(a).localeCompare(canonical(b)));
      } else if (key === 'type') {
        out.type = Array.isArray(value) ? [...value].sort() : [value];
      } else {
        out[key] = normalizeSchema(value);
      }
    }
    if (Array.isArray(out.allOf)) out = mergeAllOf(out);
    if (Array.isArray(out.allOf) && out.allOf.length === 1 && Object.keys(out).length === 1) {
      out = out.allOf[0];
    }
  }
  normalized.set(node, out);
  return out;
}

/**
 * Index of the segment where the schema that holds a document path starts.
 * @param {string[]} segments
 */
function schemaRoot(segments) {
  if (segments[0] === 'components' && segments[1] === 'schemas') return 2;
  const i = segments.indexOf('schema');
  return i < 0 ? -1 : i;
}

/**
 * The change sits inside a schema that, resolved and normalized, means the same on both sides.
 * @param {RawChange} change
 * @param {Pair} pair
 */
function sameMeaning(change, pair) {
  const segments = segmentsOf(change);
  const rootIndex = schemaRoot(segments);
  if (rootIndex < 0) return false;
  for (let n = segments.length; n > rootIndex; n--) {
    const last = segments[n - 1] ?? '';
    const parent = segments[n - 2] ?? '';
    const isSchema =
      n === rootIndex + 1 ||
      SCHEMA_ONE.has(last) ||
      SCHEMA_MAPS.has(parent) ||
      SCHEMA_LISTS.has(parent);
    if (!isSchema) continue;
    const before = at(pair.before.document, segments.slice(0, n));
    const after = at(pair.after.document, segments.slice(0, n));
    if (before === null || typeof before !== 'object') continue;
    if (after === null || typeof after !== 'object') continue;
    if (canonical(normalizeSchema(before)) === canonical(normalizeSchema(after))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The rules. `set` replaces the rating; `raise` only lifts a lower one.

/**
 * @typedef {{ name: string, mode: 'set' | 'raise', impact: Impact,
 *   applies: (change: RawChange, pair: Pair) => boolean }} Rule
 */

/** @type {Rule[]} */
export const RULES = [
  {
    // Moving a schema behind a $ref, into an allOf, or splitting it, is no change to the API.
    name: 'same-meaning',
    mode: 'set',
    impact: 'none',
    applies: (change, pair) => sameMeaning(change, pair),
  },
  {
    // A reusable component that appears or goes away: what uses it is compared on its own.
    name: 'reusable-component',
    mode: 'set',
    impact: 'none',
    applies: (change) => {
      const s = segmentsOf(change);
      return s.length === 3 && s[0] === 'components' && REUSABLE.has(s[1] ?? '');
    },
  },
  {
    // Descriptions, summaries, examples and extensions document the API; they are a patch.
    name: 'notes-only',
    mode: 'set',
    impact: 'patch',
    applies: (change) => {
      const s = segmentsOf(change);
      if (s.some((seg, i) => isAnnotation(seg) && !NAME_MAPS.has(s[i - 1] ?? ''))) return true;
      return change.kind === 'modified' && isAnnotation(change.property);
    },
  },
  {
    // Generated clients and servers know an operation by its path template.
    name: 'path-template-renamed',
    mode: 'raise',
    impact: 'major',
    applies: (change) =>
      change.typeName === 'PathItem' && change.kind === 'modified' && change.property === 'key',
  },
  {
    name: 'parameter-renamed',
    mode: 'raise',
    impact: 'major',
    applies: (change) =>
      change.typeName === 'Parameter' && change.kind === 'modified' && change.property === 'name',
  },
  {
    // Code that sends the member no longer compiles, and a strict server rejects it.
    name: 'request-member-removed',
    mode: 'raise',
    impact: 'major',
    applies: (change) => {
      const s = segmentsOf(change);
      return (
        change.kind === 'removed' &&
        change.typeName === 'Schema' &&
        sideOf(s) === 'request' &&
        s.at(-2) === 'properties'
      );
    },
  },
  {
    // Anything beyond notes changes the contract: loosening it is at least a minor change.
    name: 'contract-change',
    mode: 'raise',
    impact: 'minor',
    applies: (change) => change.impact === 'patch',
  },
];

/**
 * Rates one change of one direction.
 * @param {RawChange} change
 * @param {Pair} pair the descriptions in the order of this direction
 * @returns {Rating}
 */
export function rate(change, pair) {
  const redocly = redoclyRating(change);
  for (const rule of RULES) {
    if (!rule.applies(change, pair)) continue;
    if (rule.mode === 'set' && rule.impact !== redocly.impact) {
      return { impact: rule.impact, decidedBy: `policy: ${rule.name}` };
    }
    if (rule.mode === 'raise' && above(rule.impact, redocly.impact)) {
      return { impact: rule.impact, decidedBy: `policy: ${rule.name}` };
    }
    return redocly;
  }
  return redocly;
}

/**
 * What servers make of a change, given how it reads backwards. Answers are where a server's
 * view differs from a mirrored client's: a server need not send what an answer newly allows,
 * but must stop sending what it no longer allows.
 * @param {RawChange} change forward
 * @param {Rating} backward the rating of the change read backwards
 * @returns {Rating}
 */
function serversRating(change, backward) {
  const side = sideOf(segmentsOf(change));
  if (change.verdicts.some((v) => v.ruleId === 'operation-id-changed')) {
    return { impact: 'patch', decidedBy: 'policy: operation-id-off-the-wire' };
  }
  if (
    side === 'response' &&
    change.kind === 'added' &&
    ['Schema', 'Response', 'Header', 'MediaType', 'HeadersMap'].includes(change.typeName) &&
    above(backward.impact, 'minor')
  ) {
    return { impact: 'minor', decidedBy: 'policy: answers-may-grow' };
  }
  if (
    side === 'response' &&
    change.kind === 'removed' &&
    ['Response', 'MediaType'].includes(change.typeName) &&
    above('major', backward.impact)
  ) {
    return { impact: 'major', decidedBy: 'policy: answers-may-not-shrink' };
  }
  return backward;
}

/** @param {import('./redocly-diff.mjs').Side | undefined} side */
const sideKey = (side) => (side ? `${side.file}${side.pointer}` : '');

/**
 * Pairs each forward change with the same change read backwards and rates both sides.
 * @param {{ forward: RawChange[], backward: RawChange[] }} diff
 * @param {Description} base
 * @param {Description} revision
 * @returns {RatedChange[]}
 */
export function rateChanges(diff, base, revision) {
  const forwardPair = { before: base, after: revision };
  const backwardPair = { before: revision, after: base };
  const unpaired = [...diff.backward];
  /** @param {(b: RawChange) => boolean} test */
  const take = (test) => {
    const i = unpaired.findIndex(test);
    return i < 0 ? undefined : unpaired.splice(i, 1)[0];
  };
  const flip = { added: 'removed', removed: 'added', modified: 'modified' };
  /** @type {RatedChange[]} */
  const out = [];
  for (const change of diff.forward) {
    const mirror =
      take(
        (b) =>
          sideKey(b.base) === sideKey(change.revision) &&
          sideKey(b.revision) === sideKey(change.base) &&
          b.property === change.property,
      ) ??
      take(
        (b) =>
          b.path === change.path && b.property === change.property && b.kind === flip[change.kind],
      );
    const clients = rate(change, forwardPair);
    const servers = mirror
      ? serversRating(change, rate(mirror, backwardPair))
      : { impact: /** @type {Impact} */ ('none'), decidedBy: 'redocly diff' };
    out.push({ ...change, clients, servers });
  }
  // Changes only the backward reading found: shown the right way round, rated for servers.
  for (const b of unpaired) {
    const { base: was, revision: now, ...rest } = b;
    /** @type {RawChange} */
    const change = {
      ...rest,
      kind: /** @type {RawChange['kind']} */ (flip[b.kind]),
      ...(now ? { base: now } : {}),
      ...(was ? { revision: was } : {}),
      verdicts: [],
    };
    const servers = serversRating(change, rate(b, backwardPair));
    out.push({ ...change, clients: { impact: 'none', decidedBy: 'redocly diff' }, servers });
  }
  return out;
}
