import { describe, expect, it } from 'vitest';
import type { Node } from './bundle.js';
import { parseXml, xmlNameProblems } from './xml.js';

// A small schema in the shape of the description's: a root with an xml name, a nested
// group, a wrapped list whose items are a referenced schema, and an unwrapped list.
const components: Record<string, Node> = {
  Param: {
    type: 'object',
    xml: { name: 'Param' },
    properties: { key: { type: 'string', xml: { name: 'Key' } } },
  },
};
const root: Node = {
  type: 'object',
  xml: { name: 'Thing' },
  properties: {
    thingId: { type: 'integer', xml: { name: 'ThingId' } },
    owner: {
      type: 'object',
      xml: { name: 'Owner' },
      properties: { name: { type: 'string', xml: { name: 'Name' } } },
    },
    params: {
      type: 'array',
      xml: { name: 'Params', wrapped: true },
      items: { $ref: '#/Param' },
    },
    tags: { type: 'array', items: { type: 'string', xml: { name: 'Tag' } } },
  },
};
const resolve = (schema: unknown): Node => {
  const ref = (schema as Node).$ref;
  return typeof ref === 'string' ? (components[ref.slice(2)] ?? {}) : (schema as Node);
};

describe('the XML name check', () => {
  it('accepts a document whose elements all follow the xml names', () => {
    const xml = `<Thing><ThingId>1</ThingId><Owner><Name>Ann</Name></Owner>
      <Params><Param><Key>a</Key></Param><Param><Key>b</Key></Param></Params>
      <Tag>x</Tag><Tag>y</Tag></Thing>`;
    expect(xmlNameProblems(xml, root, resolve)).toEqual([]);
  });

  it('names a wrong root element', () => {
    expect(xmlNameProblems('<Things/>', root, resolve)).toEqual([
      "/Things: the root element should be <Thing> (the schema's xml.name)",
    ]);
  });

  it('names an element under its JSON key instead of its xml name, with its path', () => {
    const problems = xmlNameProblems(
      '<Thing><Owner><name>Ann</name></Owner></Thing>',
      root,
      resolve,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\/Thing\/Owner\/name: no property .*\(expected one of Name\)$/);
  });

  it('names a list item with the wrong element name, and a repeated single element', () => {
    const xml =
      '<Thing><ThingId>1</ThingId><ThingId>2</ThingId><Params><Parameter/></Params></Thing>';
    expect(xmlNameProblems(xml, root, resolve)).toEqual([
      '/Thing/ThingId: repeated, but the schema does not describe a list here',
      '/Thing/Params/Parameter: the list holds <Param> elements only',
    ]);
  });

  it('names elements inside a value', () => {
    expect(xmlNameProblems('<Thing><ThingId><X/></ThingId></Thing>', root, resolve)).toEqual([
      '/Thing/ThingId/X: <ThingId> holds a value, not elements',
    ]);
  });

  it('rejects XML that is not well-formed, with the line of the fault', () => {
    expect(() => parseXml('<Thing>\n  <Owner></Thing>')).toThrow(/not well-formed XML: .*line 2/);
    expect(() => parseXml('<A/><B/>')).toThrow(
      /not well-formed XML: one root element expected, found 2/,
    );
  });
});
