import { describe, expect, it } from 'vitest';
import { expandable, fieldPath, fieldTree, shapeFields, unknownSelection } from './fields.js';

// An order whose owner's name and whole discount group expand, with a wrapped list.
const doc = {
  components: {
    schemas: {
      Line: {
        type: 'object',
        xml: { name: 'Line' },
        properties: {
          sku: { type: 'string', xml: { name: 'Sku' } },
          note: { type: 'string', xml: { name: 'Note' }, 'x-expand': 'Lines.Line.Note' },
        },
      },
      Order: {
        type: 'object',
        xml: { name: 'Order' },
        properties: {
          orderId: { type: 'integer', xml: { name: 'OrderId' } },
          owner: {
            type: 'object',
            xml: { name: 'Owner' },
            properties: {
              ownerId: { type: 'integer', xml: { name: 'OwnerId' } },
              name: { type: 'string', xml: { name: 'Name' }, 'x-expand': 'Owner.Name' },
            },
          },
          discount: {
            type: 'object',
            xml: { name: 'Discount' },
            'x-expand': 'Discount',
            properties: { rate: { type: 'number', xml: { name: 'Rate' } } },
          },
          lines: {
            type: 'array',
            xml: { name: 'Lines', wrapped: true },
            items: { $ref: '#/components/schemas/Line' },
          },
        },
      },
    },
  },
};
const tree = fieldTree(doc, { $ref: '#/components/schemas/Order' });
const full = {
  orderId: 1,
  owner: { ownerId: 9, name: 'Ann' },
  discount: { rate: 0.1 },
  lines: [
    { sku: 'a', note: 'first' },
    { sku: 'b', note: 'second' },
  ],
};

describe('fields read from the schema', () => {
  it('finds every x-expand mark, on fields, groups and list items', () => {
    expect(expandable(tree)).toEqual([
      ['Owner.Name', ['owner', 'name']],
      ['Discount', ['discount']],
      ['Lines.Line.Note', ['lines', 'note']],
    ]);
  });

  it('names fields by their XML names or JSON keys, in any case, list items optional', () => {
    expect(fieldPath(tree, 'OrderId')).toEqual(['orderId']);
    expect(fieldPath(tree, 'owner.NAME')).toEqual(['owner', 'name']);
    expect(fieldPath(tree, 'Lines.Line.Sku')).toEqual(['lines', 'sku']);
    expect(fieldPath(tree, 'Lines.Sku')).toEqual(['lines', 'sku']);
    expect(fieldPath(tree, 'Colour')).toBeUndefined();
    expect(fieldPath(tree, 'Owner.Colour')).toBeUndefined();
    expect(unknownSelection(tree, ['OrderId', 'Owner.Colour', 'Colour'])).toBe('Owner.Colour');
    expect(unknownSelection(tree, ['OrderId', ' '])).toBeUndefined();
  });
});

describe('$expand and $select on an object', () => {
  it('leaves every expandable field out unless its path is asked for', () => {
    expect(shapeFields(tree, full, { expand: [], select: undefined })).toEqual({
      orderId: 1,
      owner: { ownerId: 9 },
      lines: [{ sku: 'a' }, { sku: 'b' }],
    });
    expect(
      shapeFields(tree, full, { expand: ['owner.name', 'Discount'], select: undefined }),
    ).toEqual({
      orderId: 1,
      owner: { ownerId: 9, name: 'Ann' },
      discount: { rate: 0.1 },
      lines: [{ sku: 'a' }, { sku: 'b' }],
    });
    expect(
      shapeFields(tree, full, { expand: ['Lines.Line.Note'], select: undefined }).lines,
    ).toEqual(full.lines);
  });

  it('ignores an $expand path no field has', () => {
    expect(shapeFields(tree, full, { expand: ['Owner.Age'], select: undefined })).toEqual(
      shapeFields(tree, full, { expand: [], select: undefined }),
    );
  });

  it('keeps the selected fields, groups whole, and the expanded ones beside them', () => {
    expect(shapeFields(tree, full, { expand: [], select: ['OrderId'] })).toEqual({ orderId: 1 });
    expect(shapeFields(tree, full, { expand: [], select: ['Owner'] })).toEqual({
      owner: { ownerId: 9 },
    });
    expect(shapeFields(tree, full, { expand: ['Owner.Name'], select: ['OrderId'] })).toEqual({
      orderId: 1,
      owner: { name: 'Ann' },
    });
    expect(shapeFields(tree, full, { expand: [], select: ['Lines.Sku'] })).toEqual({
      lines: [{ sku: 'a' }, { sku: 'b' }],
    });
  });

  it('takes an expanded field the object lacks from a fuller copy of it', () => {
    const bare = { orderId: 1, owner: { ownerId: 9 } };
    expect(
      shapeFields(tree, bare, { expand: ['Owner.Name'], select: undefined }, [full]).owner,
    ).toEqual({ ownerId: 9, name: 'Ann' });
    // Without a fuller copy nothing is made up.
    expect(shapeFields(tree, bare, { expand: ['Owner.Name'], select: undefined }).owner).toEqual({
      ownerId: 9,
    });
  });

  it('never changes the object it is given', () => {
    const copy = structuredClone(full);
    shapeFields(tree, copy, { expand: [], select: ['OrderId'] });
    expect(copy).toEqual(full);
  });
});
