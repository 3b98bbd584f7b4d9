import { describe, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { genericDialect } from '../dialects/generic/index.js';
import type { Dialect } from '../engine/dialect.js';
import { createMock } from '../mock.js';
import { fuzz } from './fuzz.js';

// A small description of two collections, one of them under the other, with an API key.
const MT = 'application/json';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = { description: 'problem', content: { [MT]: { schema: ref('Problem') } } };
const errors = { '400': problem, '401': problem, '404': problem, '422': problem };
const spec = {
  openapi: '3.1.0',
  info: { title: 'Projects', version: '1' },
  servers: [{ url: 'https://projects.example/v3' }],
  security: [{ key: [] }],
  paths: {
    '/projects': {
      get: {
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'closed'] } },
        ],
        responses: {
          '200': {
            description: 'list',
            content: { [MT]: { schema: { type: 'array', items: ref('Project') } } },
          },
          ...errors,
        },
      },
      post: {
        requestBody: {
          required: true,
          content: {
            [MT]: {
              schema: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  status: { type: 'string', enum: ['open', 'closed'] },
                },
              },
              example: { name: 'Apollo' },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { [MT]: { schema: ref('Project') } } },
          ...errors,
        },
      },
    },
    '/projects/{projectId}': {
      parameters: [
        { name: 'projectId', in: 'path', required: true, schema: { type: 'integer' }, example: 1 },
      ],
      get: {
        responses: {
          '200': {
            description: 'one',
            content: {
              [MT]: { schema: ref('Project'), example: { id: 1, name: 'Gemini', status: 'open' } },
            },
          },
          ...errors,
        },
      },
      delete: { responses: { '204': { description: 'gone' }, ...errors } },
    },
    '/projects/{projectId}/tasks': {
      parameters: [
        { name: 'projectId', in: 'path', required: true, schema: { type: 'integer' }, example: 1 },
      ],
      get: {
        parameters: [{ name: 'done', in: 'query', schema: { type: 'boolean' } }],
        responses: {
          '200': {
            description: 'list',
            content: { [MT]: { schema: { type: 'array', items: ref('Task') } } },
          },
          ...errors,
        },
      },
      post: {
        requestBody: {
          required: true,
          content: {
            [MT]: {
              schema: {
                type: 'object',
                required: ['title'],
                properties: { title: { type: 'string' } },
              },
              example: { title: 'Launch' },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { [MT]: { schema: ref('Task') } } },
          ...errors,
        },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    schemas: {
      Project: {
        type: 'object',
        required: ['id', 'name', 'status'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          status: { type: 'string', enum: ['open', 'closed'] },
        },
      },
      Task: {
        type: 'object',
        required: ['id', 'title', 'done'],
        properties: {
          id: { type: 'integer' },
          title: { type: 'string' },
          done: { type: 'boolean' },
        },
      },
      Problem: {
        type: 'object',
        required: ['message'],
        properties: { message: { type: 'string' } },
      },
    },
  },
};

const base = genericDialect(createMock({ spec }).spec);
const dialect: Dialect = {
  ...base,
  authenticate: ({ credentials }) =>
    credentials[0]?.type === 'apiKey' && credentials[0].value !== 'nobody'
      ? { id: credentials[0].value }
      : undefined,
};
const credentials = {
  good: { 'x-key': 'ann' },
  other: { 'x-key': 'bob' },
  unknown: { 'x-key': 'nobody' },
};

// Budgets: a fixed number of runs, and a timeout sized for a loaded 2-core machine.
describe('fuzzing the engine', () => {
  for (const mode of ['stateless', 'stateful'] as const) {
    it(`${mode}: 400 random requests`, { timeout: 180_000 }, async () => {
      const bodyLimit = 8 * 1024;
      const handler = webHandler(
        createMock({ spec, dialect, mode, bodyLimit, randomSeed: 99 }).handle,
      );
      await fuzz({ spec, handler, credentials, bodyLimit, runs: 400, seed: 20241121 });
    });
  }
});
