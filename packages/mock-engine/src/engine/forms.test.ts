import { isObject } from '@proseapi/openapi-model';
import { decodeXml } from '@proseapi/xml-codec';
import { describe, expect, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { descriptionErrors } from '../dialects/generic/index.js';
import { createMock } from '../mock.js';
import { plainJson, type Representation } from '../state/representation.js';
import type { Dialect } from './dialect.js';
import { xmlCodec } from './xml.js';

// A note in two forms: JSON wraps the fields in `note`, XML has them under its root
// element; `?as=xml` chooses XML like `Accept` does; `?fields=` keeps some fields only.
// A `/login` call answers from the dialect alone.
const errorContent = {
  'application/json': { schema: { $ref: '#/components/schemas/Problem' } },
  'application/xml': { schema: { $ref: '#/components/schemas/Problem' } },
};
const noteContent = {
  'application/json': {
    schema: { $ref: '#/components/schemas/NoteDocument' },
    examples: { one: { value: { note: { noteId: 1, text: 'hello', author: 'ann' } } } },
  },
  'application/xml': {
    schema: { $ref: '#/components/schemas/Note' },
    examples: {
      one: { value: '<Note><NoteId>1</NoteId><Text>hello</Text><Author>ann</Author></Note>' },
    },
  },
};
const query = [
  { name: 'as', in: 'query', schema: { type: 'string' } },
  { name: 'fields', in: 'query', schema: { type: 'string' } },
];
const spec = {
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1' },
  servers: [{ url: 'https://notes.example' }],
  security: [{ key: [] }],
  paths: {
    '/login': {
      post: {
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', properties: { user: { type: 'string' } } },
            },
          },
        },
        responses: {
          '200': {
            description: 'a key',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { key: { type: 'string' } } },
                example: { key: 'documented' },
              },
            },
          },
          '400': { description: 'refused', content: errorContent },
        },
      },
    },
    '/notes': {
      post: {
        parameters: query,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/NoteDocument' } },
            'application/xml': { schema: { $ref: '#/components/schemas/Note' } },
          },
        },
        responses: {
          '201': { description: 'created', content: noteContent },
          '400': { description: 'refused', content: errorContent },
          '401': { description: 'no key', content: errorContent },
        },
      },
    },
    '/notes/{noteId}': {
      get: {
        parameters: [
          { name: 'noteId', in: 'path', required: true, schema: { type: 'integer' } },
          ...query,
        ],
        responses: {
          '200': { description: 'a note', content: noteContent },
          '401': { description: 'no key', content: errorContent },
          '404': { description: 'none', content: errorContent },
        },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    schemas: {
      Note: {
        type: 'object',
        xml: { name: 'Note' },
        properties: {
          noteId: { type: 'integer', xml: { name: 'NoteId' } },
          text: { type: 'string', xml: { name: 'Text' } },
          author: { type: 'string', xml: { name: 'Author' } },
        },
      },
      NoteDocument: {
        type: 'object',
        required: ['note'],
        properties: { note: { $ref: '#/components/schemas/Note' } },
      },
      Problem: {
        type: 'object',
        xml: { name: 'Problem' },
        properties: { message: { type: 'string', xml: { name: 'Message' } } },
      },
    },
  },
};

const base = 'https://notes.example';
const xml = 'application/xml';
const Note = { $ref: '#/components/schemas/Note' };
const Problem = { $ref: '#/components/schemas/Problem' };

function wanted(accept: string | undefined): string {
  return accept?.includes(xml) ? xml : 'application/json';
}

/** The dialect under test: every contract of this file, in a few lines each. */
function notesDialect(calls: string[]): Dialect {
  return {
    name: 'notes',
    codecs: [xmlCodec()],
    errors: {
      render: (_op, _status, problems, context) => ({
        mediaType: wanted(context?.accept),
        value: { message: problems.map((p) => p.title).join('; ') },
        schema: Problem,
      }),
    },
    authenticate: ({ credentials }) =>
      credentials[0]?.type === 'apiKey' && credentials[0].value === 'k1'
        ? { id: 'ann' }
        : undefined,
    accept: (request) => (request.query('as') === 'xml' ? xml : request.header('accept')),
    receive: ({ mediaType, value }) => (mediaType === xml ? { note: value } : value),
    present({ op, status, from, mediaType, value, params, accept }) {
      if (op.path === '/login') return { mediaType, value };
      calls.push(`present ${status} from the ${from}`);
      // The value in its JSON form, wherever it comes from.
      let note = mediaType === xml ? value : (value as { note: unknown }).note;
      if (typeof note === 'string') note = decodeXml(note, Note, { document: spec });
      const fields = params.query.fields;
      if (typeof fields === 'string') {
        const keep = new Set(fields.split(','));
        note = Object.fromEntries(Object.entries(note as object).filter(([k]) => keep.has(k)));
      }
      return wanted(accept) === xml
        ? { mediaType: xml, value: note }
        : { mediaType: 'application/json', value: { note } };
    },
    respond({ op, body, request }) {
      if (op.path !== '/login') return undefined;
      const user = (body as { user?: string }).user;
      const headers = { 'x-logged-in-at': `${request.origin}${request.pathname}` };
      return user === 'ann'
        ? { status: 200, mediaType: 'application/json', value: { key: 'k1' }, headers }
        : { status: 400, mediaType: 'application/json', value: { message: 'unknown user' } };
    },
  };
}

