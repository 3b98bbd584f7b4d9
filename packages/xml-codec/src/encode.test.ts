import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { decodeXml, encodeXml, type SchemaObject, XmlCodecError } from './index.js';

function failure(run: () => unknown): XmlCodecError {
  try {
    run();
  } catch (error) {
    if (error instanceof XmlCodecError) return error;
    throw error;
  }
  throw new Error('expected an XmlCodecError');
}

const order: SchemaObject = {
  type: 'object',
  xml: { name: 'Order' },
  properties: {
    id: { type: 'integer', xml: { attribute: true } },
    subject: { type: 'string' },
    line: {
      type: 'array',
      items: {
        type: 'object',
        xml: { name: 'line' },
        properties: { sku: { type: 'string' }, qty: { type: 'integer' } },
      },
    },
    tags: {
      type: 'array',
      xml: { name: 'Tags', wrapped: true },
      items: { type: 'string', xml: { name: 'tag' } },
    },
    paid: { type: 'boolean' },
  },
};

describe('encodeXml', () => {
  it('writes the declaration, the root from xml.name and the members in properties order', () => {
    const xml = encodeXml(
      {
        paid: false,
        tags: ['a'],
        line: [
          { qty: 2, sku: 'X' },
          { sku: 'Y', qty: 1 },
        ],
        subject: 'Hello',
        id: 7,
      },
      order,
    );
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Order id="7">',
        '  <subject>Hello</subject>',
        '  <line>',
        '    <sku>X</sku>',
        '    <qty>2</qty>',
        '  </line>',
        '  <line>',
        '    <sku>Y</sku>',
        '    <qty>1</qty>',
        '  </line>',
        '  <Tags>',
        '    <tag>a</tag>',
        '  </Tags>',
        '  <paid>false</paid>',
        '</Order>',
      ].join('\n'),
    );
  });

  it('writes standalone, other indentation, one line, or no declaration on request', () => {
    const value = { subject: 'x' };
    expect(encodeXml(value, order, { standalone: true })).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>\n<Order>/,
    );
    expect(encodeXml(value, order, { indent: '' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Order><subject>x</subject></Order>',
    );
    expect(encodeXml(value, order, { declaration: false, indent: '\t' })).toBe(
      '<Order>\n\t<subject>x</subject>\n</Order>',
    );
  });

  it('escapes markup, and the whitespace a parser would otherwise change', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: {
        note: { type: 'string', xml: { attribute: true } },
        text: { type: 'string' },
      },
    };
    const value = { note: 'a "b" <c> & d\n\te\r', text: '1 < 2 & ]]> \r\n x' };
    const xml = encodeXml(value, schema, { indent: '' });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('note="a &quot;b&quot; &lt;c&gt; &amp; d&#10;&#9;e&#13;"');
    expect(xml).toContain('<text>1 &lt; 2 &amp; ]]&gt; &#13;\n x</text>');
    expect(decodeXml(xml, schema)).toEqual(value);
  });

  it('writes text content beside attributes', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'price' },
      properties: {
        currency: { type: 'string', xml: { attribute: true } },
        amount: { type: 'number', xml: { nodeType: 'text' } },
      },
    };
    expect(encodeXml({ amount: 12.5, currency: 'EUR' }, schema, { declaration: false })).toBe(
      '<price currency="EUR">12.5</price>',
    );
  });

  it('writes null as xsi:nil where the schema allows it', () => {
    const schema: SchemaObject = { type: ['string', 'null'], xml: { name: 'v' } };
    const xml = encodeXml(null, schema, { declaration: false });
    expect(xml).toBe(
      '<v xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"></v>',
    );
    expect(decodeXml(xml, schema)).toBeNull();
  });

  it('declares the namespace of an element that names one', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'doc', prefix: 'p', namespace: 'urn:example' },
      properties: { v: { type: 'string', xml: { prefix: 'p' } } },
    };
    expect(encodeXml({ v: '1' }, schema, { declaration: false, indent: '' })).toBe(
      '<p:doc xmlns:p="urn:example"><p:v>1</p:v></p:doc>',
    );
  });

  it('writes extra content of an open object back the way the decoder reads it', () => {
    const schema: SchemaObject = { type: 'object', xml: { name: 'r' }, properties: {} };
    const value = { '@flag': '1', extra: { a: ['x', 'y'], b: { '@k': 'v' } } };
    const xml = encodeXml(value, schema, { indent: '' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<r flag="1"><extra><a>x</a><a>y</a><b k="v"></b></extra></r>',
    );
    expect(decodeXml(xml, schema)).toEqual(value);
  });
});

describe('values that cannot be written', () => {
  it('are reported with the element path', () => {
    expect(failure(() => encodeXml({ line: [{ sku: 'a' }, { qty: '2' }] }, order)).message).toBe(
      '/Order/line[2]/qty: expected integer, got string "2"',
    );
    expect(failure(() => encodeXml({ id: 'seven' }, order)).path).toBe('/Order/@id');
    expect(failure(() => encodeXml({ tags: 'a' }, order)).message).toBe(
      '/Order/Tags: property "tags" is a list, got string "a"',
    );
  });

  it('rejects a property a closed object does not have', () => {
    const closed: SchemaObject = { ...order, additionalProperties: false };
    expect(failure(() => encodeXml({ other: 1 }, closed)).message).toBe(
      '/Order: property "other" is not in the schema',
    );
  });

  it('rejects characters XML 1.0 cannot carry', () => {
    expect(failure(() => encodeXml({ subject: 'bell \u0007' }, order)).message).toBe(
      '/Order/subject: U+0007 cannot be written in XML 1.0',
    );
  });

  it('rejects an integer beyond what text carries exactly', () => {
    expect(() => encodeXml(2 ** 60, { type: 'integer', xml: { name: 'n' } })).toThrow(
      /beyond the integers/,
    );
  });

  it('asks for a root name when the schema gives none', () => {
    expect(() => encodeXml({}, { type: 'object' })).toThrow(/names no root element/);
    expect(encodeXml({}, { type: 'object' }, { rootName: 'r', declaration: false })).toBe(
      '<r></r>',
    );
  });
});
