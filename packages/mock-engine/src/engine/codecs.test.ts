import { describe, expect, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { genericDialect } from '../dialects/generic/index.js';
import { createMock } from '../mock.js';
import { createOracle } from '../testing/oracle.js';
import { send } from '../testing/requests.js';
import type { MediaCodec } from './codecs.js';

// Bodies in forms, and in a media type only the dialect's own codec speaks.
const KV = 'application/x-kv';
const upload = {
  type: 'object',
  required: ['name', 'size'],
  properties: {
    name: { type: 'string', minLength: 1 },
    size: { type: 'integer', minimum: 1 },
    tags: { type: 'array', items: { type: 'string' } },
  },
};
const spec = {
  openapi: '3.1.0',
  info: { title: 'Uploads', version: '1' },
  servers: [{ url: 'https://uploads.example/v2' }],
  paths: {
    '/uploads': {
      post: {
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                ...upload,
                required: ['name', 'size', 'file'],
                properties: { ...upload.properties, file: { type: 'string', format: 'binary' } },
              },
            },
            'application/x-www-form-urlencoded': { schema: upload },
            [KV]: { schema: upload },
          },
        },
        responses: {
          '201': {
            description: 'created',
            content: {
              [KV]: { schema: upload, example: { name: 'stored', size: 1 } },
            },
          },
          '422': {
            description: 'refused',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { errors: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** `name=report\nsize=3`: one member a line, typed by the body's schema. */
const kvCodec: MediaCodec = {
  accepts: (mediaType) => mediaType === KV,
  parse(body, { schema }) {
    const properties = (schema as typeof upload).properties as Record<string, { type: string }>;
    const value: Record<string, unknown> = {};
    for (const line of new TextDecoder().decode(body).split('\n')) {
      const eq = line.indexOf('=');
      if (eq === -1) throw new Error(`not a member: ${line}`);
      const name = line.slice(0, eq);
      const text = line.slice(eq + 1);
      value[name] = properties[name]?.type === 'integer' ? Number(text) : text;
    }
    return value;
  },
  write: (value) =>
    Object.entries(value as Record<string, unknown>)
      .map(([name, member]) => `${name}=${String(member)}`)
      .join('\n'),
};

const mock = createMock({
  spec,
  dialect: { ...genericDialect(createMock({ spec }).spec), codecs: [kvCodec] },
});
const handler = webHandler(mock.handle);
const url = 'https://uploads.example/v2/uploads';

describe('media codecs', () => {
  it('reads multipart and urlencoded bodies, typed after their schema', async () => {
    const form = new FormData();
    form.append('name', 'report.pdf');
    form.append('size', '2048');
    form.append('tags', 'a');
    form.append('tags', 'b');
    form.append('file', new Blob(['%PDF-1.4']), 'report.pdf');
    expect((await handler(new Request(url, { method: 'POST', body: form }))).status).toBe(201);
    const urlencoded = await handler(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=notes.txt&size=12',
      }),
    );
    expect(urlencoded.status).toBe(201);
  });

  it('refuses form fields that break the schema', async () => {
    const form = new FormData();
    form.append('name', 'report.pdf');
    form.append('size', 'big');
    const response = await handler(new Request(url, { method: 'POST', body: form }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: ['size is missing or empty', 'file is missing or empty'],
    });
  });

  it('reads and writes a media type through the dialect’s codec', async () => {
    const sent = await send(handler, createOracle(spec), {
      method: 'POST',
      path: '/v2/uploads',
      headers: { 'content-type': KV, accept: KV },
      body: 'name=kv\nsize=3',
    });
    expect(sent.status).toBe(201);
    expect(sent.headers.get('content-type')).toBe(KV);
    expect(sent.text).toBe('name=stored\nsize=1');
    const malformed = await handler(
      new Request(url, { method: 'POST', headers: { 'content-type': KV }, body: 'no members' }),
    );
    expect(malformed.status).toBe(400);
    const invalid = await handler(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': KV },
        body: 'name=kv\nsize=0',
      }),
    );
    expect(invalid.status).toBe(422);
  });
});
