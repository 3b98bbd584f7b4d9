import type { OpenApiDocument } from '../openapi.js';

/** A small description exercising what the ActivePlatform bundle does not (yet). */
export const fixture: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Fixture', version: '1.0.0' },
  servers: [
    {
      url: '{scheme}://api.example.org/{prefix}/',
      variables: { scheme: { default: 'https' }, prefix: { default: 'v2' } },
    },
  ],
  security: [{ key: [] }],
  paths: {
    '/shops/{shop_id}/items': {
      parameters: [{ $ref: '#/components/parameters/shop_id' }],
      get: {
        operationId: 'listItems',
        parameters: [
          { $ref: '#/components/parameters/page' },
          {
            name: 'filter',
            in: 'query',
            style: 'deepObject',
            explode: true,
            schema: { type: 'object', properties: { status: { type: 'string' } } },
            example: { status: 'new,sold' },
          },
          {
            name: 'tags',
            in: 'query',
            schema: { type: 'array', items: { type: 'string' } },
            example: ['a b', 'c'],
          },
          {
            name: 'ids',
            in: 'query',
            explode: false,
            schema: { type: 'array', items: { type: 'integer' } },
            example: [1, 2],
          },
          { name: 'sort', in: 'query', schema: { type: 'string' } },
          {
            name: 'X-Request-Id',
            in: 'header',
            required: true,
            schema: { type: 'string', format: 'uuid' },
          },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
      post: {
        operationId: 'createItem',
        security: [{ bearer: [] }],
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Item' },
              examples: {
                first: { $ref: '#/components/examples/item' },
                second: { value: { name: 'other' } },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
        },
      },
    },
    '/shops/{shop_id}/items/{item_id}': {
      parameters: [
        { $ref: '#/components/parameters/shop_id' },
        { name: 'item_id', in: 'path', required: true, schema: { type: 'integer' } },
      ],
      put: {
        operationId: 'replaceItem',
        parameters: [
          {
            name: 'shop_id',
            in: 'path',
            required: true,
            schema: { type: 'string' },
            example: "o'neil",
          },
        ],
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
        },
        responses: { '204': { description: 'done' } },
      },
      delete: {
        operationId: 'deleteItem',
        security: [{ query_key: [] }],
        responses: { '204': { description: 'done' } },
      },
    },
    '/upload': {
      post: {
        operationId: 'upload',
        security: [],
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: { type: 'string' } } },
              example: { file: 'x.pdf' },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      bearer: { type: 'http', scheme: 'bearer' },
      query_key: { type: 'apiKey', in: 'query', name: 'api_key' },
    },
    parameters: {
      shop_id: {
        name: 'shop_id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        examples: { main: { value: 7 } },
      },
      page: {
        name: 'page',
        in: 'query',
        style: 'deepObject',
        explode: true,
        schema: {
          type: 'object',
          properties: { size: { type: 'integer', default: 50 }, number: { type: 'integer' } },
        },
        examples: { second: { value: { size: 2, number: 2 } } },
      },
    },
    schemas: {
      Item: {
        type: 'object',
        required: ['name', 'price'],
        properties: {
          name: { type: 'string' },
          price: { type: 'string', example: '9.90' },
          currency: { type: 'string', enum: ['EUR', 'USD'] },
          note: { type: 'string' },
          kind: { allOf: [{ $ref: '#/components/schemas/Kind' }] },
        },
      },
      Kind: { type: 'string', default: 'physical' },
    },
    examples: {
      item: { summary: 'A lamp', value: { name: 'Lamp', price: '12.00', 'odd-key': true } },
    },
  },
};
