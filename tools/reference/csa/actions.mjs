// @ts-check
/**
 * The documented actions of the CSA Legacy notification API, from this folder's facts: the
 * notification calls (`operations.json`) and the login look-ups that give the
 * `userIdentifier` (`login.json`). See tools/spec-review/README.md for the form.
 *
 * The send call is documented at two URIs (the worked example's and the detail table's); each
 * is an action of its own, the `party_id` parameter belonging to the second only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dottedNames } from '../../spec-review/src/field-tree.mjs';

/**
 * @typedef {{ name: string, children?: ElementNode[] }} ElementNode
 * @typedef {{ name: string, in: string }} Parameter
 */

/** `/notification/party/<party_id>` → `/notification/party/{party_id}` */
const template = (/** @type {string} */ path) => path.replace(/<([^>]+)>/g, '{$1}');

/** The section is the first segment of the path: `Notification`, `Login`. */
const sectionOf = (/** @type {string} */ path) => {
  const first = path.split('/')[1] ?? '';
  return first.charAt(0).toUpperCase() + first.slice(1);
};

/** A documented element's name. */
const elementName = (/** @type {ElementNode} */ node) => node.name;

const parametersOf = (/** @type {Parameter[]} */ list) =>
  list.map((p) => ({ name: p.name, in: p.in }));

/**
 * @param {string} dir this folder
 * @returns {import('../../spec-review/src/coverage.mjs').Reference}
 */
export function documentedActions(dir) {
  const notifications = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8'));
  const login = JSON.parse(readFileSync(join(dir, 'login.json'), 'utf8'));
  /** @type {import('../../spec-review/src/coverage.mjs').DocumentedAction[]} */
  const actions = [];
  for (const op of notifications.operations) {
    const requestFields = dottedNames(op.requestBody, elementName);
    const responseFields = dottedNames(op.responseBody_200, elementName);
    /** @type {Array<{ path: string, note?: string }>} */
    const uris = op.path
      ? [{ path: op.path }]
      : [
          { path: op['path_per_example_and_4.x_URI_table'], note: "the worked example's URI" },
          { path: op.path_per_detail_table, note: "the detail table's URI" },
        ];
    for (const { path, note } of uris) {
      const route = template(path);
      const parameters = parametersOf(op.parameters).filter(
        (p) => p.in !== 'path' || route.includes(`{${p.name}}`),
      );
      actions.push({
        section: sectionOf(route),
        action: op.id,
        method: op.method,
        path: route,
        ...(note ? { note } : {}),
        parameters,
        requestFields,
        responseFields,
      });
    }
  }
  for (const op of login.operations) {
    const route = template(op.path);
    actions.push({
      section: sectionOf(route),
      action: op.id,
      method: op.method,
      path: route,
      parameters: parametersOf(op.parameters),
      requestFields: [],
      // The answer is documented in words only (its first `id` is the identifier).
      responseFields: [],
    });
  }
  return { actions };
}
