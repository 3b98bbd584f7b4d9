import { inspect } from 'node:util';
import { printed } from '@proseapi/client-kit/testing';
import { describe, expect, it } from 'vitest';
import { CsaError, CsaNetworkError, createCsaClient } from './index.js';

const password = 'S3cr&t<pass word>';
const token = btoa(`csaTransportUser:${password}`);
const options = {
  baseUrl: 'https://csa.example.com/csa/rest',
  username: 'csaTransportUser',
  password,
  userIdentifier: 'u',
};
/** Every form of the credentials a server or a runtime might echo. */
const forms = [password, token, encodeURIComponent(password), 'S3cr&amp;t&lt;pass word>'];

function leaks(text: string): string[] {
  return forms.filter((form) => text.includes(form));
}

describe('credentials', () => {
  it('never show in an error, even when the server echoes them', async () => {
    const echo = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const header = request.headers.get('authorization') ?? '';
      return new Response(`denied for ${header} (${password}, ${encodeURIComponent(password)})`, {
        status: 401,
        statusText: `Unauthorized ${token}`,
        headers: { 'x-echo': header },
      });
    }) as typeof fetch;
    const csa = createCsaClient({ ...options, fetch: echo });
    const error = await csa.listPartyNotifications('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsaError);
    expect((error as CsaError).status).toBe(401);
    expect((error as CsaError).body).toContain('[redacted]');
    expect(leaks(printed(error))).toEqual([]);
  });

  it('never show in a network error or its cause', async () => {
    const failing = (async () => {
      throw new TypeError(`connect failed with Authorization: Basic ${token} for ${password}`);
    }) as typeof fetch;
    const csa = createCsaClient({ ...options, fetch: failing });
    const error = await csa.sendNotification({ recipient: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsaNetworkError);
    expect(leaks(printed(error))).toEqual([]);
    expect(leaks(printed((error as Error).cause))).toEqual([]);
  });

  it('never show when the client is inspected or serialised', () => {
    const csa = createCsaClient(options);
    const text = `${inspect(csa, { showHidden: true, depth: 10 })}${JSON.stringify(csa)}${String(csa)}`;
    expect(leaks(text)).toEqual([]);
    expect(text).not.toContain('csaTransportUser');
  });
});