/** Records are the notes themselves, under `note` in JSON answers and bodies. */
const notes: Representation = {
  ...plainJson,
  locate: (doc, schema) =>
    isObject(schema) && schema.$ref === '#/components/schemas/NoteDocument'
      ? { path: ['note'], many: false, schema: Note, links: undefined }
      : plainJson.locate(doc, schema),
  bodyFields: (body) => (isObject(body) && isObject(body.note) ? { ...body.note } : {}),
  compose: (id, _kind, fields) => ({ noteId: Number(id), ...fields }),
  idOf: (resource) => (resource.noteId === undefined ? undefined : String(resource.noteId)),
};

function mockOf(mode: 'stateful' | 'stateless', calls: string[] = []) {
  return webHandler(
    createMock({
      spec,
      mode,
      dialect: notesDialect(calls),
      world: {
        representation: notes,
        seed: (world) => world.put('/notes', [], 1, { text: 'hello', author: 'ann' }),
      },
    }).handle,
  );
}

function send(
  handler: (request: Request) => Promise<Response>,
  path: string,
  init: RequestInit & { key?: string } = {},
) {
  const headers = new Headers(init.headers);
  if (init.key !== undefined) headers.set('x-key', init.key);
  return handler(new Request(`${base}${path}`, { ...init, headers }));
}

describe('a dialect that chooses and shapes answers', () => {
  it('answers a call of its own, in a stateless and a stateful mock, before any credentials', async () => {
    for (const mode of ['stateless', 'stateful'] as const) {
      const handler = mockOf(mode);
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const ok = await send(handler, '/login', { method: 'POST', headers: form, body: 'user=ann' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-logged-in-at')).toBe(`${base}/login`);
      expect(await ok.json()).toEqual({ key: 'k1' });
      const refused = await send(handler, '/login', {
        method: 'POST',
        headers: form,
        body: 'user=bob',
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({ message: 'unknown user' });
    }
  });

  it('still honours Prefer before a call of its own', async () => {
    const response = await send(mockOf('stateless'), '/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', prefer: 'code=200' },
      body: 'user=bob',
    });
    expect(await response.json()).toEqual({ key: 'documented' });
  });

  it('reads a body of either form into one shape, and shows it in the form asked for', async () => {
    const handler = mockOf('stateful');
    const created = await send(handler, '/notes', {
      method: 'POST',
      key: 'k1',
      headers: { 'content-type': xml },
      body: '<Note><Text>from xml</Text><Author>ann</Author></Note>',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/json');
    const { note } = (await created.json()) as { note: { noteId: number; text: string } };
    expect(note.text).toBe('from xml');
    const again = await send(handler, `/notes/${note.noteId}?as=xml`, { key: 'k1' });
    expect(again.headers.get('content-type')).toBe(xml);
    expect(decodeXml(await again.text(), Note, { document: spec })).toMatchObject({
      noteId: note.noteId,
      text: 'from xml',
    });
    const json = await send(handler, `/notes/${note.noteId}`, {
      key: 'k1',
      headers: { accept: xml },
    });
    expect(json.headers.get('content-type')).toBe(xml);
  });

  it('presents answers after the query, from the world and from the description alike', async () => {
    for (const mode of ['stateful', 'stateless'] as const) {
      const calls: string[] = [];
      const handler = mockOf(mode, calls);
      const some = await send(handler, '/notes/1?fields=noteId,author', { key: 'k1' });
      expect(await some.json()).toEqual({ note: { noteId: 1, author: 'ann' } });
      // The same request again is not mistaken for a request without the query.
      const all = await send(handler, '/notes/1', { key: 'k1' });
      expect(await all.json()).toEqual({ note: { noteId: 1, text: 'hello', author: 'ann' } });
      const asXml = await send(handler, '/notes/1?as=xml&fields=text', { key: 'k1' });
      expect(decodeXml(await asXml.text(), Note, { document: spec })).toEqual({ text: 'hello' });
      const from = mode === 'stateful' ? 'world' : 'description';
      expect(calls).toEqual(Array(3).fill(`present 200 from the ${from}`));
    }
  });

  it('answers the engine’s own refusals in the form asked for, with the schema of that form', async () => {
    const handler = mockOf('stateless');
    const missing = await send(handler, '/notes/1?as=xml');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe(xml);
    expect(decodeXml(await missing.text(), Problem, { document: spec })).toEqual({
      message: 'Credentials are missing',
    });
    const wrongKey = await send(handler, '/notes/1', { key: 'k2' });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toEqual({ message: 'Credentials are invalid' });
    const badId = await send(handler, '/notes/one?as=xml', { key: 'k1' });
    expect(badId.status).toBe(404);
    expect(decodeXml(await badId.text(), Problem, { document: spec })).toEqual({
      message: expect.stringContaining('noteId'),
    });
    const nowhere = await send(handler, '/elsewhere', { headers: { accept: xml } });
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toContain('<Problem>');
  });

  it('leaves dialects without these members as they were', async () => {
    const plain = createMock({
      spec,
      dialect: {
        name: 'plain',
        codecs: [xmlCodec()],
        errors: descriptionErrors(createMock({ spec }).spec),
      },
    });
    const handler = webHandler(plain.handle);
    const answer = await send(handler, '/notes/1?as=xml', { key: 'any' });
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({ note: { noteId: 1, text: 'hello', author: 'ann' } });
    const xmlAnswer = await send(handler, '/notes/1', { key: 'any', headers: { accept: xml } });
    expect(await xmlAnswer.text()).toBe(
      '<Note><NoteId>1</NoteId><Text>hello</Text><Author>ann</Author></Note>',
    );
  });
});
