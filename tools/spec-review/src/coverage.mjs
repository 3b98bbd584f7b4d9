// @ts-check
/**
 * Measures a bundled spec against the documented actions: is every action an operation,
 * does it carry examples, and does it model every documented parameter and field?
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deref, listOperations, templateKey } from './openapi.mjs';
import { computeFidelity, FACT_KINDS } from './provenance.mjs';

/** @type {Record<import('./provenance.mjs').FactKind, string>} */
const FACT_LABELS = {
  status: 'Response statuses',
  header: 'Response headers',
  parameter: 'Parameters',
  member: 'Schema members',
  example: 'Examples',
  'error message': 'Error messages',
};

/**
 * The documented actions of an API, in the form every reference adapter returns (see
 * README.md, "Reference adapters"): the documentation's own formats differ, so each reference
 * folder carries an `actions.mjs` that reads its files into this list.
 *
 * @typedef {{ name: string, in: string }} DocumentedParameter
 * @typedef {{ section: string, action: string, method: string, path: string, note?: string,
 *   parameters: DocumentedParameter[], requestFields: string[], responseFields: string[] }} DocumentedAction
 * @typedef {{ actions: DocumentedAction[], fieldRoots?: string[][] }} Reference
 * @typedef {Omit<DocumentedAction, 'parameters' | 'requestFields' | 'responseFields'>} Action
 * @typedef {import('./provenance.mjs').OperationFidelity} OperationFidelity
 * @typedef {{ action: Action, operationId: string | null, present: boolean, examples: boolean,
 *   missingExamples: string[], missingFields: string[], fieldCount: number,
 *   fidelity: OperationFidelity | null }} CoverageRow
 */

/** The file of a reference folder that turns its facts into documented actions. */
export const ADAPTER_FILE = 'actions.mjs';

/**
 * Checks what an adapter returned, naming the adapter and the action at fault.
 * @param {unknown} value
 * @param {string} file
 * @returns {Reference}
 */
