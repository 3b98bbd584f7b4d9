import { describe, expect, it } from 'vitest';
import { listOperations, serverUrl, splitPath, templateKey } from './operations.js';

const ok = { responses: { '200': { description: 'ok' } } };
const doc = {
  openapi: '3.1.0',
  servers: [{ url: 'https://{host}/v1/', variables: { host: { default: 'api.example' } } }],
  paths: {
    '/items/{id}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { $ref: '#/components/parameters/verbose' },
      ],
      patch: { ...ok, parameters: [{ name: 'verbose', in: 'query', schema: { type: 'integer' } }] },
      get: { ...ok, servers: [{ url: 'https://mirror.example' }] },
      'x-extension': { get: ok },
    },
    '/moved': { $ref: '#/components/pathItems/Moved' },
  },
  components: {
    parameters: { verbose: { name: 'verbose', in: 'query', schema: { type: 'boolean' } } },
    pathItems: { Moved: { post: ok } },
  },
};

describe('operations', () => {
  const entries = listOperations(doc);

  it('lists every operation once, in the order OpenAPI lists methods', () => {
    expect(entries.map((e) => `${e.method} ${e.path}`)).toEqual([
      'get /items/{id}',
      'patch /items/{id}',
      'post /moved',
    ]);
    expect(listOperations(doc)).toBe(entries);
  });

  it('resolves parameters; an operation’s own parameter wins over the path item’s', () => {
    const patch = entries.find((e) => e.method === 'patch');
    expect(patch?.parameters.map((p) => `${p.in}:${p.name}:${JSON.stringify(p.schema)}`)).toEqual([
      'path:id:{"type":"string"}',
      'query:verbose:{"type":"integer"}',
    ]);
    const get = entries.find((e) => e.method === 'get');
    expect(get?.parameters.map((p) => p.schema)).toEqual([{ type: 'string' }, { type: 'boolean' }]);
  });

  it('points at where an operation lives, through a referenced path item', () => {
    expect(entries.map((e) => e.pointer)).toEqual([
      '#/paths/~1items~1{id}/get',
      '#/paths/~1items~1{id}/patch',
      '#/components/pathItems/Moved/post',
    ]);
    expect(entries[0]?.servers).toEqual([{ url: 'https://mirror.example' }]);
    expect(entries[1]?.servers).toBeUndefined();
  });
});

describe('paths and servers', () => {
  it('splits paths and erases parameter names', () => {
    expect(splitPath('/a/{b}/c/')).toEqual(['a', '{b}', 'c']);
    expect(templateKey('/a/{x}/b/{y}?q')).toBe('/a/{}/b/{}');
  });

  it('fills server variables with their defaults', () => {
    expect(serverUrl(doc.servers)).toBe('https://api.example/v1');
    expect(serverUrl([{ url: 'https://{tenant}.example' }])).toBe('https://{tenant}.example');
    expect(serverUrl([{ url: 'https://{tenant}.example' }], '')).toBe('https://.example');
    expect(serverUrl(undefined)).toBeUndefined();
  });
});
