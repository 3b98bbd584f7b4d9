import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../openapi.js';
import { descriptionCheck } from './description-check.js';

// An XML call behind HTTP Basic with a required query identity, in a few lines.
const doc: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'XML fixture', version: '1' },
  servers: [{ url: 'https://host.example:8444/rest' }],
  security: [{ basic: [] }],
  components: {
    securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
    schemas: {
      Note: {
        type: 'object',
        xml: { name: 'Note' },
        required: ['to'],
        properties: {
          text: { type: 'string' },
          to: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
        },
      },
    },
  },
  paths: {
    '/notes': {
      post: {
        operationId: 'sendNote',
        parameters: [{ name: 'user', in: 'query', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/xml': { schema: { $ref: '#/components/schemas/Note' } } },
        },
        responses: {
          '200': {
            description: 'Sent.',
            content: { 'application/xml': { schema: { type: 'string' }, example: '<ok/>' } },
          },
          '4XX': { description: 'Refused.' },
        },
      },
    },
  },
};

const note =
  '<?xml version="1.0"?>\n<Note>\n  <text>hi</text>\n  <to>a</to>\n  <to>b</to>\n</Note>';

function post(
  body: string,
  {
    query = '?user=u1',
    auth = `Basic ${btoa('u:p')}`,
    type = 'application/xml',
    path = '/notes',
  } = {},
) {
  const headers: Record<string, string> = { 'content-type': type, accept: 'application/xml' };
  if (auth) headers.authorization = auth;
  return new Request(`https://host.example:8444/rest${path}${query}`, {
    method: 'POST',
    headers,
    body,
  });
}

describe('a request checked against the description', () => {
  const send = descriptionCheck(doc);

  it('passes when the description accepts it, XML read through the schema', async () => {
    const response = await send(post(note));
    expect(response.status).toBe(200);
  });

  it.each([
    ['a required query parameter is missing', post(note, { query: '' }), 400],
    ['no credentials are sent', post(note, { auth: '' }), 401],
    ['an XML value is outside its enum', post(note.replace('<to>b</to>', '<to>c</to>')), 422],
    ['a required XML element is missing', post('<Note><text>hi</text></Note>'), 422],
    ['the XML is malformed', post(note.replace('</Note>', '</Not>')), 400],
    ['the media type is not declared', post('{}', { type: 'application/json' }), 415],
    ['the path is not described', post(note, { path: '/memos' }), 404],
  ])('refuses it when %s', async (_why, request, status) => {
    expect((await send(request)).status).toBe(status);
  });
});
