import { describe, expect, it } from 'vitest';
import { parsePrefer } from './prefer.js';

describe('Prefer', () => {
  it('reads code, example and dynamic as Prism does', () => {
    expect(parsePrefer('code=404, example=notFound')).toEqual({ code: 404, example: 'notFound' });
    expect(parsePrefer('code=200; dynamic=true')).toEqual({ code: 200, dynamic: true });
    expect(parsePrefer('example="quoted"')).toEqual({ example: 'quoted' });
  });

  it('ignores what it does not know', () => {
    expect(parsePrefer('respond-async, wait=5')).toBeUndefined();
    expect(parsePrefer('code=abc')).toBeUndefined();
    expect(parsePrefer(undefined)).toBeUndefined();
  });
});
