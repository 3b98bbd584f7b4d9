// @ts-check
/**
 * The documented actions of RamBase's supplier-invoice notifications, from this folder's
 * `operations.json`: the documented operations, the confirmed siblings on the notification
 * resource, the OAuth 2.0 token endpoint, and the collection calls on `<object>/notifications`
 * that are confirmed for other objects only (marked as such). Calls on other resources (the
 * supplier invoice itself) and the action patterns of other objects are outside this
 * description. Field names are the XML element names, below the root element. See
 * tools/spec-review/README.md for the form.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dottedNames } from '../../spec-review/src/field-tree.mjs';

/**
 * @typedef {{ xmlName: string, children?: FieldNode[] }} FieldNode
 * @typedef {import('../../spec-review/src/coverage.mjs').DocumentedAction} DocumentedAction
 */

/** The object every notification of this description belongs to. */
const OBJECT = '/procurement/invoices/{supplierInvoiceId}';
const SECTION = 'Supplier invoice notifications';

/** A documented field's XML element name. */
const xmlName = (/** @type {FieldNode} */ node) => node.xmlName;

/** The path parameters a documented URL names. */
const pathParameters = (/** @type {string} */ path) =>
  [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: /** @type {string} */ (m[1]),
    in: 'path',
  }));

/**
 * @param {string} dir this folder
 * @returns {import('../../spec-review/src/coverage.mjs').Reference}
 */
export function documentedActions(dir) {
  const reference = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8'));
  /** @type {DocumentedAction[]} */
  const actions = reference.operations.map((/** @type {any} */ op) => ({
    section: SECTION,
    action: op.title,
    method: op.method,
    path: op.path,
    parameters: op.parameters.map((/** @type {any} */ p) => ({ name: p.name, in: p.in })),
    requestFields: [],
    responseFields: dottedNames(op.responseBody, xmlName),
  }));
  for (const sibling of reference.siblings_confirmed_for_supplier_invoice) {
    if (!sibling.path.startsWith(`${OBJECT}/notifications`)) continue;
    actions.push({
      section: SECTION,
      action: sibling.title,
      method: sibling.method,
      path: sibling.path,
      parameters: pathParameters(sibling.path),
      requestFields: (sibling.requestBody?.fields ?? []).map((/** @type {any} */ f) => f.path),
      responseFields: [],
    });
  }
  const known = new Set(actions.map((a) => `${a.method} ${a.path}`));
  for (const seen of reference.siblings_NOT_found_for_supplier_invoice_but_pattern_confirmed_elsewhere) {
    const call = /^(GET|POST) <object>\/notifications(?:\?(\w+)=\{\w+\})?$/.exec(seen.pattern);
    if (!call) continue;
    const [, method = '', query] = call;
    const path = `${OBJECT}/notifications`;
    if (known.has(`${method} ${path}`)) continue;
    actions.push({
      section: SECTION,
      action: String(seen.title ?? `${method} ${seen.pattern}`).replace(
        '<object>',
        'supplier invoice',
      ),
      method,
      path,
      note: `pattern confirmed for ${seen.confirmedFor.length} other objects`,
      parameters: [...pathParameters(path), ...(query ? [{ name: query, in: 'query' }] : [])],
      requestFields: [],
      responseFields: [],
    });
  }
  const auth = reference.conventions.authentication;
  const token = /^(POST) https?:\/\/[^/\s]+(\/\S*)\s*\(([^)]*)\)/.exec(
    auth.endpoints_from_SDK.token,
  );
  if (token) {
    const [, method = '', path = '', form = ''] = token;
    actions.push({
      section: 'OAuth 2.0',
      action: 'Access token',
      method,
      path,
      parameters: [],
      requestFields: [...form.matchAll(/\b(\w+)=/g)].map((m) => /** @type {string} */ (m[1])),
      responseFields: auth.tokenResponseFields_from_SDK,
    });
  }
  return { actions };
}
