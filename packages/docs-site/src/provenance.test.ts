import { describe, expect, it } from 'vitest';
import { listOperations } from './openapi.js';
import { ASSUMED_CLASS, assumedBadge, markProvenance } from './provenance.js';
import { fixture } from './test-support/fixture.js';
import { FIXTURE_SOURCES, provenanceFixture } from './test-support/provenance-fixture.js';

/** The value at a path of keys inside a JSON document. */
function at(node: unknown, ...keys: Array<string | number>): unknown {
  return keys.reduce<unknown>(
    (value, key) => (value as Record<string | number, unknown> | undefined)?.[key],
    node,
  );
}

const marked = markProvenance(provenanceFixture);
const operation = listOperations(marked)[0]?.operation;
const schema = at(marked, 'components', 'schemas', 'ThingInput');

describe('markProvenance', () => {
  it('lists the pages of an operation as links after its description', () => {
    expect(at(operation, 'description')).toBe(
      [
        'Creates a thing.',
        '',
        '**Documentation pages** this operation is modelled from:',
        '',
        '- [docs.example.org/v2/create-thing](https://docs.example.org/v2/create-thing)',
        '- [docs.example.org/v1/create-thing](https://docs.example.org/v1/create-thing)',
      ].join('\n'),
    );
  });

  it('puts a badge and the reason before the description of an assumed field', () => {
    expect(at(schema, 'properties', 'colour', 'description')).toBe(
      `${assumedBadge('Assumed')} The page lists this member without its type.\n\nThe colour of the thing.`,
    );
    expect(at(schema, 'properties', 'name', 'description')).toBe('What the thing is called.');
    expect(at(operation, 'parameters', 0, 'description')).toMatch(
      /^<span class="provenance-assumed"[^>]*>Assumed<\/span> The page names this parameter/,
    );
  });

  it('says what a badge on a response and on a body is about', () => {
    expect(at(operation, 'responses', '2XX', 'description')).toBe(
      [
        `${assumedBadge('Assumed body')} The page shows no answer; the input model is borrowed.`,
        `${assumedBadge('Assumed status')} The page shows no status for this answer.`,
        'The created thing.',
      ].join('\n\n'),
    );
  });

  it('labels a written example in its summary and names the page of an official one', () => {
    const examples = at(operation, 'requestBody', 'content', 'application/json', 'examples');
    expect(at(examples, 'written', 'summary')).toBe('Assumed: A thing without colour');
    expect(at(examples, 'official', 'summary')).toBe('The example of the page');
    expect(at(examples, 'official', 'description')).toBe(
      `Documentation: [docs.example.org/v2/create-thing](${FIXTURE_SOURCES[0]})`,
    );
  });

  it('escapes the reason, keeps the extensions and leaves the input alone', () => {
    const doc = structuredClone(provenanceFixture);
    const path = ['components', 'schemas', 'ThingInput', 'properties', 'name'];
    Object.assign(at(doc, ...path) as object, { 'x-assumed': 'Shown as <b>bold</b> & cut off.' });
    const out = markProvenance(doc);
    expect(at(out, ...path, 'description')).toContain(
      'Shown as &lt;b&gt;bold&lt;/b&gt; &amp; cut off.',
    );
    expect(at(out, ...path, 'x-assumed')).toBe('Shown as <b>bold</b> & cut off.');
    expect(JSON.stringify(provenanceFixture)).not.toContain(ASSUMED_CLASS);
  });

  it('changes nothing in a description without provenance', () => {
    expect(markProvenance(fixture)).toEqual(fixture);
  });
});
