// @ts-check
/**
 * The documented actions of one API, read from its reference folder: `operations.json` (one
 * entry per action, with its parameters, fields, errors, examples and pages) and the extra
 * endpoints of `conventions.json` (method, path, action and one page each).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ name: string, in?: string, type?: string | null, required?: boolean,
 *   default?: unknown, enum?: unknown[] | null }} ReferenceField
 * @typedef {{ status: number, message: string }} ReferenceError
 * @typedef {{
 *   section: string | null, action: string, method: string, path: string, sources: string[],
 *   parameters: ReferenceField[], requestBody: ReferenceField[], responseFields: ReferenceField[],
 *   responseStatus: number | null, errors: ReferenceError[], requestExample: unknown,
 *   responseExample: unknown, notes: string[],
 * }} ReferenceAction
 */

/**
 * A path template with parameter names erased, so `/a/{id}` and `/a/{other}` compare equal.
 * @param {string} path
 */
export function templateKey(path) {
  return (path.split('?')[0] ?? path).replace(/\{[^}]+\}/g, '{}');
}

/**
 * Every documented action of the reference folder.
 * @param {string} dir
 * @returns {ReferenceAction[]}
 */
export function loadActions(dir) {
  /** @type {any[]} */
  const operations = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8'));
  const conventions = JSON.parse(readFileSync(join(dir, 'conventions.json'), 'utf8'));
  /** @type {ReferenceAction[]} */
  const actions = operations.map((o) => ({
    section: o.section ?? null,
    action: o.action,
    method: String(o.method).toUpperCase(),
    path: o.path,
    sources: o.sources ?? [],
    parameters: o.parameters ?? [],
    requestBody: o.requestBody ?? [],
    responseFields: o.responseFields ?? [],
    responseStatus: o.responseStatus ?? null,
    errors: o.errors ?? [],
    requestExample: o.requestExample ?? null,
    responseExample: o.responseExample ?? null,
    notes: [o.gaps].filter((g) => typeof g === 'string' && g.trim() !== ''),
  }));
  for (const e of conventions.extra_v3_endpoints_not_in_endpoints_tsv ?? []) {
    actions.push({
      section: null,
      action: e.action,
      method: String(e.method).toUpperCase(),
      path: e.path,
      sources: e.url ? [e.url] : [],
      parameters: [],
      requestBody: [],
      responseFields: [],
      responseStatus: null,
      errors: [],
      requestExample: null,
      responseExample: null,
      notes: [e.note].filter((n) => typeof n === 'string' && n.trim() !== ''),
    });
  }
  return actions;
}

/**
 * The documented action of a method and path (parameter names may differ), if any.
 * @param {ReferenceAction[]} actions
 * @param {string} method
 * @param {string} path
 */
export function findAction(actions, method, path) {
  const key = `${method.toUpperCase()} ${templateKey(path)}`;
  return actions.find((a) => `${a.method} ${templateKey(a.path)}` === key);
}
