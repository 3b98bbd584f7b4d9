import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from './redact.js';

const CANARY = 'canary-3f9a1c7e-token';

describe('Redactor', () => {
  it('takes a named secret out of text in its raw, JSON-escaped and percent-encoded forms', () => {
    const secret = 'p@ss "word"/1';
    const r = new Redactor({ secrets: [secret] });
    expect(r.text(`a ${secret} b`)).toBe(`a ${REDACTED} b`);
    expect(r.text(JSON.stringify({ echo: secret }))).not.toContain('word');
    expect(r.text(`?q=${encodeURIComponent(secret)}`)).toBe(`?q=${REDACTED}`);
  });

  it('blanks credential headers and cookies, and learns their values for everything after', () => {
    const r = new Redactor();
    const basic = `Basic ${btoa('user:hunter2-secret')}`;
    r.learnHeaders([
      ['X-Api-Token', CANARY],
      ['Authorization', basic],
      ['Cookie', 'session=s3ss10n-value; theme=dark'],
      ['Accept', 'application/json'],
    ]);
    expect(
      r.headers([
        ['x-api-token', CANARY],
        ['authorization', basic],
        ['cookie', 'session=s3ss10n-value'],
        ['set-cookie', 'session=s3ss10n-value; Path=/'],
        ['accept', 'application/json'],
        ['x-echo', `token was ${CANARY}`],
      ]),
    ).toEqual({
      'x-api-token': REDACTED,
      authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      accept: 'application/json',
      'x-echo': `token was ${REDACTED}`,
    });
    const echoed = JSON.stringify(
      r.value({ message: `bad token ${CANARY}`, note: 'hunter2-secret', cookie: 's3ss10n-value' }),
    );
    expect(echoed).not.toContain(CANARY);
    expect(echoed).not.toContain('hunter2-secret');
    expect(echoed).not.toContain('s3ss10n-value');
  });

  it('blanks members and query parameters whose names say they hold secrets', () => {
    const r = new Redactor();
    expect(
      r.value({
        data: { attributes: { login: 'ann', password: 'pw-1234', api_key: 12345, secret: null } },
        tokens: [{ value: 'x' }],
      }),
    ).toEqual({
      data: { attributes: { login: 'ann', password: REDACTED, api_key: REDACTED, secret: null } },
      tokens: REDACTED,
    });
    expect(
      r.url('https://ann:pw@host.example/a?page[size]=2&access_token=abc123&filter[key]=k'),
    ).toBe(`https://host.example/a?page[size]=2&access_token=${REDACTED}&filter[key]=k`);
  });

  it('keeps a member named __proto__ as a member', () => {
    const value = new Redactor().value(JSON.parse('{"__proto__": {"polluted": true}}')) as object;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores values too short to be secrets of their own', () => {
    const r = new Redactor({ secrets: ['ab', undefined] });
    expect(r.text('abab')).toBe('abab');
  });
});