export function checkReference(value, file) {
  const fail = (/** @type {string} */ what) => {
    throw new Error(`${file}: ${what}`);
  };
  const isStringList = (/** @type {unknown} */ v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray(/** @type {any} */ (value).actions)
  ) {
    fail('documentedActions() must return { actions: [...] }');
  }
  const reference = /** @type {Reference} */ (value);
  reference.actions.forEach((a, i) => {
    const at = `actions[${i}]${typeof a?.action === 'string' ? ` (${a.action})` : ''}`;
    for (const key of /** @type {const} */ (['section', 'action', 'method', 'path'])) {
      if (typeof a?.[key] !== 'string') fail(`${at}.${key} must be a string`);
    }
    if (!/^\//.test(a.path)) fail(`${at}.path must start with "/", not ${JSON.stringify(a.path)}`);
    if (
      !Array.isArray(a.parameters) ||
      !a.parameters.every((p) => typeof p?.name === 'string' && typeof p?.in === 'string')
    ) {
      fail(`${at}.parameters must be a list of { name, in }`);
    }
    if (!isStringList(a.requestFields)) fail(`${at}.requestFields must be a list of names`);
    if (!isStringList(a.responseFields)) fail(`${at}.responseFields must be a list of names`);
  });
  if (
    reference.fieldRoots !== undefined &&
    !(Array.isArray(reference.fieldRoots) && reference.fieldRoots.every(isStringList))
  ) {
    fail('fieldRoots must be a list of lists of names');
  }
  return reference;
}

/**
 * Reads a reference folder through its adapter (`actions.mjs`, exporting
 * `documentedActions(dir)`).
 * @param {string} dir
 * @returns {Promise<Reference>}
 */
export async function loadReference(dir) {
  const file = join(dir, ADAPTER_FILE);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: a reference folder needs an adapter that lists its documented actions (see tools/spec-review/README.md).`,
    );
  }
  const adapter = await import(pathToFileURL(file).href);
  if (typeof adapter.documentedActions !== 'function') {
    throw new Error(`${file} exports no documentedActions(dir).`);
  }
  return checkReference(await adapter.documentedActions(dir), file);
}

/**
 * Splits a documented field name into path segments: `data.attributes.key` →
 * [data, attributes, key]; `page[size]` → [page, size]; `items[]` → [items];
 * `custom_attributes['x']` → [custom_attributes, *].
 * @param {string} name
 */
export function fieldSegments(name) {
  return name
    .replace(/\['[^']*'\]/g, '.*')
    .replace(/\[\]/g, '')
    .replace(/\[([^\]]+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

/**
 * The schemas a node stands for: itself and the members of its combinators.
 * @param {any} doc
 * @param {any} schema
 * @param {Set<any>} [seen]
 * @returns {any[]}
 */
function alternatives(doc, schema, seen = new Set()) {
  const s = deref(doc, schema);
  if (!s || typeof s !== 'object' || seen.has(s)) return [];
  seen.add(s);
  const out = [s];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    for (const member of s[key] ?? []) out.push(...alternatives(doc, member, seen));
  }
  if (s.items) out.push(...alternatives(doc, s.items, seen));
  return out;
}

/**
 * The XML element name of a schema used as a member: its own `xml.name`, else that of the
 * schema it references.
 * @param {any} doc
 * @param {any} raw
 * @returns {string | undefined}
 */
function xmlName(doc, raw) {
  const own = raw?.xml?.name;
  if (typeof own === 'string') return own;
  const target = deref(doc, raw)?.xml?.name;
  return typeof target === 'string' ? target : undefined;
}

/**
 * True when the schema has the nested member the segments name. A segment names a property
 * by its key or by its XML element name (`xml.name`), and an array's items by theirs (the
 * element inside a wrapped XML list).
 * @param {any} doc
 * @param {any} schema
 * @param {string[]} segments
 * @returns {boolean}
 */
export function hasField(doc, schema, segments) {
  if (segments.length === 0) return true;
  const [head, ...rest] = segments;
  for (const alt of alternatives(doc, schema)) {
    if (head === '*') {
      const map = alt.additionalProperties ?? Object.values(alt.patternProperties ?? {})[0];
      if (map && typeof map === 'object' && hasField(doc, map, rest)) return true;
      continue;
    }
    if (alt.items && xmlName(doc, alt.items) === head && hasField(doc, alt.items, rest)) {
      return true;
    }
    for (const [key, child] of Object.entries(alt.properties ?? {})) {
      if ((key === head || xmlName(doc, child) === head) && hasField(doc, child, rest)) {
        return true;
      }
    }
    for (const [pattern, sub] of Object.entries(alt.patternProperties ?? {})) {
      if (head !== undefined && new RegExp(pattern, 'u').test(head) && hasField(doc, sub, rest)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * True when the field exists from any of the roots, under any of the reference's field roots
 * (the members its documentation names fields relative to).
 * @param {any} doc
 * @param {any[]} roots
 * @param {string} name
 * @param {string[][]} fieldRoots
 */
function fieldInRoots(doc, roots, name, fieldRoots) {
  const segments = fieldSegments(name);
  return roots.some((root) =>
    fieldRoots.some((prefix) => hasField(doc, root, [...prefix, ...segments])),
  );
}

/**
 * True when the documented path parameter sits in a templated segment of the bundled
 * path: two documented URLs that differ only in a parameter's name share one path item,
 * so the bundle may name that segment differently.
 * @param {string} documentedPath
 * @param {string} bundledPath
 * @param {string} name
 */
function samePathSlot(documentedPath, bundledPath, name) {
  const index = templatePathSegments(documentedPath).indexOf(`{${name}}`);
  return index >= 0 && /^\{[^}]+\}$/.test(templatePathSegments(bundledPath)[index] ?? '');
}

/** @param {string} path */
function templatePathSegments(path) {
  return (path.split('?')[0] ?? path).split('/');
}

/**
 * @param {any} doc
 * @param {any} media
 */
function hasExamples(doc, media) {
  if (!media) return false;
  if (media.example !== undefined) return true;
  return Object.values(media.examples ?? {}).some((e) => deref(doc, e)?.value !== undefined);
}

/**
 * Coverage of one bundled document: the documented actions against its operations, and the
 * fidelity of every operation it has (see provenance.mjs).
 * @param {any} doc bundled OpenAPI document
 * @param {Reference} reference
 */
export function computeCoverage(doc, reference) {
  const fieldRoots = reference.fieldRoots ?? [[]];
  const routeKey = (/** @type {string} */ method, /** @type {string} */ path) =>
    `${method.toUpperCase()} ${templateKey(path)}`;
  const byRoute = new Map(listOperations(doc).map((o) => [routeKey(o.method, o.path), o]));
  const fidelity = computeFidelity(doc);
  const fidelityByRoute = new Map(fidelity.operations.map((o) => [routeKey(o.method, o.path), o]));
  /** @type {CoverageRow[]} */
  const rows = reference.actions.map((documented) => {
    const { parameters, requestFields, responseFields, ...action } = documented;
    const found = byRoute.get(routeKey(action.method, action.path));
    /** @type {CoverageRow} */
    const row = {
      action,
      operationId: found?.operation.operationId ?? null,
      present: Boolean(found),
      examples: false,
      missingExamples: [],
      missingFields: [],
      fieldCount: 0,
      fidelity: fidelityByRoute.get(routeKey(action.method, action.path)) ?? null,
    };
    if (!found) return row;
    const op = found.operation;

    // Examples: every request body and every success body with content.
    for (const [type, media] of Object.entries(deref(doc, op.requestBody)?.content ?? {})) {
      if (!hasExamples(doc, media)) row.missingExamples.push(`request ${type}`);
    }
    const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2/.test(code));
    for (const [code, raw] of success) {
      for (const [type, media] of Object.entries(deref(doc, raw)?.content ?? {})) {
        if (!hasExamples(doc, media)) row.missingExamples.push(`${code} ${type}`);
      }
    }
    row.examples = row.missingExamples.length === 0;

    // Fields: documented parameters, request members and response members.
    const params = [...(found.pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
      deref(doc, p),
    );
    for (const p of parameters) {
      row.fieldCount++;
      const [head = '', ...rest] = fieldSegments(p.name);
      // Matched by name: the documentation's "in" column is not always right (a
      // parameter documented as "path" may travel in the query).
      const param = params.find((q) => q.name === head || q.name === p.name);
      const ok =
        (param && (rest.length === 0 || hasField(doc, param.schema, rest))) ||
        (p.in === 'path' && samePathSlot(action.path, found.path, p.name));
      if (!ok) row.missingFields.push(`parameter ${p.name}`);
    }
    const requestRoots = Object.values(deref(doc, op.requestBody)?.content ?? {}).map(
      (m) => /** @type {any} */ (m).schema,
    );
    for (const name of requestFields) {
      row.fieldCount++;
      if (!fieldInRoots(doc, requestRoots, name, fieldRoots)) {
        row.missingFields.push(`request ${name}`);
      }
    }
    const responseRoots = success.flatMap(([, raw]) =>
      Object.values(deref(doc, raw)?.content ?? {}).map((m) => /** @type {any} */ (m).schema),
    );
    for (const name of responseFields) {
      row.fieldCount++;
      if (!fieldInRoots(doc, responseRoots, name, fieldRoots)) {
        row.missingFields.push(`response ${name}`);
      }
    }
    return row;
  });
  const present = rows.filter((r) => r.present).length;
  const examples = rows.filter((r) => r.present && r.examples).length;
  const fields = rows.filter((r) => r.present && r.missingFields.length === 0).length;
  const complete = rows.filter(
    (r) => r.present && r.examples && r.missingFields.length === 0,
  ).length;
  return {
    rows,
    totals: {
      actions: rows.length,
      present,
      examples,
      fields,
      percent: rows.length === 0 ? 100 : Math.floor((complete / rows.length) * 1000) / 10,
    },
    fidelity,
  };
}

/**
 * The facts by kind, as markdown table lines; the "no page named" column only when needed.
 * @param {ReturnType<typeof computeFidelity>['totals']} totals
 */
function factTable(totals) {
  const unsourced = totals.unsourced > 0;
  /** @param {string} label @param {import('./provenance.mjs').Tally} t */
  const line = (label, t) =>
    `| ${label} | ${t.documented} | ${t.assumed} |${unsourced ? ` ${t.unsourced} |` : ''}`;
  return [
    `| Facts | Documented | Assumed |${unsourced ? ' No page named |' : ''}`,
    `| --- | --: | --: |${unsourced ? ' --: |' : ''}`,
    ...FACT_KINDS.map((k) => line(FACT_LABELS[k], totals.byKind[k])),
    line('**All**', totals),
  ];
}

/**
 * @param {Pick<ReturnType<typeof computeCoverage>, 'rows' | 'totals' | 'fidelity'>} coverage
 * @returns {string} markdown
 */
export function renderCoverageMarkdown({ rows, totals, fidelity }) {
  const mark = (/** @type {boolean} */ ok) => (ok ? '✅' : '❌');
  const f = fidelity.totals;
  const lines = [
    '## Coverage of the documented API',
    '',
    `**${totals.percent}%** of ${totals.actions} documented actions are fully covered: ` +
      `${totals.present} present, ${totals.examples} with examples, ${totals.fields} with every documented field.`,
    '',
    `**Provenance:** ${f.withSources} of ${f.operations} operations name their documentation pages. ` +
      `Of the ${f.facts} facts the operations state: **${f.documented} documented**, ` +
      `**${f.assumed} assumed**${f.unsourced > 0 ? `, ${f.unsourced} with no page named yet` : ''} ` +
      `(${f.percentDocumented}% documented).`,
    '',
    ...factTable(f),
    '',
    'A fact is a response status, a response header, a parameter, a member of a parameter, request or ' +
      'response schema, an example or an error message, counted once for every operation that states it. ' +
      'It is assumed when `x-assumed` sits on it or on anything on the way to it, and documented when it ' +
      'is not assumed and `x-sources` names a page for it.',
    '',
    '| Section | Action | Method and path | operationId | Operation | Examples | Fields | Sources | Facts documented / assumed |',
    '| --- | --- | --- | --- | :-: | :-: | :-: | :-: | :-: |',
  ];
  for (const r of rows) {
    const section = [r.action.section, r.action.note && `(${r.action.note})`]
      .filter(Boolean)
      .join(' ');
    const fields = r.present
      ? `${mark(r.missingFields.length === 0)} ${r.fieldCount - r.missingFields.length}/${r.fieldCount}`
      : '—';
    const sources = r.fidelity
      ? `${mark(r.fidelity.sources.length > 0)} ${r.fidelity.sources.length}`
      : '—';
    const facts = r.fidelity
      ? `${r.fidelity.documented} / ${r.fidelity.assumed}${r.fidelity.unsourced ? ` (${r.fidelity.unsourced} no page)` : ''}`
      : '—';
    lines.push(
      `| ${section} | ${r.action.action} | \`${r.action.method} ${r.action.path}\` | ${r.operationId ? `\`${r.operationId}\`` : '—'} | ${mark(r.present)} | ${r.present ? mark(r.examples) : '—'} | ${fields} | ${sources} | ${facts} |`,
    );
  }
  const gaps = rows.filter(
    (r) => r.present && (r.missingFields.length || r.missingExamples.length),
  );
  if (gaps.length > 0) {
    lines.push('', '### What is missing', '');
    for (const r of gaps) {
      const what = [...r.missingExamples.map((e) => `example for ${e}`), ...r.missingFields];
      lines.push(`- \`${r.operationId}\` (${r.action.action}): ${what.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The machine-readable coverage: the totals, one entry per documented action and one per
 * operation of the bundle with its fidelity.
 * @param {ReturnType<typeof computeCoverage>} coverage
 */
export function coverageJson({ rows, totals, fidelity }) {
  return {
    totals: { ...totals, provenance: fidelity.totals },
    actions: rows.map(({ fidelity: _, ...row }) => row),
    operations: fidelity.operations,
  };
}
