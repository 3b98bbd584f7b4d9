import { describe, expect, it } from 'vitest';
import { asciiEscaped, asciiJson } from './json.js';

describe('asciiJson', () => {
  it('writes the same value in ASCII only', () => {
    const value = { name: 'Müller € – 🚀', plain: 'a"b\\c', list: [1, null, 'ß'] };
    const text = asciiJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(text).toContain('\\u20ac');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves an ASCII text as JSON.stringify writes it', () => {
    const value = { a: [1, 2, { b: 'c d' }] };
    expect(asciiJson(value)).toBe(JSON.stringify(value));
  });

  it('escapes code so that it means the same', () => {
    const code = 'module.exports = { sign: "€", pattern: /ü+/ };';
    const escaped = asciiEscaped(code);
    expect(escaped).toBe('module.exports = { sign: "\\u20ac", pattern: /\\u00fc+/ };');
    const run = (text: string) => new Function('module', `${text}; return module.exports;`)({});
    expect(run(escaped).sign).toBe('€');
    expect(run(escaped).pattern.test('üü')).toBe(true);
  });
});
