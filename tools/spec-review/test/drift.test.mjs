// @ts-check
/**
 * The drift loop end to end, against a stand-in for the real API: the mock serves a copy of
 * the ActivePlatform description altered in exactly six ways; the same traffic goes through
 * the engine's validating proxy and through the client's conformance recorder, both judging
 * by the real description; each report and spec:drift must list those six differences and
 * nothing else, and once the overlay is applied to the real description's source and
 * rebuilt, the same traffic must validate.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConformance } from '@proseapi/mock-engine/observe';
import { startProxy } from '@proseapi/mock-engine/proxy';
import { exampleRequest } from '@proseapi/mock-engine/testing';
import { buildSpecModel } from '@proseapi/openapi-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createRecorder } from '../../../packages/client/dist/recorder.js';
import { DEMO_TOKEN, startMockServer } from '../../../packages/mock/dist/index.js';
import { bundle } from '../src/bundle.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../..');
const cli = join(root, 'tools/spec-review/cli.mjs');
const source = join(root, 'spec/activeplatform');

const RESELLER = '/api/v3/resellers/{reseller_id}';
const NOTES = `${RESELLER}/notes`;
const NOTE = `${NOTES}/{note_id}`;
const HISTORY = `${NOTE}/history`;
const MANAGER = `${RESELLER}/managers/{manager_id}`;
const PAYMENT = `${RESELLER}/payments/{payment_id}`;
const CHARGE = `${RESELLER}/child_reseller_charges/{charge_id}`;
const ORDER = `${RESELLER}/orders/{order_id}`;
const OTHER_TEXT = 'Access to this action is denied';

/** @typedef {Record<string, any>} Doc */

/** @param {Doc} doc @param {string} ref */
function at(doc, ref) {
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => node[key], doc);
}

/** The example a success answer of an operation serves first. @param {Doc} doc @param {any} op */
function servedExample(doc, op) {
  const status = Object.keys(op.responses).find((s) => s.startsWith('2')) ?? '';
  const media = op.responses[status].content['application/vnd.api+json'];
  const first = Object.values(media.examples)[0];
  return first.$ref ? at(doc, first.$ref) : first;
}

/**
 * The stand-in's description: the real one with exactly six differences.
 * @param {Doc} real
 */
function alter(real) {
  /** @type {Doc} */
  const doc = structuredClone(real);
  // 1. A creation answers 200 where the description says 201.
  const create = doc.paths[NOTES].post.responses;
  create['200'] = create['201'];
  delete create['201'];
  // 2. An extra field in an answer.
  servedExample(doc, doc.paths[MANAGER].get).value.data.attributes.nickname = 'Root';
  doc.components.schemas.ManagerAttributes.properties.nickname = { type: 'string' };
  // 3. A required field missing from an answer.
  delete servedExample(doc, doc.paths[PAYMENT].get).value.data.attributes.comment;
  const payment = doc.components.schemas.PaymentAttributes;
  payment.required = payment.required.filter((/** @type {string} */ n) => n !== 'comment');
  // 4. A number sent as a string (in an answer whose body the description borrows: assumed).
  const charge = servedExample(doc, doc.paths[CHARGE].get).value.data.attributes;
  charge.quantity = String(charge.quantity);
  doc.components.schemas.ChargeAttributes.properties.quantity.type = 'string';
  // 5. A different error text.
  doc.components.examples['Forbidden-403-actionForbidden'].value.errors[0].title = OTHER_TEXT;
  // 6. An endpoint the description lacks.
  doc.paths[HISTORY] = {
    get: { ...structuredClone(doc.paths[NOTE].get), operationId: 'getNoteHistory' },
  };
  return doc;
}

/**
 * @typedef {{ method: string, path: string, query?: string, body?: string | undefined,
 *   contentType?: string | undefined, headers?: Record<string, string> }} Request
 */

