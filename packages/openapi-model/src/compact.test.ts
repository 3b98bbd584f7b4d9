import { describe, expect, it } from 'vitest';
import { compactDocument } from './compact.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1', description: 'About notes.', summary: 'Notes' },
  externalDocs: { url: 'https://example.com' },
  tags: [{ name: 'notes', description: 'The notes.' }],
  'x-tagGroups': [{ name: 'All', tags: ['notes'] }],
  paths: {
    '/notes/{id}': {
      summary: 'One note',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'Its id.',
          'x-sources': ['page'],
          schema: { type: 'integer', description: 'An id.', examples: [7] },
        },
      ],
      get: {
        operationId: 'getNote',
        summary: 'Reads a note',
        'x-assumed': 'a guess',
        responses: {
          '200': {
            description: 'The note.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Note' },
                examples: {
                  one: {
                    summary: 'A note',
                    description: 'With a text.',
                    // Data: members named like describing keywords are kept.
                    value: { id: 7, description: 'kept', summary: 'kept' },
                  },
                },
              },
            },
            links: {
              self: { operationId: 'getNote', parameters: { description: '$response.body#/id' } },
            },
          },
        },
      },
    },
  },
  components: {
    parameters: {
      Page: { name: 'page', in: 'query', description: 'Which page.', schema: { type: 'integer' } },
    },
    schemas: {
      Note: {
        type: 'object',
        title: 'Note',
        description: 'A note.',
        $comment: 'why',
        required: ['description'],
        properties: {
          description: { type: 'string', description: 'Its text.', example: 'x' },
          summary: true,
          kind: { enum: [{ description: 'data' }], default: { summary: 'data' } },
        },
        discriminator: { propertyName: 'kind', mapping: { description: '#/x' } },
      },
    },
    examples: { Note: { summary: 'A note', value: { description: 'kept' } } },
    securitySchemes: {
      oauth: {
        type: 'oauth2',
        description: 'Tokens.',
        flows: {
          clientCredentials: { tokenUrl: '/t', scopes: { description: 'a scope named so' } },
        },
      },
    },
  },
};

describe('a compact copy of a description', () => {
  it('drops the texts and provenance marks and keeps everything a server reads', () => {
    const before = structuredClone(doc);
    const compact = compactDocument(doc);
    expect(compact).toEqual({
      openapi: '3.1.0',
      info: { title: 'Notes', version: '1' },
      tags: [{ name: 'notes' }],
      'x-tagGroups': [{ name: 'All', tags: ['notes'] }],
      paths: {
        '/notes/{id}': {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer', examples: [7] } },
          ],
          get: {
            operationId: 'getNote',
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/Note' },
                    examples: { one: { value: { id: 7, description: 'kept', summary: 'kept' } } },
                  },
                },
                links: {
                  self: {
                    operationId: 'getNote',
                    parameters: { description: '$response.body#/id' },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        parameters: { Page: { name: 'page', in: 'query', schema: { type: 'integer' } } },
        schemas: {
          Note: {
            type: 'object',
            title: 'Note',
            required: ['description'],
            properties: {
              description: { type: 'string', example: 'x' },
              summary: true,
              kind: { enum: [{ description: 'data' }], default: { summary: 'data' } },
            },
            discriminator: { propertyName: 'kind', mapping: { description: '#/x' } },
          },
        },
        examples: { Note: { value: { description: 'kept' } } },
        securitySchemes: {
          oauth: {
            type: 'oauth2',
            flows: {
              clientCredentials: { tokenUrl: '/t', scopes: { description: 'a scope named so' } },
            },
          },
        },
      },
    });
    // The input is left as it was, and compacting again changes nothing.
    expect(doc).toEqual(before);
    expect(compactDocument(compact)).toEqual(compact);
  });
});
