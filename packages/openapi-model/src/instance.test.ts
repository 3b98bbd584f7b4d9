import { describe, expect, it } from 'vitest';
import { applicableNodes, jsonType, schemaAt, undeclaredMembers } from './instance.js';
import { provenanceOf } from './provenance.js';

const doc = {
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'attributes'],
        properties: {
          id: { type: 'string' },
          attributes: { $ref: '#/components/schemas/ThingAttributes' },
          tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
          meta: { type: 'object', additionalProperties: { type: 'string' } },
          extra: { type: 'object' },
        },
      },
      ThingAttributes: {
        'x-assumed': 'Not shown on any page.',
        allOf: [
          { type: 'object', properties: { name: { type: 'string' } } },
          { type: 'object', required: ['size'], properties: { size: { type: 'integer' } } },
        ],
      },
      Tag: {
        oneOf: [
          { type: 'object', required: ['label'], properties: { label: { type: 'string' } } },
          { type: 'object', required: ['code'], properties: { code: { type: 'integer' } } },
          { type: 'string' },
        ],
      },
    },
  },
};
const root = { $ref: '#/components/schemas/Thing' };
const at = '#/paths/~1things/get/responses/200/content/application~1json/schema';

describe('applicableNodes', () => {
  it('follows references and opens allOf, keeping every node with its pointer', () => {
    const nodes = applicableNodes(doc, { $ref: '#/components/schemas/ThingAttributes' }, '#/x');
    expect(nodes.map((n) => n.pointer)).toEqual([
      '#/x',
      '#/components/schemas/ThingAttributes',
      '#/components/schemas/ThingAttributes/allOf/0',
      '#/components/schemas/ThingAttributes/allOf/1',
    ]);
  });

  it('keeps the oneOf branches a value can take, by type and then by required members', () => {
    const tag = { $ref: '#/components/schemas/Tag' };
    const branches = (value: unknown) =>
      applicableNodes(doc, tag, '#/t', { value })
        .map((n) => n.pointer)
        .filter((p) => p.includes('oneOf'));
    expect(branches({ code: 1 })).toEqual(['#/components/schemas/Tag/oneOf/1']);
    expect(branches('x')).toEqual(['#/components/schemas/Tag/oneOf/2']);
    expect(branches({ other: 1 })).toHaveLength(2);
  });

  it('gives the same nodes each time for a schema read before, whatever its caller did with them', () => {
    const schema = doc.components.schemas.Thing.properties.attributes;
    const first = applicableNodes(doc, schema, '#/a');
    first.length = 0;
    const again = applicableNodes(doc, schema, '#/a');
    expect(again.map((n) => n.pointer)).toEqual([
      '#/a',
      '#/components/schemas/ThingAttributes',
      '#/components/schemas/ThingAttributes/allOf/0',
      '#/components/schemas/ThingAttributes/allOf/1',
    ]);
    // Another pointer for the same schema node is another place.
    expect(applicableNodes(doc, schema, '#/b')[0]?.pointer).toBe('#/b');
    // Branches still follow the value given each time.
    const tag = doc.components.schemas.Thing.properties.tags.items;
    const chosen = (value: unknown) =>
      applicableNodes(doc, tag, '#/t', { value }).filter((n) => n.pointer.includes('oneOf'));
    expect(chosen('x')).toHaveLength(1);
    expect(chosen({ other: 1 })).toHaveLength(2);
  });
});

describe('schemaAt', () => {
  it('finds the schemas at a place of a value and the nodes on the way', () => {
    const value = { id: '1', attributes: { name: 'a', size: 2 }, tags: [{ code: 1 }] };
    const place = schemaAt(doc, root, at, ['attributes', 'size'], { value });
    expect(place.nodes.map((n) => n.pointer)).toEqual([
      '#/components/schemas/ThingAttributes/allOf/1/properties/size',
    ]);
    expect(place.way.map((n) => n.pointer)).toContain('#/components/schemas/ThingAttributes');
    const tag = schemaAt(doc, root, at, ['tags', 0, 'code'], { value });
    expect(tag.nodes.map((n) => n.pointer)).toEqual([
      '#/components/schemas/Tag/oneOf/1/properties/code',
    ]);
  });

  it('reads `*` and digits as array indices when no value is given', () => {
    const place = schemaAt(doc, root, at, ['tags', '*']);
    expect(place.nodes[0]?.pointer).toBe('#/components/schemas/Thing/properties/tags/items');
  });

  it('gives no nodes past a member no schema names', () => {
    expect(schemaAt(doc, root, at, ['nope', 'deeper']).nodes).toEqual([]);
  });
});

describe('undeclaredMembers', () => {
  it('lists members no schema names, at any depth, with the schema that would name them', () => {
    const value = {
      id: '1',
      pinned: true,
      attributes: { name: 'a', size: 2, colour: 'red' },
      tags: [{ code: 1, weight: 3 }, 'plain'],
      meta: { anything: 'goes' },
      extra: { free: 'form' },
    };
    const found = undeclaredMembers(doc, root, at, value).map((m) => ({
      path: m.path.join('/'),
      holder: m.holder.pointer,
    }));
    expect(found).toEqual([
      { path: 'pinned', holder: '#/components/schemas/Thing' },
      { path: 'attributes/colour', holder: '#/components/schemas/ThingAttributes/allOf/0' },
      { path: 'tags/0/weight', holder: '#/components/schemas/Tag/oneOf/1' },
    ]);
  });

  it('stops after its budget of values', () => {
    const value = { tags: Array.from({ length: 100 }, () => ({ code: 1, weight: 1 })) };
    expect(undeclaredMembers(doc, root, at, value, 10).length).toBeLessThan(10);
  });
});

describe('provenanceOf', () => {
  it('is assumed when any node on the way is, with the nearest reason and pages', () => {
    const value = { attributes: { size: 2 } };
    const way = schemaAt(doc, root, at, ['attributes', 'size'], { value }).way.map((n) => n.node);
    const operation = { 'x-sources': ['https://docs.example/things'] };
    expect(provenanceOf([operation, ...way])).toEqual({
      assumed: 'Not shown on any page.',
      sources: ['https://docs.example/things'],
    });
    expect(provenanceOf([operation, doc.components.schemas.Thing])).toEqual({
      assumed: undefined,
      sources: ['https://docs.example/things'],
    });
  });
});

describe('jsonType', () => {
  it('names integers apart from other numbers', () => {
    expect([1, 1.5, null, [], {}, 's', true].map(jsonType)).toEqual([
      'integer',
      'number',
      'null',
      'array',
      'object',
      'string',
      'boolean',
    ]);
  });
});
