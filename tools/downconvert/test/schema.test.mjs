// @ts-check
import { describe, expect, it } from 'vitest';
import { convertSchema } from '../src/schema.mjs';

/**
 * @param {unknown} schema
 * @returns {{ schema: Record<string, any>, losses: import('../src/schema.mjs').Loss[] }}
 */
function convert(schema) {
  /** @type {import('../src/schema.mjs').Loss[]} */
  const losses = [];
  return { schema: convertSchema(schema, '#/s', losses), losses };
}

describe('type arrays', () => {
  it('turn [T, "null"] into T with nullable', () => {
    expect(convert({ type: ['string', 'null'], maxLength: 3 })).toEqual({
      schema: { type: 'string', nullable: true, maxLength: 3 },
      losses: [],
    });
  });

  it('turn a one-element array into a plain type', () => {
    expect(convert({ type: ['integer'] }).schema).toEqual({ type: 'integer' });
  });

  it('turn several types into an anyOf of one type each, keeping the other keywords', () => {
    expect(convert({ type: ['string', 'integer'], pattern: '^[0-9]+$' }).schema).toEqual({
      anyOf: [{ type: 'string' }, { type: 'integer' }],
      pattern: '^[0-9]+$',
    });
  });

  it('make the union and every branch nullable when null is one of several types', () => {
    expect(convert({ type: ['string', 'integer', 'null'] }).schema).toEqual({
      anyOf: [
        { type: 'string', nullable: true },
        { type: 'integer', nullable: true },
      ],
      nullable: true,
    });
  });

  it('make a oneOf or anyOf nullable when one of its branches takes null', () => {
    expect(
      convert({ oneOf: [{ $ref: '#/components/schemas/DateTime' }, { type: 'null' }] }).schema,
    ).toEqual({
      oneOf: [{ $ref: '#/components/schemas/DateTime' }, { nullable: true, enum: [null] }],
      nullable: true,
    });
    expect(convert({ anyOf: [{ type: 'string' }, { type: 'integer' }] }).schema).toEqual({
      anyOf: [{ type: 'string' }, { type: 'integer' }],
    });
  });

  it('make an allOf nullable only when every branch takes null', () => {
    expect(convert({ allOf: [{ type: ['string', 'null'] }, { maxLength: 3 }] }).schema).toEqual({
      allOf: [{ type: 'string', nullable: true }, { maxLength: 3 }],
    });
    expect(convert({ allOf: [{ type: ['string', 'null'] }] }).schema).toEqual({
      allOf: [{ type: 'string', nullable: true }],
      nullable: true,
    });
  });

  it('leave a composition with its own type or enum as it is', () => {
    expect(convert({ type: 'string', anyOf: [{ type: ['string', 'null'] }] }).schema).toEqual({
      type: 'string',
      anyOf: [{ type: 'string', nullable: true }],
    });
  });

  it('put the type union beside an existing anyOf through allOf', () => {
    const anyOf = [{ minLength: 2 }, { minimum: 3 }];
    expect(convert({ type: ['string', 'integer'], anyOf }).schema).toEqual({
      anyOf,
      allOf: [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }],
    });
  });

  it('let number cover integer', () => {
    expect(convert({ type: ['integer', 'number'] }).schema).toEqual({ type: 'number' });
  });

  it('add no nullable when the enum already refuses null', () => {
    expect(convert({ type: ['string', 'null'], enum: ['a', 'b'] }).schema).toEqual({
      type: 'string',
      enum: ['a', 'b'],
    });
    expect(convert({ type: ['string', 'null'], enum: ['a', null] }).schema).toEqual({
      type: 'string',
      nullable: true,
      enum: ['a', null],
    });
  });

  it('write type "null" alone as a nullable schema whose only value is null', () => {
    expect(convert({ type: 'null' }).schema).toEqual({ nullable: true, enum: [null] });
  });
});

