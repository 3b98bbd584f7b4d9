import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type SchemaObject, XmlCodec } from './index.js';

/**
 * Property tests: random schemas built from every construct the codec maps, random values
 * those schemas describe, and the promise that decoding what was encoded gives the value back.
 * The run counts are fixed and the timeouts sized for a loaded two-core machine.
 */
const RUNS = 150;
const TIMEOUT = 120_000;

interface Generated {
  schema: SchemaObject;
  value: fc.Arbitrary<unknown>;
}

/** Characters worth trying in text: markup, whitespace a parser may change, astral planes. */
const xmlChar = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\t', ' ', ']') },
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  },
);
const xmlString = fc.string({ unit: xmlChar, maxLength: 12 });

const scalarTypes = ['string', 'integer', 'number', 'boolean'] as const;
type ScalarName = (typeof scalarTypes)[number];

function scalarValue(type: ScalarName): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return xmlString;
    case 'integer':
      return fc.maxSafeInteger();
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
  }
}

const scalar: fc.Arbitrary<Generated> = fc
  .tuple(fc.constantFrom(...scalarTypes), fc.boolean())
  .map(([type, nullable]) => ({
    schema: { type: nullable ? [type, 'null'] : type },
    value: nullable ? fc.option(scalarValue(type), { nil: null }) : scalarValue(type),
  }));

/** Distinct XML names; none starts with "xml", which XML reserves. */
const names = (count: number) =>
  fc.uniqueArray(
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/).filter((n) => !/^xml/i.test(n)),
    { minLength: count, maxLength: count },
  );

type MemberKind = 'element' | 'renamed' | 'attribute' | 'unwrapped' | 'wrapped';

/** An object schema with members of every kind, nested objects down to `depth`. */
function object(depth: number): fc.Arbitrary<Generated> {
  const child = depth > 0 ? fc.oneof(scalar, object(depth - 1)) : scalar;
  const attributeScalar = fc.constantFrom(...scalarTypes).map((type) => ({
    schema: { type } as SchemaObject,
    value: scalarValue(type),
  }));
  const simpleContent = fc
    .tuple(names(2), fc.constantFrom(...scalarTypes), attributeScalar)
    .map(([[textKey, attrKey], textType, attr]) => ({
      schema: {
        type: 'object',
        properties: {
          [textKey as string]: { type: textType, xml: { nodeType: 'text' as const } },
          [attrKey as string]: { ...attr.schema, xml: { attribute: true } },
        },
      } satisfies SchemaObject,
      value: fc.record(
        { [textKey as string]: scalarValue(textType), [attrKey as string]: attr.value },
        { requiredKeys: [textKey as string] },
      ),
    }));
  if (depth === 0) return fc.oneof(simpleContent, elementObject(child, attributeScalar));
  return fc.oneof(simpleContent, elementObject(child, attributeScalar));
}

function elementObject(
  child: fc.Arbitrary<Generated>,
  attributeScalar: fc.Arbitrary<Generated>,
): fc.Arbitrary<Generated> {
  return fc.integer({ min: 0, max: 5 }).chain((count) =>
    fc
      .tuple(
        names(count * 2),
        fc.array(
          fc.constantFrom<MemberKind>('element', 'renamed', 'attribute', 'unwrapped', 'wrapped'),
          {
            minLength: count,
            maxLength: count,
          },
        ),
        fc.array(child, { minLength: count, maxLength: count }),
        fc.array(attributeScalar, { minLength: count, maxLength: count }),
      )
      .map(([pool, kinds, children, attributes]) => {
        const properties: Record<string, SchemaObject> = {};
        const values: Record<string, fc.Arbitrary<unknown>> = {};
        kinds.forEach((kind, i) => {
          const key = pool[i] as string;
          const other = pool[count + i] as string;
          const inner = children[i] as Generated;
          switch (kind) {
            case 'element':
              properties[key] = inner.schema;
              values[key] = inner.value;
              break;
            case 'renamed':
              properties[key] = { ...inner.schema, xml: { name: other } };
              values[key] = inner.value;
              break;
            case 'attribute': {
              const attribute = attributes[i] as Generated;
              properties[key] = { ...attribute.schema, xml: { attribute: true, name: other } };
              values[key] = attribute.value;
              break;
            }
            case 'unwrapped':
              // Nothing in XML tells an empty unwrapped list from an absent one.
              properties[key] = { type: 'array', items: { ...inner.schema, xml: { name: other } } };
              values[key] = fc.array(inner.value, { minLength: 1, maxLength: 3 });
              break;
            case 'wrapped':
              properties[key] = {
                type: 'array',
                xml: { wrapped: true, name: other },
                items: { ...inner.schema, xml: { name: `${other}-item` } },
              };
              values[key] = fc.array(inner.value, { maxLength: 3 });
              break;
          }
        });
        return {
          schema: { type: 'object', properties },
          value: fc.record(values, { requiredKeys: [] }),
        };
      }),
  );
}

const documents = object(2).chain((generated) =>
  fc.tuple(
    fc.constant({ ...generated.schema, xml: { name: 'root' } } as SchemaObject),
    generated.value,
    fc.constantFrom('  ', ''),
  ),
);

describe('round trip', () => {
  const codec = new XmlCodec();

  it(
    'decode(encode(value)) gives the value back, for random schemas and values',
    () => {
      fc.assert(
        fc.property(documents, ([schema, value, indent]) => {
          const xml = codec.encode(value, schema, { indent });
          expect(XMLValidator.validate(xml)).toBe(true);
          expect(codec.decode(xml, schema)).toEqual(value);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'encode(decode(xml)) writes the same document again',
    () => {
      fc.assert(
        fc.property(documents, ([schema, value]) => {
          const xml = codec.encode(value, schema);
          expect(codec.encode(codec.decode(xml, schema), schema)).toBe(xml);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  /** Content no schema describes: strings at the leaves, lists of two or more. */
  const generic: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown; object: unknown }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, xmlString, tie('object')),
    object: names(3).chain(([a, b, c]) =>
      fc.record(
        {
          [a as string]: tie('node'),
          [b as string]: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
          [`@${c as string}`]: xmlString,
        },
        { requiredKeys: [a as string] },
      ),
    ),
  })).object;

  it(
    'keeps content an open schema does not describe, in its generic form',
    () => {
      const schema: SchemaObject = { type: 'object', xml: { name: 'root' } };
      fc.assert(
        fc.property(generic, (value) => {
          expect(codec.decode(codec.encode(value, schema), schema)).toEqual(value);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
