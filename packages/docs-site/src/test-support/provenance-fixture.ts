import type { DocsSiteConfig } from '../config.js';
import type { OpenApiDocument } from '../openapi.js';

/** A grey theme for the fixture's site. */
export const FIXTURE_THEME: DocsSiteConfig['theme'] = {
  light: [
    '#f5f5f5',
    '#e5e5e5',
    '#d4d4d4',
    '#a3a3a3',
    '#737373',
    '#525252',
    '#404040',
    '#262626',
    '#171717',
    '#0f0f0f',
    '#0a0a0a',
  ],
  dark: [
    '#0a0a0a',
    '#0f0f0f',
    '#171717',
    '#262626',
    '#404040',
    '#525252',
    '#737373',
    '#a3a3a3',
    '#d4d4d4',
    '#e5e5e5',
    '#f5f5f5',
  ],
};

/** Pages the fixture's operation is modelled from. */
export const FIXTURE_SOURCES = [
  'https://docs.example.org/v2/create-thing',
  'https://docs.example.org/v1/create-thing',
];

/** A description that uses the provenance vocabulary: sources, assumed parts at every level. */
export const provenanceFixture: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Provenance fixture', version: '1.0.0' },
  servers: [{ url: 'https://api.example.org' }],
  tags: [{ name: 'Things' }],
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        summary: 'Create thing',
        description: 'Creates a thing.',
        tags: ['Things'],
        'x-sources': FIXTURE_SOURCES,
        parameters: [
          {
            name: 'filter',
            in: 'query',
            description: 'Narrows the answer.',
            'x-assumed': 'The page names this parameter without its members.',
            schema: { type: 'object' },
          },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ThingInput' },
              examples: {
                official: {
                  summary: 'The example of the page',
                  'x-sources': [FIXTURE_SOURCES[0] ?? ''],
                  value: { name: 'Thing', colour: 'teal' },
                },
                written: {
                  summary: 'A thing without colour',
                  'x-assumed': 'Written here.',
                  value: { name: 'Plain' },
                },
              },
            },
          },
        },
        responses: {
          '2XX': {
            description: 'The created thing.',
            'x-assumed': 'The page shows no status for this answer.',
            content: {
              'application/json': {
                'x-assumed': 'The page shows no answer; the input model is borrowed.',
                schema: { $ref: '#/components/schemas/ThingInput' },
                example: { name: 'Thing' },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      ThingInput: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', description: 'What the thing is called.' },
          colour: {
            type: 'string',
            description: 'The colour of the thing.',
            'x-assumed': 'The page lists this member without its type.',
          },
        },
      },
    },
  },
};