describe('examples, const and exclusive bounds', () => {
  it('keep the first of examples as example and report the others', () => {
    const { schema, losses } = convert({ type: 'string', examples: ['a', 'b'] });
    expect(schema).toEqual({ type: 'string', example: 'a' });
    expect(losses).toEqual([
      {
        pointer: '#/s/examples',
        keyword: 'examples',
        effect: 'annotation',
        note: 'only the first of 2 examples is kept',
      },
    ]);
  });

  it('keep a single example without loss', () => {
    expect(convert({ examples: [{ id: '1' }] })).toEqual({
      schema: { example: { id: '1' } },
      losses: [],
    });
  });

  it('turn const into a one-value enum, falsy values included', () => {
    expect(convert({ const: 'plans' }).schema).toEqual({ enum: ['plans'] });
    expect(convert({ const: false }).schema).toEqual({ enum: [false] });
    expect(convert({ const: 0 }).schema).toEqual({ enum: [0] });
    expect(convert({ const: '' }).schema).toEqual({ enum: [''] });
    expect(convert({ const: null }).schema).toEqual({ enum: [null], nullable: true });
  });

  it('intersect const with an enum beside it', () => {
    expect(convert({ enum: ['a', 'b'], const: 'b' }).schema).toEqual({ enum: ['b'] });
  });

  it('turn numeric exclusive bounds into the bound and the boolean flag', () => {
    expect(convert({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 }).schema).toEqual({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: true,
    });
  });

  it('keep the stricter bound when an inclusive one is there too', () => {
    expect(convert({ minimum: 5, exclusiveMinimum: 3 }).schema).toEqual({ minimum: 5 });
    expect(convert({ minimum: 3, exclusiveMinimum: 3 }).schema).toEqual({
      minimum: 3,
      exclusiveMinimum: true,
    });
    expect(convert({ maximum: 5, exclusiveMaximum: 9 }).schema).toEqual({ maximum: 5 });
    expect(convert({ maximum: 9, exclusiveMaximum: 5 }).schema).toEqual({
      maximum: 5,
      exclusiveMaximum: true,
    });
  });
});

describe('$ref with siblings', () => {
  it('keeps documenting siblings and x- extensions beside the $ref, and reports the description', () => {
    const { schema, losses } = convert({
      $ref: '#/components/schemas/Date',
      description: 'When it closed.',
      'x-assumed': 'Not shown.',
    });
    expect(schema).toEqual({
      $ref: '#/components/schemas/Date',
      description: 'When it closed.',
      'x-assumed': 'Not shown.',
    });
    expect(losses.map((l) => [l.keyword, l.effect])).toEqual([['$ref', 'annotation']]);
  });

  it('keeps x- extensions alone beside a $ref without any loss', () => {
    expect(convert({ $ref: '#/a', 'x-sources': ['https://example.com/page'] })).toEqual({
      schema: { $ref: '#/a', 'x-sources': ['https://example.com/page'] },
      losses: [],
    });
  });

  it('moves the $ref into allOf when a sibling constrains', () => {
    expect(convert({ $ref: '#/a', maxLength: 3, type: ['string', 'null'] }).schema).toEqual({
      allOf: [{ $ref: '#/a' }],
      maxLength: 3,
      type: 'string',
      nullable: true,
    });
  });
});

describe('content keywords', () => {
  it('turn base64 and octet-stream strings into format byte and binary', () => {
    expect(convert({ type: 'string', contentEncoding: 'base64' }).schema).toEqual({
      type: 'string',
      format: 'byte',
    });
    expect(
      convert({ type: 'string', contentMediaType: 'application/octet-stream' }).schema,
    ).toEqual({ type: 'string', format: 'binary' });
  });

  it('drop other media types and encodings as annotations', () => {
    const { schema, losses } = convert({
      type: 'string',
      contentMediaType: 'image/png',
      contentEncoding: 'base16',
      contentSchema: { type: 'object' },
    });
    expect(schema).toEqual({ type: 'string' });
    expect(losses.map((l) => [l.keyword, l.effect])).toEqual([
      ['contentEncoding', 'annotation'],
      ['contentMediaType', 'annotation'],
      ['contentSchema', 'annotation'],
    ]);
  });
});

