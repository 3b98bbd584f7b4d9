// @ts-check
/**
 * Measures a bundled spec against the documented actions: is every action an operation,
 * does it carry examples, and does it model every documented parameter and field?
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
 * @typedef {{ section: string, method: string, path: string, action: string, extra: boolean }} Action
 * @typedef {{ name: string, in?: string }} DocField
 * @typedef {import('./provenance.mjs').OperationFidelity} OperationFidelity
 * @typedef {{ action: Action, operationId: string | null, present: boolean, examples: boolean,
 *   missingExamples: string[], missingFields: string[], fieldCount: number,
 *   fidelity: OperationFidelity | null }} CoverageRow
 */

/**
 * Loads the documented actions (coverage list + extra endpoints) and per-action facts.
 * @param {string} dir folder holding seed-coverage-list.tsv, operations.json, conventions.json
 */
export function loadReference(dir) {
  const [, ...lines] = readFileSync(join(dir, 'seed-coverage-list.tsv'), 'utf8').trim().split('\n');
  /** @type {Action[]} */
  const actions = lines.map((line) => {
    const [section = '', method = '', path = '', action = ''] = line.split('\t');
    return { section, method, path, action, extra: false };
  });
  const conventions = JSON.parse(readFileSync(join(dir, 'conventions.json'), 'utf8'));
  for (const e of conventions.extra_v3_endpoints_not_in_endpoints_tsv ?? []) {
    actions.push({ section: '', method: e.method, path: e.path, action: e.action, extra: true });
  }
  const operations = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8'));
  return { actions, operations };
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
 * True when the schema has the nested member the segments name.
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
    const child = head !== undefined ? alt.properties?.[head] : undefined;
    if (child && hasField(doc, child, rest)) return true;
    for (const [pattern, sub] of Object.entries(alt.patternProperties ?? {})) {
      if (head !== undefined && new RegExp(pattern, 'u').test(head) && hasField(doc, sub, rest)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * True when the field exists from any of the roots (`x`, `data.x`, `data.attributes.x`…).
 * @param {any} doc
 * @param {any[]} roots
 * @param {string} name
 */
function fieldInRoots(doc, roots, name) {
  const segments = fieldSegments(name);
  const prefixes = [[], ['data'], ['data', 'attributes'], ['included'], ['included', 'attributes']];
  return roots.some((root) =>
    prefixes.some((prefix) => hasField(doc, root, [...prefix, ...segments])),
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
 * @param {{ actions: Action[], operations: any[] }} reference
 */
export function computeCoverage(doc, reference) {
  const routeKey = (/** @type {string} */ method, /** @type {string} */ path) =>
    `${method.toUpperCase()} ${templateKey(path)}`;
  const byRoute = new Map(listOperations(doc).map((o) => [routeKey(o.method, o.path), o]));
  const fidelity = computeFidelity(doc);
  const fidelityByRoute = new Map(fidelity.operations.map((o) => [routeKey(o.method, o.path), o]));
  /** @type {CoverageRow[]} */
  const rows = reference.actions.map((action) => {
    const found = byRoute.get(routeKey(action.method, action.path));
    const facts = reference.operations.find(
      (o) => o.action === action.action && o.method === action.method && o.path === action.path,
    );
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
    if (facts) {
      const params = [...(found.pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        deref(doc, p),
      );
      for (const p of facts.parameters ?? []) {
        if (p.in === 'header' || p.name === 'base_url') continue;
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
      for (const f of facts.requestBody ?? []) {
        row.fieldCount++;
        if (!fieldInRoots(doc, requestRoots, f.name)) row.missingFields.push(`request ${f.name}`);
      }
      const responseRoots = success.flatMap(([, raw]) =>
        Object.values(deref(doc, raw)?.content ?? {}).map((m) => /** @type {any} */ (m).schema),
      );
      for (const f of facts.responseFields ?? []) {
        row.fieldCount++;
        if (!fieldInRoots(doc, responseRoots, f.name)) row.missingFields.push(`response ${f.name}`);
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
    const section = r.action.extra ? '(beyond the coverage list)' : r.action.section;
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