/** @type {Doc} */
let real;
/** @type {Request[]} */
const traffic = [];
/** @type {import('@proseapi/mock-engine/observe').Exchange[]} */
const exchanges = [];
/** @type {import('@proseapi/conformance').Report} */
let proxied;
/** @type {import('@proseapi/conformance').Report} */
let recorded;
/** @type {Doc} */
let altered;
let work = '';

/**
 * @param {string[]} args
 */
function spec(args) {
  const run = spawnSync(process.execPath, [cli, ...args, '--root', root], {
    cwd: work,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`spec-review ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/**
 * Sends the traffic to a base URL with a fetch; returns the statuses.
 * @param {string} base
 * @param {typeof fetch} send
 */
async function drive(base, send) {
  const statuses = [];
  for (const request of traffic) {
    /** @type {Record<string, string>} */
    const headers = {
      'x-api-token': DEMO_TOKEN,
      accept: 'application/vnd.api+json',
      ...request.headers,
    };
    if (request.contentType) headers['content-type'] = request.contentType;
    const answer = await send(`${base}${request.path}${request.query ? `?${request.query}` : ''}`, {
      method: request.method.toUpperCase(),
      headers,
      body: request.body ?? null,
    });
    await answer.arrayBuffer();
    statuses.push(answer.status);
  }
  return statuses;
}

/** The six differences as keys: kind, operation, status, pointer. @param {import('@proseapi/conformance').Report} report */
function differencesOf(report) {
  return report.findings.map((f) => `${f.kind} ${f.operation} ${f.status} ${f.pointer}`).sort();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'drift-e2e-'));
  real = JSON.parse(readFileSync(bundle(join(source, 'openapi.yaml')), 'utf8'));
  // Every operation's example request, then a refusal, then the endpoint the description lacks.
  const model = buildSpecModel(real);
  for (const op of model.operations) traffic.push(exampleRequest(model, op));
  const order = model.operations.find((op) => op.key === `GET ${ORDER}`);
  if (!order) throw new Error(`no GET ${ORDER}`);
  traffic.push({ ...exampleRequest(model, order), headers: { prefer: 'code=403' } });
  traffic.push({ method: 'get', path: '/api/v3/resellers/1/notes/5/history' });

  altered = alter(real);
  const standIn = await startMockServer({ spec: altered, mode: 'stateless', port: 0 });
  // Through the validating proxy …
  const conformance = createConformance({ spec: real, recordedBy: 'proxy', secrets: [DEMO_TOKEN] });
  const proxy = await startProxy({
    target: standIn.url,
    port: 0,
    judge: (exchange) => {
      exchanges.push(exchange);
      return conformance.observer.observe(exchange);
    },
  });
  try {
    const statuses = await drive(proxy.url, fetch);
    expect(statuses.slice(-2)).toEqual([403, 200]);
  } finally {
    await proxy.close();
  }
  proxied = conformance.recording.report();
  // … and through the client's recorder, straight to the stand-in.
  const recorder = createRecorder({ baseUrl: standIn.url, secrets: [DEMO_TOKEN] });
  try {
    await drive(standIn.url, recorder.fetch);
    await recorder.flush();
  } finally {
    await standIn.close();
  }
  recorded = recorder.report();
  writeFileSync(join(work, 'proxy.json'), JSON.stringify(proxied));
  writeFileSync(join(work, 'recorder.json'), JSON.stringify(recorded));
  cpSync(source, join(work, 'spec'), {
    recursive: true,
    filter: (path) => !/\/(dist|node_modules|test)$/.test(path),
  });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('drift against a stand-in API altered in six ways', () => {
  it('records exactly the six differences, through the proxy and through the recorder', () => {
    const six = [
      `undeclared-status POST ${NOTES} 200 `,
      `undeclared-member GET ${MANAGER} 200 /data/attributes/nickname`,
      `invalid-value GET ${PAYMENT} 200 /data/attributes/comment`,
      `invalid-value GET ${CHARGE} 200 /data/attributes/quantity`,
      `error-text GET ${ORDER} 403 /errors/*/title`,
      'unknown-operation GET /api/v3/resellers/1/notes/5/history 200 ',
    ].sort();
    for (const report of [proxied, recorded]) {
      expect(report.exchanges, report.recordedBy).toBe(traffic.length);
      expect(differencesOf(report), report.recordedBy).toEqual(six);
      const detail = (/** @type {string} */ end) =>
        report.findings.find((f) => f.pointer.endsWith(end))?.detail;
      expect(detail('/comment')).toBe('required');
      expect(detail('/quantity')).toBe('type');
      expect(report.errorTexts.filter((t) => !t.inDescription).map((t) => t.text)).toEqual([
        OTHER_TEXT,
      ]);
      expect(JSON.stringify(report)).not.toContain(DEMO_TOKEN);
    }
    expect(exchanges).toHaveLength(traffic.length);
  });

  it('summarises them and proposes an overlay whose actions carry their evidence', () => {
    const markdown = spec([
      'drift',
      'proxy.json',
      'recorder.json',
      '--spec',
      join(work, 'spec'),
      '--overlay',
      'drift-overlay.yaml',
    ]);
    for (const heading of [
      'New statuses',
      'New fields',
      'Missing fields',
      'Type mismatches',
      'Error texts',
      'Endpoints the description lacks',
    ]) {
      const section = markdown.split(`## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(section, heading).toMatch(/\| \d+ \|/);
    }
    expect(markdown).toContain(`"${OTHER_TEXT}"`);
    expect(markdown).not.toMatch(/has changed since|other descriptions/);
    expect(markdown).toContain('a documented fact');
    expect(markdown).toContain('an assumption');
    expect(markdown).toContain('GET /api/v3/resellers/{reseller_id}/notes/{note_id}/history');
    const overlay = YAML.parse(readFileSync(join(work, 'drift-overlay.yaml'), 'utf8'));
    expect(overlay.overlay).toBe('1.0.0');
    const findings = overlay.actions.flatMap((/** @type {any} */ a) => a['x-drift-evidence']);
    expect(
      new Set(findings.map((/** @type {any} */ e) => `${e.operation} ${e.pointer}`)).size,
    ).toBe(6);
    for (const action of overlay.actions) {
      expect(action.target).toMatch(/^\$/);
      for (const evidence of action['x-drift-evidence']) {
        expect(evidence.count).toBe(2);
        expect(evidence.firstSeen).toMatch(/^\d{4}-/);
        expect(evidence.sample.url).toMatch(/^http/);
      }
    }
    const text = readFileSync(join(work, 'drift-overlay.yaml'), 'utf8');
    expect(text).not.toContain(DEMO_TOKEN);
    expect(markdown).not.toContain(DEMO_TOKEN);
  });

  it('makes the same traffic valid once applied to the source and rebuilt', async () => {
    const applied = spec(['drift', 'apply', 'drift-overlay.yaml', '--spec', join(work, 'spec')]);
    expect(applied).toMatch(/applied: \d+ changes? in \d+ files?/);
    const rebuilt = JSON.parse(readFileSync(bundle(join(work, 'spec/openapi.yaml')), 'utf8'));
    // The exchanges the proxy saw, judged again …
    const conformance = createConformance({ spec: rebuilt, recordedBy: 'proxy' });
    for (const exchange of exchanges) await conformance.observer.observe(exchange);
    // … and the same requests sent again through a recorder judging by the rebuilt description.
    const standIn = await startMockServer({ spec: altered, mode: 'stateless', port: 0 });
    const recorder = createRecorder({ baseUrl: standIn.url, spec: rebuilt });
    try {
      await drive(standIn.url, recorder.fetch);
      await recorder.flush();
    } finally {
      await standIn.close();
    }
    /** @type {import('@proseapi/conformance').Report[]} */
    const reports = [conformance.recording.report(), recorder.report()];
    for (const after of reports) {
      expect(after.exchanges, after.recordedBy).toBe(traffic.length);
      expect(after.findings, after.recordedBy).toEqual([]);
      expect(after.errorTexts.filter((t) => !t.inDescription)).toEqual([]);
    }
  });
});
