import { describe, expect, it } from 'vitest';
import { decodeXml, type SchemaObject, XmlCodec, XmlCodecError } from './index.js';

/** The error a call throws, so its path and message can be checked. */
function failure(run: () => unknown): XmlCodecError {
  try {
    run();
  } catch (error) {
    if (error instanceof XmlCodecError) return error;
    throw error;
  }
  throw new Error('expected an XmlCodecError');
}

const item: SchemaObject = {
  type: 'object',
  xml: { name: 'item' },
  properties: { id: { type: 'string' } },
};

describe('the root element', () => {
  it('is named by xml.name', () => {
    expect(decodeXml('<item><id>7</id></item>', item)).toEqual({ id: '7' });
  });

  it('is named by the component a $ref leads to when the schema has no xml.name', () => {
    const document = { components: { schemas: { Order: { type: 'object', properties: {} } } } };
    const schema = { $ref: '#/components/schemas/Order' };
    expect(decodeXml('<Order/>', schema, { document })).toEqual({});
    expect(failure(() => decodeXml('<order/>', schema, { document })).message).toBe(
      '/order: expected the root element <Order>',
    );
  });

  it('can be named by the caller, and is not checked when nothing names it', () => {
    const schema: SchemaObject = { type: 'object', properties: { a: { type: 'string' } } };
    expect(decodeXml('<anything><a>x</a></anything>', schema)).toEqual({ a: 'x' });
    expect(() => decodeXml('<anything/>', schema, { rootName: 'other' })).toThrow(
      /expected the root element <other>/,
    );
  });

  it('skips the declaration, comments and processing instructions', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><?pi x?><item><!-- c --><id>7</id></item>\n';
    expect(decodeXml(xml, item)).toEqual({ id: '7' });
  });
});

describe('elements and attributes', () => {
  it('reads child elements into the properties of their names', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { first: { type: 'string' }, second: { type: 'string' } },
    };
    expect(decodeXml('<r><second>2</second><first>1</first></r>', schema)).toEqual({
      first: '1',
      second: '2',
    });
  });

  it('reads an element renamed by the property xml.name', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { subject: { type: 'string', xml: { name: 'Subject-Line' } } },
    };
    expect(decodeXml('<r><Subject-Line>hi</Subject-Line></r>', schema)).toEqual({ subject: 'hi' });
  });

  it('reads attributes marked xml.attribute, renamed and coerced by type', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: {
        id: { type: 'integer', xml: { attribute: true } },
        kind: { type: 'string', xml: { attribute: true, name: 'type' } },
      },
    };
    expect(decodeXml('<r id=" 42 " type="a &amp; b"/>', schema)).toEqual({ id: 42, kind: 'a & b' });
  });

  it('reads the text beside attributes into the property with xml.nodeType text', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'price' },
      properties: {
        currency: { type: 'string', xml: { attribute: true } },
        amount: { type: 'number', xml: { nodeType: 'text' } },
      },
    };
    expect(decodeXml('<price currency="EUR">12.50</price>', schema)).toEqual({
      currency: 'EUR',
      amount: 12.5,
    });
  });

  it('leaves out a text property that is empty where the text is not a string', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'price' },
      properties: {
        currency: { type: 'string', xml: { attribute: true } },
        amount: { type: 'number', xml: { nodeType: 'text' } },
      },
    };
    expect(decodeXml('<price currency="EUR"/>', schema)).toEqual({ currency: 'EUR' });
  });

  it('reads recursive schemas as deep as the document goes', () => {
    const document = {
      components: {
        schemas: {
          Node: {
            type: 'object',
            xml: { name: 'node' },
            properties: {
              name: { type: 'string', xml: { attribute: true } },
              children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
            },
          },
        },
      },
    };
    const xml = '<node name="a"><node name="b"><node name="c"/></node><node name="d"/></node>';
    expect(decodeXml(xml, { $ref: '#/components/schemas/Node' }, { document })).toEqual({
      name: 'a',
      children: [{ name: 'b', children: [{ name: 'c' }] }, { name: 'd' }],
    });
  });

  it('leaves absent elements and attributes out of the value', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { a: { type: 'string' }, b: { type: 'string', xml: { attribute: true } } },
    };
    expect(decodeXml('<r/>', schema)).toEqual({});
  });

  it('takes the keywords written beside a $ref over those of its target', () => {
    const document = {
      components: {
        schemas: { Code: { type: 'string', xml: { name: 'code' } } },
      },
    };
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { code: { $ref: '#/components/schemas/Code', xml: { name: 'Code' } } },
    };
    expect(decodeXml('<r><Code>x</Code></r>', schema, { document })).toEqual({ code: 'x' });
  });

  it('merges the properties of allOf branches', () => {
    const schema: SchemaObject = {
      xml: { name: 'r' },
      allOf: [
        { type: 'object', properties: { a: { type: 'integer' } } },
        { type: 'object', properties: { b: { type: 'boolean' } } },
      ],
    };
    expect(decodeXml('<r><b>true</b><a>1</a></r>', schema)).toEqual({ a: 1, b: true });
  });

  it('matches prefixed names as written', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'doc', prefix: 'p', namespace: 'urn:x' },
      properties: { v: { type: 'string', xml: { prefix: 'p' } } },
    };
    expect(decodeXml('<p:doc xmlns:p="urn:x"><p:v>1</p:v></p:doc>', schema)).toEqual({ v: '1' });
  });
});

