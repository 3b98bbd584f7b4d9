// @ts-check
import { describe, expect, it } from 'vitest';
import { narrowingKeywords, sourcesProblems } from '../provenance.js';
import { lint, where } from './lint.js';

const run = lint('provenance/openapi.yaml', 'provenance/redocly.yaml');
const at = (/** @type {string} */ rule) => where(run.problems, `provenance/${rule}`, 'provenance');

describe('the provenance rules on a fixture', () => {
  it('find nothing in an operation that follows the vocabulary', () => {
    const inGood = run.problems.filter((p) => p.location[0]?.source.ref.endsWith('good.yaml'));
    expect(inGood).toEqual([]);
    expect(run.status).not.toBe(0);
  });

  it('operation-sources: an operation without x-sources', () => {
    expect(at('operation-sources')).toEqual(['bad.yaml #/get']);
  });

  it('valid-values: malformed x-sources and an empty x-assumed, beside a $ref too', () => {
    expect(at('valid-values')).toEqual([
      'bad.yaml #/post/responses/2XX/content/application~1json/examples/empty/x-sources',
      'bad.yaml #/post/x-sources/0',
      'bad.yaml #/post/x-sources/1',
      'bad.yaml #/post/x-sources/3',
      'openapi.yaml #/components/schemas/Parent/properties/pointed/x-assumed',
    ]);
  });

  it('example-sources: an Example Object with neither marker, a bare example outside x-assumed', () => {
    expect(at('example-sources')).toEqual([
      'bad.yaml #/get/parameters/1/example',
      'bad.yaml #/get/responses/200/content/application~1json/examples/unmarked',
    ]);
  });

  it('no-assumed-narrowing: keywords inline beneath x-assumed, assumed required flags and members', () => {
    expect(at('no-assumed-narrowing')).toEqual([
      'bad.yaml #/get/parameters/0/required',
      'bad.yaml #/get/parameters/0/schema/additionalProperties',
      'bad.yaml #/get/parameters/0/schema/properties/status/enum',
      'bad.yaml #/get/parameters/0/schema/properties/tags/items/pattern',
      'bad.yaml #/get/parameters/0/schema/properties/tags/uniqueItems',
      'bad.yaml #/post/requestBody/content/application~1json/schema/properties/name/maxLength',
      'bad.yaml #/post/requestBody/content/application~1json/schema/required',
      'openapi.yaml #/components/schemas/Parent/required/1',
      'openapi.yaml #/components/schemas/Parent/required/2',
    ]);
  });

  it('assumed-status-range: an assumed single success code, and 2XX without a reason', () => {
    expect(at('assumed-status-range')).toEqual([
      'bad.yaml #/get/responses/200',
      'bad.yaml #/post/responses/2XX',
    ]);
  });
});

describe('the helpers', () => {
  it('list every narrowing keyword a schema sets, and only those', () => {
    expect(
      narrowingKeywords({
        type: 'object',
        description: 'd',
        required: [],
        additionalProperties: true,
        uniqueItems: false,
        minimum: 0,
        format: 'date',
      }),
    ).toEqual(['format', 'minimum']);
    expect(
      narrowingKeywords({ required: ['a'], additionalProperties: false, uniqueItems: true }),
    ).toEqual(['additionalProperties', 'required', 'uniqueItems']);
  });

  it('accept distinct absolute https URLs only', () => {
    expect(sourcesProblems(['https://docs.example.org/a', 'https://docs.example.org/b'])).toEqual(
      [],
    );
    expect(sourcesProblems('https://docs.example.org/a')).toHaveLength(1);
    expect(
      sourcesProblems([' https://docs.example.org/a', 'ftp://x/y', 3]).map((p) => p.at),
    ).toEqual([0, 1, 2]);
  });
});
