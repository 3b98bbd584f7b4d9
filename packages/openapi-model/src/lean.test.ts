import { describe, expect, it } from 'vitest';
import { leanDocument, leanSchema } from './lean.js';

describe('lean schemas for compiling validators', () => {
  it('drop what only describes, at every depth, and keep every constraint', () => {
    const schema = {
      type: 'object',
      title: 'Note',
      description: 'A note.',
      'x-assumed': 'a guess',
      required: ['description', 'title'],
      properties: {
        // Members named like describing keywords are members, not keywords.
        description: { type: 'string', description: 'Its text.', examples: ['x'] },
        title: { type: 'string', maxLength: 5, 'x-sources': ['page'] },
        'x-kind': { enum: [{ description: 'data, kept' }], default: { title: 'kept' } },
        tags: { type: 'array', items: { type: 'string', example: 'a', deprecated: true } },
        shape: {
          oneOf: [{ $ref: '#/components/schemas/A', description: 'sibling' }, { const: 'b' }],
          readOnly: true,
        },
      },
      additionalProperties: { type: 'integer', xml: { name: 'n' } },
      $comment: 'why',
      externalDocs: { url: 'https://example.com' },
    };
    expect(leanSchema(schema)).toEqual({
      type: 'object',
      required: ['description', 'title'],
      properties: {
        description: { type: 'string' },
        title: { type: 'string', maxLength: 5 },
        'x-kind': { enum: [{ description: 'data, kept' }], default: { title: 'kept' } },
        tags: { type: 'array', items: { type: 'string' } },
        shape: { oneOf: [{ $ref: '#/components/schemas/A' }, { const: 'b' }] },
      },
      additionalProperties: { type: 'integer' },
    });
    // The input is left as it was.
    expect(schema.properties.description.description).toBe('Its text.');
  });

  it('lean the schemas of a document and keep every place a reference may point to', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Notes', version: '1', description: 'kept' },
      paths: {
        '/notes': {
          post: {
            description: 'kept',
            requestBody: {
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Note', description: 'dropped' },
                  examples: { one: { value: { schema: { description: 'data' } } } },
                },
              },
            },
            responses: { '204': { description: 'kept' } },
          },
        },
      },
      components: {
        schemas: {
          Note: { type: 'object', title: 'dropped', properties: { a: { type: 'string' } } },
        },
        parameters: {
          id: { name: 'id', in: 'path', schema: { type: 'integer', description: 'dropped' } },
        },
      },
    };
    const lean = leanDocument(doc);
    expect(lean.info).toEqual(doc.info);
    expect(lean.paths).toEqual({
      '/notes': {
        post: {
          description: 'kept',
          requestBody: {
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Note' },
                examples: { one: { value: { schema: { description: 'data' } } } },
              },
            },
          },
          responses: { '204': { description: 'kept' } },
        },
      },
    });
    expect(lean.components).toEqual({
      schemas: { Note: { type: 'object', properties: { a: { type: 'string' } } } },
      parameters: { id: { name: 'id', in: 'path', schema: { type: 'integer' } } },
    });
  });
});
