/**
 * A small stateful description for the engine's own hardening tests: notes with a
 * free-form `meta` member, under shelves (the tenant of a note is its shelf).
 */
const MT = 'application/json';
const ERR = 'application/problem+json';
const problem = { $ref: '#/components/responses/Problem' };
const note = { $ref: '#/components/schemas/Note' };
const shelf = { name: 'shelf', in: 'path', required: true, schema: { type: 'integer' } };

export const NOTES_SPEC = {
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1' },
  servers: [{ url: 'https://notes.example/api' }],
  paths: {
    '/shelves/{shelf}/notes': {
      parameters: [shelf],
      get: {
        parameters: [
          {
            name: 'page',
            in: 'query',
            style: 'deepObject',
            explode: true,
            schema: {
              type: 'object',
              properties: { size: { type: 'integer' }, number: { type: 'integer' } },
            },
          },
        ],
        responses: {
          '200': {
            description: 'notes',
            content: {
              [MT]: {
                schema: {
                  type: 'object',
                  properties: {
                    items: { type: 'array', items: note },
                    links: { type: 'object', additionalProperties: { type: 'string' } },
                  },
                },
              },
            },
          },
          '400': problem,
        },
      },
      post: {
        requestBody: {
          required: true,
          content: {
            [MT]: {
              schema: {
                type: 'object',
                required: ['text'],
                properties: { text: { type: 'string' }, meta: {} },
              },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { [MT]: { schema: note } } },
          '422': problem,
          '4XX': problem,
        },
      },
    },
    '/shelves/{shelf}/notes/{id}': {
      parameters: [shelf, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        responses: {
          '200': { description: 'a note', content: { [MT]: { schema: note } } },
          '404': problem,
        },
      },
    },
  },
  components: {
    schemas: {
      Note: {
        type: 'object',
        required: ['id', 'text'],
        properties: { id: { type: 'string' }, text: { type: 'string' }, meta: {} },
      },
    },
    responses: {
      Problem: {
        description: 'problem',
        content: {
          [ERR]: {
            schema: {
              type: 'object',
              required: ['status', 'title'],
              properties: { status: { type: 'integer' }, title: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};
