// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkReference,
  computeCoverage,
  fieldSegments,
  hasField,
  loadReference,
  renderCoverageMarkdown,
} from '../src/coverage.mjs';
import { runCli } from './helpers.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const doc = parse(readFileSync(`${fixtures}things-v1.yaml`, 'utf8'));
const reference = await loadReference(`${fixtures}reference`);

describe('coverage', () => {
  const coverage = computeCoverage(doc, reference);
  const { rows, totals } = coverage;

  it('finds operations by method and path template', () => {
    expect(rows.map((r) => [r.action.action, r.present, r.operationId])).toEqual([
      ['Get list of things', true, 'listThings'],
      ['Delete thing', true, 'deleteThing'],
    ]);
  });

  it('reports every documented field the schema lacks, and only those', () => {
    expect(rows[0]?.missingFields).toEqual(['response attributes.colour']);
    expect(rows[0]?.fieldCount).toBe(6);
  });

  it('is below 100% while a field is missing, and says what is missing', () => {
    expect(totals.percent).toBe(50);
    expect(renderCoverageMarkdown(coverage)).toContain(
      '`listThings` (Get list of things): response attributes.colour',
    );
  });

  it('counts an operation that lost its only example as incomplete', () => {
    const copy = structuredClone(doc);
    delete copy.paths['/api/v3/resellers/{reseller_id}/things'].get.responses['200'].content[
      'application/vnd.api+json'
    ].example;
    const row = computeCoverage(copy, reference).rows[0];
    expect(row?.examples).toBe(false);
    expect(row?.missingExamples).toEqual(['200 application/vnd.api+json']);
  });

  it('splits documented names into schema segments', () => {
    expect(fieldSegments('data.attributes.key')).toEqual(['data', 'attributes', 'key']);
    expect(fieldSegments('filter[created_at][gt]')).toEqual(['filter', 'created_at', 'gt']);
    expect(fieldSegments("custom_attributes['x'].value")).toEqual([
      'custom_attributes',
      '*',
      'value',
    ]);
    expect(fieldSegments('account_types[].name')).toEqual(['account_types', 'name']);
  });

  it('shows the provenance totals, and the sources and facts of each operation', () => {
    const copy = structuredClone(doc);
    copy.paths['/api/v3/resellers/{reseller_id}/things'].get['x-sources'] = [
      'https://docs.example.org/list-things',
    ];
    copy.paths['/api/v3/resellers/{reseller_id}/things/{thing_id}'].delete.responses['204'][
      'x-assumed'
    ] = 'No page shows the status.';
    const markdown = renderCoverageMarkdown(computeCoverage(copy, reference));
    // listThings: 2 parameters, 1 member of page, 1 status, 4 body members, 1 example, all
    // documented; deleteThing: its assumed status and 2 parameters with no page named.
    expect(markdown).toContain(
      '**Provenance:** 1 of 2 operations name their documentation pages. Of the 12 facts the operations state: **9 documented**, **1 assumed**, 2 with no page named yet (75% documented).',
    );
    expect(markdown).toContain('| **All** | 9 | 1 | 2 |');
    expect(markdown).toMatch(/\| `listThings` \| ✅ \| ✅ \| ❌ 5\/6 \| ✅ 1 \| 9 \/ 0 \|/);
    expect(markdown).toMatch(/\| `deleteThing` \| .* \| ❌ 0 \| 0 \/ 1 \(2 no page\) \|/);
  });

  it('prints JSON with --json: totals, actions and every operation', () => {
    const r = runCli(['coverage', '--json', '--reference', `${fixtures}reference`], {
      bundle: doc,
    });
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.totals).toMatchObject({ actions: 2, present: 2, percent: 50 });
    expect(json.totals.provenance).toMatchObject({ operations: 2, withSources: 0, documented: 0 });
    expect(json.actions[0]).toMatchObject({
      operationId: 'listThings',
      missingFields: ['response attributes.colour'],
    });
    expect(
      json.operations.map((/** @type {{ operationId: string }} */ o) => o.operationId),
    ).toEqual(['listThings', 'deleteThing']);
  });

  it('fails the command when an operation is missing', () => {
    const copy = structuredClone(doc);
    delete copy.paths['/api/v3/resellers/{reseller_id}/things/{thing_id}'];
    const r = runCli(['coverage', '--reference', `${fixtures}reference`], { bundle: copy });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\| Things \| Delete thing \| .* \| — \| ❌ \| — \| — \|/);
  });
});

describe('documented fields in XML', () => {
  // A description whose members have XML element names other than their keys.
  const xmlDoc = {
    components: {
      schemas: {
        Parameter: { type: 'object', xml: { name: 'MessageParameter' }, properties: { key: {} } },
        Notification: {
          type: 'object',
          xml: { name: 'Notification' },
          properties: {
            createdBy: { type: 'object', xml: { name: 'CreatedBy' }, properties: { name: {} } },
            messageParameters: {
              type: 'array',
              xml: { name: 'MessageParameters', wrapped: true },
              items: { $ref: '#/components/schemas/Parameter' },
            },
            recipient: { type: 'array', items: { type: 'object', properties: { id: {} } } },
          },
        },
      },
    },
  };
  const root = { $ref: '#/components/schemas/Notification' };

  it('finds a member by its key or by its element name', () => {
    expect(hasField(xmlDoc, root, ['CreatedBy', 'name'])).toBe(true);
    expect(hasField(xmlDoc, root, ['createdBy', 'name'])).toBe(true);
    expect(hasField(xmlDoc, root, ['CreatedBy', 'Name'])).toBe(false);
  });

  it('finds the items of a wrapped list by their element name, and unwrapped ones directly', () => {
    expect(hasField(xmlDoc, root, ['MessageParameters', 'MessageParameter', 'key'])).toBe(true);
    expect(hasField(xmlDoc, root, ['MessageParameters', 'Other', 'key'])).toBe(false);
    expect(hasField(xmlDoc, root, ['recipient', 'id'])).toBe(true);
  });
});

describe('reference adapters', () => {
  it('must return the common form; a fault names the adapter and the action', () => {
    const good = {
      section: 'S',
      action: 'A',
      method: 'GET',
      path: '/a',
      parameters: [],
      requestFields: [],
      responseFields: [],
    };
    expect(checkReference({ actions: [good] }, 'x/actions.mjs').actions).toHaveLength(1);
    expect(() => checkReference([], 'x/actions.mjs')).toThrow(
      'x/actions.mjs: documentedActions() must return { actions: [...] }',
    );
    expect(() =>
      checkReference({ actions: [good, { ...good, path: 'a' }] }, 'x/actions.mjs'),
    ).toThrow('x/actions.mjs: actions[1] (A).path must start with "/"');
    expect(() =>
      checkReference({ actions: [{ ...good, parameters: [{ name: 'p' }] }] }, 'x/actions.mjs'),
    ).toThrow('actions[0] (A).parameters must be a list of { name, in }');
  });
});