describe('2020-12 constraints 3.0 lacks', () => {
  it.each([
    ['unevaluatedProperties', { type: 'object', unevaluatedProperties: false }],
    ['unevaluatedItems', { type: 'array', unevaluatedItems: false }],
    ['propertyNames', { type: 'object', propertyNames: { maxLength: 3 } }],
    ['contains', { type: 'array', contains: { type: 'string' } }],
    ['dependentRequired', { type: 'object', dependentRequired: { a: ['b'] } }],
    ['dependentSchemas', { type: 'object', dependentSchemas: { a: { required: ['b'] } } }],
  ])('drop %s and report that the schema accepts more', (keyword, schema) => {
    const { schema: out, losses } = convert(schema);
    expect(out).toEqual({ type: schema.type });
    expect(losses).toEqual([expect.objectContaining({ keyword, effect: 'widens' })]);
  });

  it('drop if/then/else as one conditional', () => {
    const { schema, losses } = convert({
      if: { required: ['a'] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword under test
      then: { required: ['b'] },
      else: { required: ['c'] },
    });
    expect(schema).toEqual({});
    expect(losses.map((l) => [l.keyword, l.effect])).toEqual([
      ['if', 'widens'],
      ['then', 'widens'],
      ['else', 'widens'],
    ]);
  });

  it('drop patternProperties, and a closing additionalProperties with it', () => {
    const { schema, losses } = convert({
      type: 'object',
      properties: { a: { type: 'string' } },
      patternProperties: { '^x-': { type: 'string' } },
      additionalProperties: false,
    });
    expect(schema).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
    expect(losses.map((l) => [l.keyword, l.effect])).toEqual([
      ['additionalProperties', 'widens'],
      ['patternProperties', 'widens'],
    ]);
  });

  it('drop prefixItems, and items with it, as 3.0 would apply items to the leading ones', () => {
    const { schema, losses } = convert({
      type: 'array',
      prefixItems: [{ type: 'string' }],
      items: { type: 'integer' },
      minContains: 1,
      maxContains: 2,
    });
    expect(schema).toEqual({ type: 'array' });
    expect(losses.map((l) => l.keyword)).toEqual([
      'items',
      'prefixItems',
      'minContains',
      'maxContains',
    ]);
  });

  it('report a drop under not as narrowing and under oneOf as changing', () => {
    /** @type {import('../src/schema.mjs').Loss[]} */
    const losses = [];
    convertSchema(
      {
        not: { dependentRequired: { a: ['b'] } },
        oneOf: [{ propertyNames: { maxLength: 1 } }, { type: 'string' }],
      },
      '#',
      losses,
    );
    expect(losses.map((l) => [l.pointer, l.effect])).toEqual([
      ['#/oneOf/0/propertyNames', 'changes'],
      ['#/not/dependentRequired', 'narrows'],
    ]);
  });

  it('drop keywords that are neither 3.0 nor 2020-12 assertions as annotations', () => {
    const { schema, losses } = convert({
      $id: 'https://example.com/s',
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $comment: 'note',
      $anchor: 'here',
      type: 'string',
    });
    expect(schema).toEqual({ type: 'string' });
    expect(losses.map((l) => [l.keyword, l.effect])).toEqual([
      ['$id', 'annotation'],
      ['$schema', 'annotation'],
      ['$comment', 'annotation'],
      ['$anchor', 'annotation'],
    ]);
  });

  it('refuse $defs and dynamic references, naming the pointer', () => {
    expect(() => convert({ $defs: { a: { type: 'string' } } })).toThrow(
      /^#\/s\/\$defs: `\$defs` cannot be expressed in OpenAPI 3.0/,
    );
    expect(() => convert({ properties: { a: { $dynamicRef: '#node' } } })).toThrow(
      /^#\/s\/properties\/a\/\$dynamicRef:/,
    );
  });
});

describe('walking', () => {
  it('converts every nested schema, and turns boolean schemas into objects', () => {
    expect(
      convert({
        type: 'object',
        properties: { a: { type: ['string', 'null'] }, b: false, c: true },
        additionalProperties: { const: 1 },
        allOf: [{ examples: [1] }],
        not: { type: ['array', 'object'] },
        items: { exclusiveMinimum: 1 },
      }).schema,
    ).toEqual({
      type: 'object',
      properties: { a: { type: 'string', nullable: true }, b: { not: {} }, c: {} },
      additionalProperties: { enum: [1] },
      allOf: [{ example: 1 }],
      not: { anyOf: [{ type: 'array' }, { type: 'object' }] },
      items: { minimum: 1, exclusiveMinimum: true },
    });
  });

  it('leaves additionalProperties booleans as they are', () => {
    expect(convert({ additionalProperties: false }).schema).toEqual({
      additionalProperties: false,
    });
  });

  it('never rewrites data: property names and values that look like keywords stay', () => {
    const input = {
      type: 'object',
      properties: {
        const: { type: 'string' },
        patternProperties: { type: 'string' },
        $id: { type: 'integer' },
        examples: { type: 'array', items: { type: 'string' } },
      },
      required: ['const', '$id'],
      default: { const: 2, $id: 'x', type: ['a', 'null'] },
      enum: [{ const: 1, examples: [1, 2] }],
      example: { schema: { type: ['string', 'null'] } },
    };
    const { schema } = convert(input);
    expect(schema.properties).toEqual(input.properties);
    expect(schema.default).toEqual(input.default);
    expect(schema.enum).toEqual(input.enum);
    expect(schema.example).toEqual(input.example);
    expect(schema.required).toEqual(['const', '$id']);
  });

  it('names the pointer of a schema that is neither object nor boolean', () => {
    expect(() => convert({ properties: { a: 'string' } })).toThrow(
      /^#\/s\/properties\/a: a schema must be an object or a boolean/,
    );
  });
});
