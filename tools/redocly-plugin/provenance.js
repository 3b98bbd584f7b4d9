// @ts-check
/**
 * Redocly plugin `provenance`: lint rules for the provenance vocabulary of spec/README.md.
 * `x-sources` lists the documentation pages a node is modelled from; `x-assumed` gives the
 * reason a node's content is not shown by any page. The rules know no API: they read only
 * the two extensions and OpenAPI's own keywords.
 */

/** @typedef {Record<string, unknown>} Node */
/**
 * @typedef {{ child: (key: string | number | (string | number)[]) => Location }} Location
 * @typedef {{
 *   report: (problem: { message: string, location?: Location }) => void,
 *   location: Location,
 *   rawNode: unknown,
 *   resolve: (node: unknown) => { node?: unknown },
 *   type: { name: string },
 * }} Ctx
 */

/** Schema keywords that restrict what is accepted whatever their value. */
const NARROWING_KEYWORDS = [
  'enum',
  'const',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
];

/** Node types whose `required: true` is a required flag (a path parameter is always required). */
const REQUIRED_FLAG_TYPES = new Set(['Parameter', 'Header', 'RequestBody']);

/** @param {unknown} value @returns {value is Node} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @param {unknown} node */
const isRef = (node) => isObject(node) && typeof node.$ref === 'string';

/** @param {unknown} node */
const hasAssumed = (node) => isObject(node) && 'x-assumed' in node;

/**
 * The narrowing keywords a Schema Object sets, by name.
 * @param {Node} schema
 */
export function narrowingKeywords(schema) {
  const found = NARROWING_KEYWORDS.filter((k) => k in schema);
  if (schema.additionalProperties === false) found.push('additionalProperties');
  if (schema.unevaluatedProperties === false) found.push('unevaluatedProperties');
  if (Array.isArray(schema.required) && schema.required.length > 0) found.push('required');
  if (schema.uniqueItems === true) found.push('uniqueItems');
  return found;
}

/**
 * Tracks, during the walk, whether the node being visited is covered by `x-assumed`: its own,
 * or that of an ancestor it is written inline beneath. A `$ref` ends the cover: the component
 * it points to states its own provenance. On a Response, `x-assumed` speaks of the status
 * only, so it does not cover the response's body, headers or links.
 */
function assumedScope() {
  /** @type {Array<{ covered: boolean, passes: boolean }>} */
  const stack = [];
  return {
    visitor: {
      /** @param {unknown} node @param {Ctx} ctx */
      enter(node, ctx) {
        const inherited = !isRef(ctx.rawNode) && (stack.at(-1)?.passes ?? false);
        const own = hasAssumed(node);
        stack.push({
          covered: own || inherited,
          passes: inherited || (own && ctx.type.name !== 'Response'),
        });
      },
      leave() {
        stack.pop();
      },
    },
    /** True when the node being visited is covered by `x-assumed`. */
    covered: () => stack.at(-1)?.covered ?? false,
  };
}

/**
 * What is wrong with an `x-sources` value: nothing (an empty list) when it is a non-empty list
 * of distinct absolute https URLs. `at` is the index of the entry a problem is about.
 * @param {unknown} value
 * @returns {Array<{ at?: number, message: string }>}
 */
export function sourcesProblems(value) {
  if (!Array.isArray(value) || value.length === 0) {
    return [{ message: 'x-sources must be a non-empty list of documentation page URLs.' }];
  }
  return value.flatMap((url, at) => {
    let parsed;
    try {
      parsed = typeof url === 'string' && url === url.trim() ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed?.protocol !== 'https:') {
      return [
        { at, message: `x-sources entries are absolute https URLs, not ${JSON.stringify(url)}.` },
      ];
    }
    if (value.indexOf(url) !== at) return [{ at, message: `x-sources lists ${url} twice.` }];
    return [];
  });
}

/** Every operation names the documentation pages it is modelled from. */
function OperationSources() {
  return {
    Operation: {
      /** @param {Node} operation @param {Ctx} ctx */
      enter(operation, ctx) {
        if (!('x-sources' in operation)) {
          ctx.report({
            message:
              'Operation must carry x-sources: the URLs of the documentation pages it is modelled from, newest first.',
            location: ctx.location,
          });
        }
      },
    },
  };
}

/** Wherever they appear, `x-sources` is a list of https URLs and `x-assumed` a reason. */
function ValidValues() {
  /**
   * @param {unknown} node
   * @param {Location} location
   * @param {Ctx} ctx
   */
  const check = (node, location, ctx) => {
    if (!isObject(node)) return;
    if ('x-sources' in node) {
      for (const { at, message } of sourcesProblems(node['x-sources'])) {
        const key = at === undefined ? ['x-sources'] : ['x-sources', at];
        ctx.report({ message, location: location.child(key) });
      }
    }
    if ('x-assumed' in node) {
      const reason = node['x-assumed'];
      if (typeof reason !== 'string' || reason.trim() === '') {
        ctx.report({
          message: 'x-assumed must be a non-empty string: the reason the content is assumed.',
          location: location.child('x-assumed'),
        });
      }
    }
  };
  return {
    any: {
      /** @param {unknown} node @param {Ctx} ctx */
      enter(node, ctx) {
        check(node, ctx.location, ctx);
      },
    },
    // A Schema may carry the extensions beside its $ref; every $ref is visited here.
    ref: {
      /** @param {unknown} node @param {Ctx} ctx */
      enter(node, ctx) {
        check(node, ctx.location, ctx);
      },
    },
  };
}

