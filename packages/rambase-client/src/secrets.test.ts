// No secret of the client's, and no token it obtains, appears in anything it throws, even
// when a server echoes them back.
import { inspect } from 'node:util';
import { printed } from '@proseapi/client-kit/testing';
import { describe, expect, it } from 'vitest';
import {
  createRamBaseClient,
  RamBaseAuthError,
  RamBaseError,
  RamBaseNetworkError,
} from './index.js';

const secrets = {
  clientSecret: 'cl1ent&secret=+/',
  password: 'pa ss<word>',
  accessToken: 'acc3ss-token-Zq9',
  refreshToken: 'refr3sh-token-Xy1',
};
const auth = {
  grant: 'password' as const,
  clientId: 'erp',
  clientSecret: secrets.clientSecret,
  username: 'kari',
  password: secrets.password,
};

function leaks(text: string): string[] {
  return Object.values(secrets).flatMap((s) =>
    [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)].filter((form) =>
      text.includes(form),
    ),
  );
}

/** A server that echoes whatever it was sent into its answer. */
const echo = (status: (url: URL) => number) =>
  (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const sent = `${request.headers.get('authorization')} ${await request.text()}`;
    if (url.pathname === '/oauth2/access_token' && status(url) === 200) {
      return Response.json({
        access_token: secrets.accessToken,
        refresh_token: secrets.refreshToken,
        expires_in: 60,
      });
    }
    return new Response(
      JSON.stringify({ message: `refused: ${sent}`, httpStatusCode: status(url) }),
      {
        status: status(url),
        statusText: `Nope ${sent}`,
        headers: { 'content-type': 'application/json', 'x-echo': sent },
      },
    );
  }) as typeof fetch;

describe('secrets', () => {
  it('never show in a refused login, even echoed in the body, the headers and the status text', async () => {
    const rambase = createRamBaseClient({ auth, fetch: echo(() => 400) });
    const error = await rambase.getNotification(1, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RamBaseAuthError);
    expect(JSON.stringify((error as RamBaseAuthError).body)).toContain('[redacted]');
    expect(leaks(printed(error))).toEqual([]);
    expect(leaks([...(error as RamBaseAuthError).response.headers].join())).toEqual([]);
  });

  it('never show in an API error, the tokens the client obtained included', async () => {
    const rambase = createRamBaseClient({
      auth,
      fetch: echo((url) => (url.pathname === '/oauth2/access_token' ? 200 : 403)),
    });
    const error = await rambase.getNotification(1, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RamBaseError);
    expect((error as RamBaseError).status).toBe(403);
    expect(leaks(printed(error))).toEqual([]);
  });

  it('never show in a network error or its cause', async () => {
    const failing = (async () => {
      throw new TypeError(`connect failed for ${secrets.clientSecret} / ${secrets.password}`);
    }) as typeof fetch;
    const error = await createRamBaseClient({ auth, fetch: failing })
      .getNotification(1, 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RamBaseNetworkError);
    expect(leaks(printed(error))).toEqual([]);
  });

  it('never show when the client is inspected or serialised', () => {
    const rambase = createRamBaseClient({ auth });
    const text = `${inspect(rambase, { showHidden: true, depth: 10 })}${JSON.stringify(rambase)}`;
    expect(leaks(text)).toEqual([]);
  });
});
