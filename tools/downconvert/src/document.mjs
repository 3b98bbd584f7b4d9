// @ts-check
/**
 * A bundled OpenAPI 3.1 document to OpenAPI 3.0.3.
 *
 * Walks exactly the places where the OpenAPI object model holds schemas (components, path
 * items, operations, parameters, headers, media types, callbacks) and converts each with
 * `convertSchema`; everything else, examples and `x-` extensions included, is copied as is.
 */
import { convertSchema, DownconvertError, escapePointer } from './schema.mjs';
import { walkDocument } from './walk.mjs';

/** @typedef {import('./schema.mjs').Loss} Loss */

export const OAS30_VERSION = '3.0.3';

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The conversion of one document: the 3.0 document and what could not be carried over.
 * @param {unknown} input a bundled OpenAPI 3.1 document (local `#/…` references only)
 * @returns {{ document: Record<string, any>, losses: Loss[] }}
 */
export function downconvert(input) {
  if (!isObject(input) || typeof input.openapi !== 'string' || !input.openapi.startsWith('3.1.')) {
    throw new DownconvertError(
      '#/openapi',
      `expected an OpenAPI 3.1 document, found ${JSON.stringify(isObject(input) ? input.openapi : input)}`,
    );
  }
  /** @type {Loss[]} */
  const losses = [];
  /** @type {Record<string, any>} */
  const doc = structuredClone(input);
  /** @param {string} pointer @param {string} keyword @param {string} note */
  const dropped = (pointer, keyword, note) =>
    losses.push({ pointer, keyword, effect: 'annotation', note });

  doc.openapi = OAS30_VERSION;
  if (isObject(doc.info)) {
    if ('summary' in doc.info) {
      delete doc.info.summary;
      dropped('#/info/summary', 'summary', 'the Info Object has no `summary` in 3.0');
    }
    if (isObject(doc.info.license) && 'identifier' in doc.info.license) {
      delete doc.info.license.identifier;
      dropped(
        '#/info/license/identifier',
        'identifier',
        'the License Object has no SPDX `identifier` in 3.0',
      );
    }
  }
  if ('jsonSchemaDialect' in doc) {
    delete doc.jsonSchemaDialect;
    dropped('#/jsonSchemaDialect', 'jsonSchemaDialect', '3.0 has one schema dialect');
  }
  if ('webhooks' in doc) {
    delete doc.webhooks;
    losses.push({
      pointer: '#/webhooks',
      keyword: 'webhooks',
      effect: 'annotation',
      note: 'webhooks are not in 3.0: their requests are not described in the 3.0 variant',
    });
  }
  inlinePathItemRefs(doc);
  if (isObject(doc.components) && 'pathItems' in doc.components) {
    delete doc.components.pathItems;
    dropped(
      '#/components/pathItems',
      'pathItems',
      'the Components Object has no `pathItems` in 3.0; the path items using them are inlined',
    );
  }
  doc.paths ??= {};

  walkDocument(doc, {
    schema(owner, key, pointer) {
      owner[key] = convertSchema(owner[key], pointer, losses);
    },
    // A Reference Object to anything but a schema: 3.0 allows `$ref` alone. `summary` and
    // `description` go (the target's own apply); `x-` members stay, as readers ignore them.
    reference(node, pointer) {
      for (const key of Object.keys(node)) {
        if (key !== '$ref' && !key.startsWith('x-')) {
          delete node[key];
          losses.push({
            pointer: `${pointer}/${escapePointer(key)}`,
            keyword: key,
            effect: 'annotation',
            note: `\`${key}\` beside a \`$ref\` is not allowed in 3.0: the referenced object's own applies`,
          });
        }
      }
    },
  });
  refuseMutualTls(doc.components?.securitySchemes);
  return { document: doc, losses };
}

/**
 * 3.1 path items may reference `#/components/pathItems/…`; 3.0 has no such component, so the
 * path item is copied in place.
 * @param {Record<string, any>} doc
 */
function inlinePathItemRefs(doc) {
  const pathItems = isObject(doc.components?.pathItems) ? doc.components.pathItems : {};
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const ref = isObject(item) && typeof item.$ref === 'string' ? item.$ref : undefined;
    const prefix = '#/components/pathItems/';
    if (ref?.startsWith(prefix)) {
      const name = ref.slice(prefix.length).replaceAll('~1', '/').replaceAll('~0', '~');
      const target = pathItems[name];
      if (!isObject(target)) {
        throw new DownconvertError(`#/paths/${escapePointer(path)}/$ref`, `${ref} does not exist`);
      }
      const { $ref: _ref, ...own } = item;
      doc.paths[path] = { ...structuredClone(target), ...own };
    }
  }
}

/**
 * `mutualTLS` has no 3.0 form, and dropping a security scheme would misstate how to call.
 * @param {unknown} schemes
 */
function refuseMutualTls(schemes) {
  if (!isObject(schemes)) return;
  for (const [name, scheme] of Object.entries(schemes)) {
    if (isObject(scheme) && scheme.type === 'mutualTLS') {
      throw new DownconvertError(
        `#/components/securitySchemes/${escapePointer(name)}/type`,
        'the `mutualTLS` security scheme cannot be expressed in OpenAPI 3.0',
      );
    }
  }
}
