import type { OpenApiDocument } from '../openapi.js';

/**
 * A fragment in the manner of an XML notification API: HTTP Basic, a required query
 * identity, an XML body that is documented (a repeated element of an enum, required) and a
 * JSON one that is not.
 */
export const xmlFixture: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'XML fixture', version: '1' },
  servers: [{ url: 'https://host:8444/rest' }],
  security: [{ basic: [] }],
  paths: {
    '/notes': {
      post: {
        operationId: 'sendNote',
        parameters: [
          {
            name: 'user',
            in: 'query',
            required: true,
            schema: { type: 'string' },
            example: 'u1',
          },
          { name: '$expand', in: 'query', schema: { type: 'string' }, example: 'Who.Name' },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { 'x-assumed': 'No page shows JSON.', schema: {} },
            'application/xml': {
              schema: { $ref: '#/components/schemas/Note' },
              examples: {
                page: {
                  value: "<Note>\n  <text>it's</text>\n  <to>a</to>\n  <to>b</to>\n</Note>",
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Sent.',
            content: { 'application/xml': { schema: { type: 'string' }, example: '<sent/>' } },
          },
          '4XX': { description: 'Refused.' },
        },
      },
    },
  },
  components: {
    securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
    schemas: {
      Note: {
        type: 'object',
        xml: { name: 'Note' },
        required: ['to'],
        properties: {
          text: { type: 'string' },
          to: { type: 'array', items: { type: 'string', enum: ['a', 'b'], xml: { name: 'to' } } },
        },
      },
    },
  },
};