/**
 * Every Example Object says where it comes from: `x-sources` when it is copied from a page,
 * `x-assumed` when it was written here, and both when only part of it is copied (a documented
 * error text inside a body written here). A bare `example` value cannot say either, so it is
 * allowed only where an `x-assumed` covers it.
 */
function ExampleProvenance() {
  const scope = assumedScope();
  /** @param {Node} node @param {Ctx} ctx */
  const bareExample = (node, ctx) => {
    if ('example' in node && !scope.covered()) {
      ctx.report({
        message:
          'A bare example cannot state its provenance: use `examples` with an Example Object carrying x-sources or x-assumed.',
        location: ctx.location.child('example'),
      });
    }
  };
  return {
    any: scope.visitor,
    Example: {
      /** @param {Node} example @param {Ctx} ctx */
      enter(example, ctx) {
        if (!('x-sources' in example) && !('x-assumed' in example)) {
          ctx.report({
            message:
              'Example must carry x-sources (copied from a documentation page), x-assumed (written here), or both (partly copied).',
            location: ctx.location,
          });
        }
      },
    },
    MediaType: { enter: bareExample },
    Parameter: { enter: bareExample },
    Header: { enter: bareExample },
  };
}

/**
 * A guess never narrows what is accepted: inside an `x-assumed` node (and inline beneath
 * it) no schema keyword restricts values and no required flag is set; a property marked
 * `x-assumed` is never listed in its parent's `required`.
 */
function NoAssumedNarrowing() {
  const scope = assumedScope();
  return {
    any: scope.visitor,
    Schema: {
      /** @param {Node} schema @param {Ctx} ctx */
      enter(schema, ctx) {
        if (scope.covered()) {
          for (const keyword of narrowingKeywords(schema)) {
            ctx.report({
              message: `An assumed schema must not narrow what is accepted: remove \`${keyword}\` (name the expected values in the description instead).`,
              location: ctx.location.child(keyword),
            });
          }
        }
        const required = Array.isArray(schema.required) ? schema.required : [];
        const properties = isObject(schema.properties) ? schema.properties : {};
        for (const [i, name] of required.entries()) {
          if (hasAssumed(properties[name])) {
            ctx.report({
              message: `Property \`${name}\` is assumed, so it must not be listed in \`required\`.`,
              location: ctx.location.child(['required', i]),
            });
          }
        }
      },
    },
    ...Object.fromEntries(
      [...REQUIRED_FLAG_TYPES].map((type) => [
        type,
        {
          /** @param {Node} node @param {Ctx} ctx */
          enter(node, ctx) {
            if (scope.covered() && node.required === true && node.in !== 'path') {
              ctx.report({
                message: `An assumed ${type === 'RequestBody' ? 'request body' : type.toLowerCase()} must not be required.`,
                location: ctx.location.child('required'),
              });
            }
          },
        },
      ]),
    ),
  };
}

/**
 * A success status no page shows is declared as the range `2XX`, never as one code; and
 * `2XX` is used only for such a status, so its Response carries `x-assumed`.
 */
function AssumedStatusRange() {
  return {
    Operation: {
      /** @param {Node} operation @param {Ctx} ctx */
      enter(operation, ctx) {
        const responses = isObject(operation.responses) ? operation.responses : {};
        for (const [code, raw] of Object.entries(responses)) {
          const response = ctx.resolve(raw).node;
          const assumed = hasAssumed(response);
          const location = ctx.location.child(['responses', code]);
          if (/^2\d\d$/.test(code) && assumed) {
            ctx.report({
              message: `Response ${code} carries x-assumed: a success status no page shows is declared as 2XX, not as one code.`,
              location,
            });
          } else if (/^2XX$/i.test(code) && !assumed) {
            ctx.report({
              message:
                'Response 2XX stands for a success status no page shows, so it must carry x-assumed; declare a documented status by its code.',
              location,
            });
          }
        }
      },
    },
  };
}

/**
 * The Redocly plugin. Enable its rules in redocly.yaml as `provenance/<rule>`.
 */
export default function provenancePlugin() {
  return {
    id: 'provenance',
    rules: {
      oas3: {
        'operation-sources': OperationSources,
        'valid-values': ValidValues,
        'example-sources': ExampleProvenance,
        'no-assumed-narrowing': NoAssumedNarrowing,
        'assumed-status-range': AssumedStatusRange,
      },
    },
  };
}
