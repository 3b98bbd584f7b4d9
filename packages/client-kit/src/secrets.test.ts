import { describe, expect, it } from 'vitest';
import { Redactor } from './secrets.js';

describe('Redactor', () => {
  const secret = 'p&ss <wörd>+1';
  const redactor = new Redactor();
  redactor.add(secret, undefined, 'ab');

  it('takes a secret out in every form a server may echo it', () => {
    for (const form of [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      'p&amp;ss &lt;wörd&gt;+1',
      JSON.stringify(secret),
    ]) {
      expect(redactor.redact(`before ${form} after`)).not.toContain(form.replace(/^"|"$/g, ''));
      expect(redactor.redact(`before ${form} after`)).toContain('[redacted]');
    }
  });

  it('leaves secrets too short to tell from text alone', () => {
    expect(redactor.redact('abc')).toBe('abc');
  });

  it('scrubs an error, its cause and an answer in place', () => {
    const error = new Error(`refused ${secret}`, { cause: new Error(`because ${secret}`) });
    redactor.scrub(error);
    expect(error.message).toBe('refused [redacted]');
    expect((error.cause as Error).message).toBe('because [redacted]');
    const kept = redactor.response(
      new Response('body', { status: 401, headers: { 'x-echo': secret } }),
    );
    expect(kept.status).toBe(401);
    expect(kept.headers.get('x-echo')).toBe('[redacted]');
  });

  it('guards a function: what it throws comes out scrubbed', async () => {
    const guarded = redactor.guard(async (n: number) => {
      if (n > 0) throw new Error(`token ${secret}`);
      return n;
    });
    expect(await guarded(0)).toBe(0);
    await expect(guarded(1)).rejects.toThrow('token [redacted]');
  });

  it('shows nothing of its secrets when serialised', () => {
    expect(JSON.stringify(redactor)).toBe('{}');
  });
});

describe('printed (the test helper)', () => {
  it('shows the message, the cause and hidden members', async () => {
    const { printed } = await import('./testing.js');
    const error = Object.defineProperty(
      new Error('outer', { cause: new Error('inner') }),
      'hidden',
      {
        value: 'kept out of sight',
      },
    );
    const text = printed(error);
    for (const part of ['outer', 'inner', 'kept out of sight']) expect(text).toContain(part);
  });
});
