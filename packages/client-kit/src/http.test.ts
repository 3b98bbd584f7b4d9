import { describe, expect, it } from 'vitest';
import { apiRoot, basicAuthorization } from './http.js';

describe('apiRoot', () => {
  it('keeps origin and path, without a trailing slash', () => {
    expect(apiRoot('https://csa:8444/csa/rest/')).toBe('https://csa:8444/csa/rest');
    expect(apiRoot('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });

  it('refuses what cannot be a base URL', () => {
    for (const bad of [
      'ftp://x/y',
      'https://u:p@x/',
      'https://x/?a=1',
      'https://x/#f',
      'x',
      undefined,
    ]) {
      expect(apiRoot(bad)).toBeUndefined();
    }
  });
});

describe('basicAuthorization', () => {
  it('encodes UTF-8 credentials', () => {
    expect(basicAuthorization('user', 'pässword')).toBe(
      `Basic ${Buffer.from('user:pässword', 'utf8').toString('base64')}`,
    );
  });
});
