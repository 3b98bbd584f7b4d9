// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  computeCoverage,
  fieldSegments,
  loadReference,
  renderCoverageMarkdown,
} from '../src/coverage.mjs';
import { runCli } from './helpers.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const doc = parse(readFileSync(`${fixtures}things-v1.yaml`, 'utf8'));
const reference = loadReference(`${fixtures}reference`);

describe('coverage', () => {
  const { rows, totals } = computeCoverage(doc, reference);

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
    expect(renderCoverageMarkdown({ rows, totals })).toContain(
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

  it('fails the command when an operation is missing', () => {
    const copy = structuredClone(doc);
    delete copy.paths['/api/v3/resellers/{reseller_id}/things/{thing_id}'];
    const r = runCli(['coverage', '--reference', `${fixtures}reference`], { bundle: copy });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\| Things \| Delete thing \| .* \| — \| ❌ \| — \| — \|/);
  });
});