describe('arrays', () => {
  it('reads an unwrapped array from repeated elements named by the items xml.name', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: {
        recipients: { type: 'array', items: { type: 'string', xml: { name: 'recipient' } } },
        other: { type: 'string' },
      },
    };
    const xml = '<r><recipient>a</recipient><other>o</other><recipient>b</recipient></r>';
    expect(decodeXml(xml, schema)).toEqual({ recipients: ['a', 'b'], other: 'o' });
  });

  it('names unwrapped items by the property when the items have no xml.name', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: {
        tokens: { type: 'array', xml: { name: 'ignored' }, items: { type: 'integer' } },
      },
    };
    expect(decodeXml('<r><tokens>1</tokens></r>', schema)).toEqual({ tokens: [1] });
    expect(decodeXml('<r/>', schema)).toEqual({});
  });

  it('reads a wrapped array from the wrapper named by the array xml.name', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: {
        tags: {
          type: 'array',
          xml: { name: 'Tags', wrapped: true },
          items: { type: 'string', xml: { name: 'tag' } },
        },
      },
    };
    expect(decodeXml('<r><Tags><tag>a</tag><tag>b</tag></Tags></r>', schema)).toEqual({
      tags: ['a', 'b'],
    });
    expect(decodeXml('<r><Tags/></r>', schema)).toEqual({ tags: [] });
    expect(failure(() => decodeXml('<r><Tags><x/></Tags></r>', schema)).path).toBe('/r/Tags/x');
  });

  it('reads an array-typed root as a list of its child elements', () => {
    const schema: SchemaObject = {
      type: 'array',
      xml: { name: 'list' },
      items: { type: 'integer', xml: { name: 'n' } },
    };
    expect(decodeXml('<list><n>1</n><n>2</n></list>', schema)).toEqual([1, 2]);
  });
});

describe('scalars', () => {
  const scalar = (type: string | string[]): SchemaObject => ({ type, xml: { name: 'v' } });

  it('reads integers, numbers and booleans from text without surrounding whitespace', () => {
    expect(decodeXml('<v>\n  -12\n</v>', scalar('integer'))).toBe(-12);
    expect(decodeXml('<v> 1.5e3 </v>', scalar('number'))).toBe(1500);
    expect(decodeXml('<v>-0</v>', scalar('number'))).toBe(-0);
    expect(decodeXml('<v>true</v>', scalar('boolean'))).toBe(true);
    expect(decodeXml('<v>0</v>', scalar('boolean'))).toBe(false);
  });

  it('keeps strings as written by default, and trims them on request', () => {
    const xml = '<v>\n    padded  \n</v>';
    expect(decodeXml(xml, scalar('string'))).toBe('\n    padded  \n');
    expect(decodeXml(xml, scalar('string'), { text: 'trim' })).toBe('padded');
  });

  it('reads the first type of a union the text fits, most specific first', () => {
    expect(decodeXml('<v>7</v>', scalar(['string', 'integer']))).toBe(7);
    expect(decodeXml('<v>seven</v>', scalar(['string', 'integer']))).toBe('seven');
  });

  it('reads the type of an enum or const without a type keyword', () => {
    expect(decodeXml('<v>2</v>', { enum: [1, 2], xml: { name: 'v' } })).toBe(2);
    expect(decodeXml('<v>PERSON</v>', { const: 'PERSON', xml: { name: 'v' } })).toBe('PERSON');
  });

  it('reads xsi:nil as null where the schema allows null', () => {
    const xml = '<v xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>';
    expect(decodeXml(xml, scalar(['string', 'null']))).toBeNull();
    expect(failure(() => decodeXml(xml, scalar('string'))).message).toMatch(/does not allow null/);
  });

  it('decodes entities, character references and CDATA into text', () => {
    expect(decodeXml('<v>a &amp; b &lt; &#x41;&#13;<![CDATA[<raw>]]></v>', scalar('string'))).toBe(
      'a & b < A\r<raw>',
    );
  });

  it('reports text that does not fit the type, with its element path', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { n: { type: 'array', items: { type: 'integer' } } },
    };
    const error = failure(() => decodeXml('<r><n>1</n><n>one</n></r>', schema));
    expect(error.path).toBe('/r/n[2]');
    expect(error.message).toBe('/r/n[2]: expected integer, found "one"');
    expect(failure(() => decodeXml('<v>9007199254740993</v>', scalar('integer'))).path).toBe('/v');
  });
});

