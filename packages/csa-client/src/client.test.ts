import bundle from '@proseapi/csa-openapi/openapi.json' with { type: 'json' };
import { decodeXml } from '@proseapi/xml-codec';
import { describe, expect, it } from 'vitest';
import {
  CsaError,
  CsaNetworkError,
  CsaNoValidRecipientError,
  CsaTimeoutError,
  createCsaClient,
} from './index.js';

const BASE = 'https://csa.example.com:8444/csa/rest';
const examples = (bundle.components as { examples: Record<string, { value: unknown }> }).examples;
const documented = (name: string) => examples[name]?.value as string;

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A fetch that records each request and answers with the next of `answers`. */
function server(...answers: (() => Response)[]) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
    });
    const answer = answers[Math.min(seen.length, answers.length) - 1];
    if (!answer) throw new Error('no answer prepared');
    return answer();
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const xml =
  (body: string, status = 200) =>
  () =>
    new Response(body, { status, headers: { 'content-type': 'application/xml' } });
const person = (id: string) => xml(`<person><id>${id}</id><name>n</name></person>`);
const options = { baseUrl: BASE, username: 'csaTransportUser', password: 'pw-123' };

describe('requests', () => {
  it('send the documented request as XML, with Basic credentials and the userIdentifier', async () => {
    const { seen, fetch } = server(xml(documented('sendNotification-200')));
    const csa = createCsaClient({ ...options, userIdentifier: 'u-1', fetch });
    const notification = decodeXml(
      documented('sendNotification-request'),
      { $ref: '#/components/schemas/Notification' },
      { document: bundle, text: 'trim' },
    ) as Parameters<typeof csa.sendNotification>[0];
    const result = await csa.sendNotification(notification);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(`${request?.url.origin}${request?.url.pathname}`).toBe(`${BASE}/notification/party`);
    expect(request?.url.searchParams.get('userIdentifier')).toBe('u-1');
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa('csaTransportUser:pw-123')}`);
    expect(request?.headers.get('content-type')).toBe('application/xml');
    expect(request?.headers.get('accept')).toBe('application/xml');
    expect(
      request?.body.startsWith(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Notification>',
      ),
    ).toBe(true);
    // What went out reads back as the documented request.
    expect(
      decodeXml(
        request?.body ?? '',
        { $ref: '#/components/schemas/Notification' },
        { document: bundle },
      ),
    ).toEqual(notification);
    expect(result.count).toBe(1);
  });

  it('post to /notification/party/{party_id} when given a party', async () => {
    const { seen, fetch } = server(xml(documented('sendNotification-200')));
    const csa = createCsaClient({ ...options, userIdentifier: 'u-1', fetch });
    await csa.sendNotification(
      { recipient: [{ id: 'p/1', type: 'PERSON' }] },
      { partyId: 'p/1', userIdentifier: 'u-2' },
    );
    expect(seen[0]?.url.pathname).toBe('/csa/rest/notification/party/p%2F1');
    expect(seen[0]?.url.searchParams.get('userIdentifier')).toBe('u-2');
  });

  it('list a party’s notifications with maxResults', async () => {
    const { seen, fetch } = server(xml(documented('listPartyNotifications-200')));
    const csa = createCsaClient({ ...options, userIdentifier: 'u-1', fetch });
    const list = await csa.listPartyNotifications('BFA0DB53DA414B90E04059106D1A24B5', {
      maxResults: 10,
    });
    expect(seen[0]?.url.search).toBe('?userIdentifier=u-1&maxResults=10');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      notifactionId: '90d957ea3806fa7e01380f95d38d073a',
      tokens: [
        { tokenSequence: 0, value: 'my request' },
        { tokenSequence: 1, value: 'CSA Consumer' },
      ],
    });
  });
});

describe('the userIdentifier', () => {
  it('is looked up once from a login, by path, and kept', async () => {
    const { seen, fetch } = server(
      person('found-id'),
      xml('<NotificationList/>'),
      xml('<NotificationList/>'),
    );
    const csa = createCsaClient({
      ...options,
      userIdentifier: { organization: 'My Org', user: 'admin' },
      fetch,
    });
    await csa.listPartyNotifications('a');
    await csa.listPartyNotifications('b');
    expect(seen.map((s) => s.url.pathname + s.url.search)).toEqual([
      '/csa/rest/login/My%20Org/admin/',
      '/csa/rest/notification/party/a?userIdentifier=found-id',
      '/csa/rest/notification/party/b?userIdentifier=found-id',
    ]);
    // The look-ups take no userIdentifier.
    expect(seen[0]?.url.search).toBe('');
  });

  it('is looked up by userLookup for a name with a slash or a backslash', async () => {
    const { seen, fetch } = server(person('slash-id'), person('backslash-id'));
    const csa = createCsaClient({ ...options, fetch });
    expect(await csa.resolveUserIdentifier('MyOrganization', 'admin/domain')).toBe('slash-id');
    expect(await csa.resolveUserIdentifier('MyOrganization', 'dom\\admin')).toBe('backslash-id');
    expect(seen.map((s) => s.url.pathname + s.url.search)).toEqual([
      '/csa/rest/login/MyOrganization/userLookup?userName=admin%2Fdomain',
      '/csa/rest/login/MyOrganization/userLookup?userName=dom%5Cadmin',
    ]);
  });

  it('reads the documented answer, comments and elisions included', async () => {
    const { fetch } = server(xml(documented('getUserIdentifier-200')));
    const csa = createCsaClient({ ...options, fetch });
    expect(await csa.resolveUserIdentifier('MyOrganization', 'admin')).toBe(
      '90s96588670da0c701360da0f1d540a1',
    );
  });

  it('is looked up again after a failed look-up', async () => {
    const { seen, fetch } = server(xml('', 500), person('second-try'));
    const csa = createCsaClient({
      ...options,
      userIdentifier: { organization: 'o', user: 'u' },
      fetch,
    });
    await expect(csa.userIdentifier()).rejects.toBeInstanceOf(CsaError);
    expect(await csa.userIdentifier()).toBe('second-try');
    expect(seen).toHaveLength(2);
  });

  it('is required by the notification calls', async () => {
    const { seen, fetch } = server();
    const csa = createCsaClient({ ...options, fetch });
    await expect(csa.listPartyNotifications('a')).rejects.toThrow(/no userIdentifier/);
    expect(seen).toHaveLength(0);
  });

  it('must be found in the answer', async () => {
    const { fetch } = server(xml('<person><name>no id</name></person>'));
    const csa = createCsaClient({ ...options, fetch });
    await expect(csa.resolveUserIdentifier('o', 'u')).rejects.toThrow('has no <id>');
  });
});

describe('answers', () => {
  it('make the partial success plain: count, notifications, messages and the refused recipients', async () => {
    const { fetch } = server(xml(documented('sendNotification-200')));
    const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
    const result = await csa.sendNotification({
      recipient: [
        { id: '90cec3a03a93ef89013a93f07b880001', type: 'PERSON' },
        { id: 'bad org id', type: 'ORGANIZATION' },
      ],
    });
    expect(result.count).toBe(1);
    expect(result.notifications.map((n) => n.recepientEmailAddr)).toEqual([
      // The documented answer's whitespace around values is dropped by default.
      'acctgconsumer@econ-csa.com',
    ]);
    expect(result.errorMessages).toEqual([
      'Please enter a valid value for the recipient user id = bad org id',
    ]);
    expect(result.refused).toEqual([
      {
        message: 'Please enter a valid value for the recipient user id = bad org id',
        recipient: { id: 'bad org id', type: 'ORGANIZATION' },
      },
    ]);
  });

  it('keep the whitespace around values when asked to', async () => {
    const { fetch } = server(xml(documented('sendNotification-200')));
    const csa = createCsaClient({ ...options, userIdentifier: 'u', xmlText: 'preserve', fetch });
    const result = await csa.sendNotification({ recipient: [] });
    expect(result.notifications[0]?.recepientEmailAddr).toMatch(
      /^\s+acctgconsumer@econ-csa\.com\s+$/,
    );
  });

  it('turn a send that reached nobody into CsaNoValidRecipientError, whatever its status', async () => {
    const none =
      '<NotificationPostResponse><count>0</count><errorMessage>m</errorMessage></NotificationPostResponse>';
    for (const status of [200, 404, 400, 422]) {
      const { fetch } = server(xml(none, status));
      const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
      const error = await csa.sendNotification({ recipient: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsaNoValidRecipientError);
      expect(error).toMatchObject({ status, errorMessages: ['m'], answer: { count: 0 } });
    }
    // A body that is no send document still gives the status and the body.
    const { fetch } = server(() => new Response('nothing sent', { status: 404 }));
    const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
    const error = await csa.sendNotification({ recipient: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsaNoValidRecipientError);
    expect(error).toMatchObject({ status: 404, body: 'nothing sent', errorMessages: [] });
  });

  it('turn other error statuses into CsaError with the status and the body', async () => {
    for (const status of [401, 403, 409, 500]) {
      const { fetch } = server(() => new Response('refused', { status }));
      const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
      const error = await csa.sendNotification({ recipient: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsaError);
      expect(error).not.toBeInstanceOf(CsaNoValidRecipientError);
      expect(error).toMatchObject({
        status,
        body: 'refused',
        operation: { operationId: 'sendNotification', method: 'POST', path: '/notification/party' },
      });
      expect((error as Error).message).toBe(
        `POST /notification/party (sendNotification) answered ${status}: refused`,
      );
    }
  });

  it('refuse an answer that is not the document the description describes', async () => {
    const { fetch } = server(xml('<NotificationList><notification>'), xml('{"notification": []}'));
    const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
    const malformed = await csa.listPartyNotifications('a').catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(CsaError);
    expect((malformed as CsaError).status).toBe(200);
    expect((malformed as Error).message).toContain('not the XML document NotificationList');
    await expect(csa.listPartyNotifications('a')).rejects.toBeInstanceOf(CsaError);
  });
});

describe('the wire', () => {
  it('gives up after timeoutMs, even with a fetch that ignores its signal', async () => {
    const fetch = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
    const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch, timeoutMs: 20 });
    const error = await csa.listPartyNotifications('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsaTimeoutError);
    expect(error).toMatchObject({
      timeoutMs: 20,
      operation: { operationId: 'listPartyNotifications' },
    });
  });

  it('stops when the caller aborts, with the caller’s reason', async () => {
    const fetch = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
    const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
    const controller = new AbortController();
    const pending = csa.listPartyNotifications('a', { signal: controller.signal });
    controller.abort(new Error('not needed any more'));
    await expect(pending).rejects.toThrow('not needed any more');
  });

  it('reports a failed connection as CsaNetworkError', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed'))) as typeof globalThis.fetch;
    const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
    const error = await csa.getUserIdentifier('o', 'u').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsaNetworkError);
    expect((error as Error).message).toContain('fetch failed');
  });

  it('refuses options it cannot work with', () => {
    expect(() => createCsaClient({ ...options, baseUrl: 'ftp://csa/rest' })).toThrow(TypeError);
    expect(() => createCsaClient({ ...options, username: 'a:b' })).toThrow(TypeError);
    expect(() =>
      createCsaClient({ ...options, userIdentifier: { organization: 'o' } as never }),
    ).toThrow(TypeError);
    expect(() => createCsaClient({ ...options, timeoutMs: 0 })).toThrow(TypeError);
  });

  it('refuses a notification that cannot be written as XML before sending it', async () => {
    const { seen, fetch } = server();
    const csa = createCsaClient({ ...options, userIdentifier: 'u', fetch });
    await expect(
      csa.sendNotification({ tokens: [{ tokenSequence: 'first' as unknown as number }] }),
    ).rejects.toThrow('cannot be written as XML');
    expect(seen).toHaveLength(0);
  });
});
