import { buildSpecModel } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

const ok = { responses: { '200': { description: 'ok' } } };
const spec = buildSpecModel({
  openapi: '3.1.0',
  servers: [{ url: 'https://api.example/base' }],
  paths: {
    '/users/{id}': { get: ok, delete: ok },
    '/users/me': { get: ok },
    '/users/{id}/posts/{post_id}': { get: ok },
    '/files/{name}': { get: ok },
  },
});
const router = new Router(spec);

describe('Router', () => {
  it('prefers literal segments over templated ones', () => {
    expect(router.match('/base/users/me')?.template).toBe('/users/me');
    expect(router.match('/base/users/42')?.template).toBe('/users/{id}');
  });

  it('reads templated segments, percent-decoded', () => {
    expect(router.match('/base/users/7/posts/9')?.params).toEqual({ id: '7', post_id: '9' });
    expect(router.match('/base/files/a%20b.txt')?.params).toEqual({ name: 'a b.txt' });
  });

  it('strips the server URL’s base path and a trailing slash', () => {
    expect(router.match('/base/users/42/')?.template).toBe('/users/{id}');
    expect(router.match('/users/42')?.template).toBe('/users/{id}');
    expect(spec.basePath).toBe('/base');
  });

  it('finds nothing for unknown paths and empty segments', () => {
    expect(router.match('/base/users/42/comments')).toBeUndefined();
    expect(router.match('/base/files/')).toBeUndefined();
    expect(router.match('/base/nothing')).toBeUndefined();
  });

  it('lists the methods of the path item', () => {
    expect([...(router.match('/base/users/1')?.operations.keys() ?? [])]).toEqual([
      'GET',
      'DELETE',
    ]);
  });
});