describe('content the schema does not describe', () => {
  const open: SchemaObject = {
    type: 'object',
    xml: { name: 'r' },
    properties: { id: { type: 'string' } },
  };

  it('is kept, generically, by an open object: elements, @attributes and #text', () => {
    const xml = '<r flag="1"><id>1</id><extra><a>x</a><a>y</a><b k="v"/></extra>tail</r>';
    expect(decodeXml(xml, open)).toEqual({
      id: '1',
      extra: { a: ['x', 'y'], b: { '@k': 'v' } },
      '@flag': '1',
      '#text': 'tail',
    });
  });

  it('is read with the additionalProperties schema when there is one', () => {
    const schema: SchemaObject = { ...open, additionalProperties: { type: 'integer' } };
    expect(decodeXml('<r><id>1</id><n>2</n><n>3</n></r>', schema)).toEqual({ id: '1', n: [2, 3] });
  });

  it('is an error in a closed object, named by its path', () => {
    const closed: SchemaObject = { ...open, additionalProperties: false };
    expect(failure(() => decodeXml('<r><id>1</id><other/></r>', closed)).message).toBe(
      '/r/other: the schema has no property for this element',
    );
    expect(failure(() => decodeXml('<r x="1"/>', closed)).path).toBe('/r/@x');
    expect(failure(() => decodeXml('<r>text</r>', closed)).path).toBe('/r/text()');
  });

  it('is read whole by an empty schema', () => {
    expect(decodeXml('<any><a>1</a></any>', {})).toEqual({ a: '1' });
    expect(decodeXml('<any>just text</any>', true)).toBe('just text');
  });
});

describe('documents that do not fit', () => {
  const schema: SchemaObject = {
    type: 'object',
    xml: { name: 'r' },
    properties: { one: { type: 'string' }, nested: item },
  };

  it('reports malformed XML with its line and column', () => {
    const error = failure(() => decodeXml('<r>\n  <one>x</two>\n</r>', schema));
    expect(error.message).toMatch(/^\/: not well-formed XML: .*closing tag/);
    expect([error.line, error.column]).toEqual([2, 9]);
  });

  it('reports a repeated element whose property is not a list', () => {
    expect(failure(() => decodeXml('<r><one>a</one><one>b</one></r>', schema)).message).toBe(
      '/r/one[2]: <one> may appear once here: property "one" is not a list',
    );
  });

  it('reports an element where text is expected', () => {
    expect(failure(() => decodeXml('<r><one><b/></one></r>', schema)).message).toBe(
      '/r/one: expected text, found element <b>',
    );
  });

  it('reports more than one root element, and text beside the root', () => {
    expect(() => decodeXml('<r/><r/>', schema)).toThrow(/exactly one root element/);
  });
});

describe('schemas the codec cannot map', () => {
  it('reports two properties on one element name, at the second one', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { a: { type: 'string' }, b: { type: 'string', xml: { name: 'a' } } },
    };
    expect(failure(() => decodeXml('<r/>', schema)).message).toBe(
      '#/properties/b: properties "a" and "b" both map to element <a>',
    );
  });

  it('reports text content beside child elements', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { t: { type: 'string', xml: { nodeType: 'text' } }, e: { type: 'string' } },
    };
    expect(() => decodeXml('<r/>', schema)).toThrow(/mixed content is not supported/);
  });

  it('reports a $ref that does not resolve, at the schema pointer given', () => {
    const codec = new XmlCodec({ document: { components: {} } });
    const error = failure(() =>
      codec.decode('<r/>', { $ref: '#/components/schemas/Missing' }, { pointer: '#/paths/x' }),
    );
    expect(error.message).toBe(
      '#/paths/x: $ref #/components/schemas/Missing does not resolve in the document',
    );
  });

  it('reports a schema that contains itself through allOf', () => {
    const document = {
      components: { schemas: { Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }] } } },
    };
    expect(() => decodeXml('<Loop/>', { $ref: '#/components/schemas/Loop' }, { document })).toThrow(
      /contains itself/,
    );
  });

  it('reports an attribute whose schema is an object', () => {
    const schema: SchemaObject = {
      type: 'object',
      xml: { name: 'r' },
      properties: { a: { type: 'object', xml: { attribute: true } } },
    };
    expect(failure(() => decodeXml('<r/>', schema)).path).toBe('#/properties/a');
  });
});
