// The client against the mock of the same description, in-process and over HTTP: every
// operation, with its success and its error answers.

import {
  createMockFetch,
  type RunningServer,
  startMockServer,
  TRANSPORT_USER,
} from '@proseapi/csa-mock';
import bundle from '@proseapi/csa-openapi/openapi.json' with { type: 'json' };
import { decodeXml } from '@proseapi/xml-codec';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CsaClientOptions,
  CsaError,
  CsaNoValidRecipientError,
  createCsaClient,
  type Notification,
} from './index.js';

const ACCTG = '90cec3a03a93ef89013a93f07b880001';
const CONSUMER = 'BFA0DB53DA414B90E04059106D1A24B5';
const ADMIN = '90s96588670da0c701360da0f1d540a1';
const credentials = { username: TRANSPORT_USER.username, password: TRANSPORT_USER.password };
const documentedRequest = decodeXml(
  (bundle.components.examples['sendNotification-request'] as { value: string }).value,
  { $ref: '#/components/schemas/Notification' },
  { document: bundle },
) as Notification;

interface Transport {
  name: string;
  /** Options that reach a fresh, stateful mock. */
  connect(): Promise<Pick<CsaClientOptions, 'baseUrl' | 'fetch'>>;
}

let server: RunningServer | undefined;
const transports: Transport[] = [
  {
    name: 'in-process (createMockFetch)',
    connect: async () => ({
      baseUrl: 'https://csa-server:8444/csa/rest',
      fetch: createMockFetch({ mode: 'stateful' }),
    }),
  },
  {
    name: 'over HTTP (startMockServer)',
    async connect() {
      // A fresh server for each test: the seeded world, over a real socket.
      await server?.close();
      server = await startMockServer({ port: 0 });
      return { baseUrl: `${server.url}/csa/rest` };
    },
  },
];

afterAll(async () => {
  await server?.close();
});

describe.each(transports)('the client against the mock, $name', (transport) => {
  let connection: Pick<CsaClientOptions, 'baseUrl' | 'fetch'>;
  const client = (extra: Partial<CsaClientOptions> = {}) =>
    createCsaClient({ ...credentials, ...connection, ...extra });

  beforeEach(async () => {
    connection = await transport.connect();
  });

  it('getUserIdentifier: the person, then 404 for an unknown user and 401 for a wrong password', async () => {
    expect(await client().getUserIdentifier('MyOrganization', 'admin')).toEqual({
      id: ADMIN,
      name: 'admin',
      displayName: 'Administrator',
    });
    const unknown = await client()
      .getUserIdentifier('MyOrganization', 'nobody')
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(CsaError);
    expect(unknown).toMatchObject({ status: 404, operation: { operationId: 'getUserIdentifier' } });
    const wrong = await client({ password: 'wrong' })
      .getUserIdentifier('MyOrganization', 'admin')
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 401 });
  });

  it('lookUpUserIdentifier: a name with a slash, then 404', async () => {
    expect((await client().lookUpUserIdentifier('MyOrganization', 'admin/domain')).id).toBe(ADMIN);
    await expect(
      client().lookUpUserIdentifier('CSA_CONSUMER', 'admin/domain'),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('sendNotification: the documented request, its userIdentifier looked up from a login', async () => {
    const csa = client({ userIdentifier: { organization: 'CSA_CONSUMER', user: 'acctgconsumer' } });
    const result = await csa.sendNotification(documentedRequest);
    expect(await csa.userIdentifier()).toBe(ACCTG);
    expect(result.count).toBe(1);
    expect(result.notifications).toHaveLength(1);
    expect(result.notifications[0]).toMatchObject({
      recepientId: ACCTG,
      notifSubject: 'Test Subject',
      senderContextArtifactId: ACCTG,
    });
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

  it('sendNotification: nobody valid is CsaNoValidRecipientError with the messages; a stranger gets 401', async () => {
    const error = await client({ userIdentifier: ACCTG })
      .sendNotification({
        subject: 'To nobody',
        recipient: [
          { id: 'ghost', type: 'PERSON' },
          { id: 'nowhere', type: 'ORGANIZATION' },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsaNoValidRecipientError);
    expect(error).toMatchObject({
      status: 404,
      errorMessages: [
        'Please enter a valid value for the recipient user id = ghost',
        'Please enter a valid value for the recipient user id = nowhere',
      ],
    });
    const stranger = await client({ userIdentifier: 'not-a-user' })
      .sendNotification(documentedRequest)
      .catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(CsaError);
    expect(stranger).not.toBeInstanceOf(CsaNoValidRecipientError);
    expect(stranger).toMatchObject({ status: 401 });
  });

  it('sendNotificationToParty: the same send at /notification/party/{party_id}, and 401 without a valid account', async () => {
    const result = await client({ userIdentifier: ACCTG }).sendNotification(
      { subject: 'Via the party', recipient: [{ id: CONSUMER, type: 'PERSON' }] },
      { partyId: CONSUMER },
    );
    expect(result.count).toBe(1);
    expect(result.errorMessages).toEqual([]);
    await expect(
      client({ userIdentifier: ACCTG, username: 'someoneElse' }).sendNotification(
        { recipient: [{ id: CONSUMER, type: 'PERSON' }] },
        { partyId: CONSUMER },
      ),
    ).rejects.toMatchObject({ status: 401, operation: { operationId: 'sendNotificationToParty' } });
  });

  it('listPartyNotifications: what was sent, newest first, maxResults; 403 and 404', async () => {
    const csa = client({ userIdentifier: ACCTG });
    for (const subject of ['one', 'two']) {
      await csa.sendNotification({ subject, recipient: [{ id: CONSUMER, type: 'PERSON' }] });
    }
    const all = await csa.listPartyNotifications(CONSUMER);
    expect(all.map((n) => n.notifSubject)).toEqual([
      'two',
      'one',
      'Your subscription is now active',
    ]);
    expect(
      (await csa.listPartyNotifications(CONSUMER, { maxResults: 1 })).map((n) => n.notifSubject),
    ).toEqual(['two']);
    await expect(
      csa.listPartyNotifications(CONSUMER, { userIdentifier: ADMIN }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(csa.listPartyNotifications('unknown-party')).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('the client against a stateless mock', () => {
  it('reads the documented answers', async () => {
    const csa = createCsaClient({
      ...credentials,
      baseUrl: 'https://csa-server:8444/csa/rest',
      userIdentifier: { organization: 'MyOrganization', user: 'admin' },
      fetch: createMockFetch(),
    });
    expect(await csa.userIdentifier()).toBe(ADMIN);
    const sent = await csa.sendNotification(documentedRequest);
    expect(sent.count).toBe(1);
    expect(sent.notifications[0]?.recepientEmailAddr).toBe('acctgconsumer@econ-csa.com');
    expect((await csa.listPartyNotifications(CONSUMER))[0]?.notifactionId).toBe(
      '90d957ea3806fa7e01380f95d38d073a',
    );
  });
});
