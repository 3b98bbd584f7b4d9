import { XmlCodec } from '@proseapi/xml-codec';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createMockHandler } from '../index.js';
import {
  ACCTG,
  ADMIN,
  CONSUMER,
  call,
  description,
  documented,
  notificationXml,
} from '../test-support.js';

const codec = new XmlCodec({ document: description });
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const XML = { 'content-type': 'application/xml' };
const send = `/notification/party?userIdentifier=${ACCTG}`;
const listOf = (party: string, query = '') =>
  `/notification/party/${party}?userIdentifier=${ACCTG}${query}`;

type Sent = { count?: number; errorMessage?: string[]; notification?: Record<string, unknown>[] };

function decoded<T>(text: string, name: string): T {
  return codec.decode(text, schema(name)) as T;
}

describe('sending', () => {
  it('answers the documented request (second recipient invalid) with 200, count 1 and the documented errorMessage', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const answer = await call(handler, 'POST', send, {
      headers: XML,
      body: documented('sendNotification-request') as string,
    });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/xml');
    // Decoded with the codec and validated with Ajv against the description's own schema.
    const value = codec.decode(answer.text, schema('NotificationPostResponse'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...description, $id: 'csa.json' });
    // The 200 answer of sendNotification: components/responses/SendNotificationAnswer.
    const validate = ajv.compile({
      $ref: 'csa.json#/components/responses/SendNotificationAnswer/content/application~1xml/schema',
    });
    const valid = validate(value);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const sent = value as Sent;
    expect(sent.count).toBe(1);
    expect(sent.errorMessage).toEqual([
      'Please enter a valid value for the recipient user id = bad org id',
    ]);
    expect(sent.notification).toHaveLength(1);
    expect(sent.notification?.[0]).toMatchObject({
      notifSubject: 'Test Subject',
      notifContentBody: 'Test content body, token0 = {0}. Token1 = {1}',
      recepientId: ACCTG,
      recepientName: 'acctgconsumer',
      recepientEmailAddr: 'acctgconsumer@econ-csa.com',
      recepientArtifactTypeName: 'PERSON',
      senderContextArtifactId: ACCTG,
      source: 'EXTERNAL',
      tokens: [
        { tokenSequence: 0, value: 'Token 0 test content' },
        { tokenSequence: 1, value: 'Token 1 test content' },
      ],
    });
    expect(answer.text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(
      true,
    );
  });

  it('notifies people and organizations, one notification and one message per recipient', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const answer = await call(handler, 'POST', send, {
      headers: XML,
      body: notificationXml([
        [CONSUMER, 'PERSON'],
        ['4c8f0e2a9b3d4f61a7e5c2d9b8a61f03', 'ORGANIZATION'],
        // A person's id given as an organization's, and an unknown person.
        [ACCTG, 'ORGANIZATION'],
        ['nobody', 'PERSON'],
      ]),
    });
    expect(answer.status).toBe(200);
    const sent = decoded<Sent>(answer.text, 'NotificationPostResponse');
    expect(sent.count).toBe(2);
    expect(sent.notification?.map((n) => [n.recepientId, n.recepientArtifactTypeName])).toEqual([
      [CONSUMER, 'PERSON'],
      ['4c8f0e2a9b3d4f61a7e5c2d9b8a61f03', 'ORGANIZATION'],
    ]);
    expect(sent.notification?.[1]?.recepientName).toBe('CSA_CONSUMER');
    expect(sent.errorMessage).toEqual([
      `Please enter a valid value for the recipient user id = ${ACCTG}`,
      'Please enter a valid value for the recipient user id = nobody',
    ]);
  });

  it('sends nothing when no recipient is valid, and says so with the assumed 404', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const answer = await call(handler, 'POST', send, {
      headers: XML,
      body: notificationXml([
        ['bad one', 'PERSON'],
        ['bad two', 'ORGANIZATION'],
      ]),
    });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/xml');
    expect(decoded<Sent>(answer.text, 'NotificationPostResponse')).toEqual({
      count: 0,
      errorMessage: [
        'Please enter a valid value for the recipient user id = bad one',
        'Please enter a valid value for the recipient user id = bad two',
      ],
    });
    const list = await call(handler, 'GET', listOf(ACCTG));
    expect(decoded(list.text, 'NotificationList')).toEqual({});
  });

  it('sends the same way at the URI of the detail table', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const answer = await call(
      handler,
      'POST',
      `/notification/party/${CONSUMER}?userIdentifier=${ACCTG}`,
      {
        headers: XML,
        body: notificationXml([[CONSUMER, 'PERSON']]),
      },
    );
    expect(answer.status).toBe(200);
    expect(decoded<Sent>(answer.text, 'NotificationPostResponse').count).toBe(1);
  });

  it('refuses a body that is not well-formed XML, or breaks its schema', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const malformed = await call(handler, 'POST', send, {
      headers: XML,
      body: '<Notification><recipient></Notification>',
    });
    expect(malformed.status).toBe(400);
    // Recipient types are PERSON or ORGANIZATION in the description.
    const group = await call(handler, 'POST', send, {
      headers: XML,
      body: notificationXml([[CONSUMER, 'GROUP']]),
    });
    expect(group.status).toBe(422);
    expect(group.text).toContain('recipient');
  });

  it('answers in JSON when Accept asks for it', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const answer = await call(handler, 'POST', send, {
      headers: { ...XML, accept: 'application/json' },
      body: notificationXml([[ACCTG, 'PERSON']], 'In JSON'),
    });
    expect(answer.contentType).toBe('application/json');
    expect(JSON.parse(answer.text)).toMatchObject({
      count: 1,
      notification: [{ notifSubject: 'In JSON', recepientId: ACCTG }],
    });
  });
});

describe('listing a party’s notifications', () => {
  it('shows the documented notification of the seeded world', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const answer = await call(handler, 'GET', listOf(CONSUMER));
    expect(decoded(answer.text, 'NotificationList')).toEqual(
      codec.decode(documented('listPartyNotifications-200') as string, schema('NotificationList')),
    );
  });

  it('lists what was sent, newest first, and maxResults of them', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    const handler = createMockHandler({ mode: 'stateful', now: tick });
    for (const subject of ['first', 'second', 'third']) {
      await call(handler, 'POST', send, {
        headers: XML,
        body: notificationXml([[CONSUMER, 'PERSON']], subject),
      });
    }
    type List = { notification?: Record<string, unknown>[] };
    const all = decoded<List>(
      (await call(handler, 'GET', listOf(CONSUMER))).text,
      'NotificationList',
    );
    expect(all.notification?.map((n) => n.notifSubject)).toEqual([
      'third',
      'second',
      'first',
      'Your subscription is now active',
    ]);
    expect(all.notification?.[0]?.notifCreatedOn).toBe('2026-01-01T00:00:03.000Z');
    const two = decoded<List>(
      (await call(handler, 'GET', listOf(CONSUMER, '&maxResults=2'))).text,
      'NotificationList',
    );
    expect(two.notification?.map((n) => n.notifSubject)).toEqual(['third', 'second']);
    // Nothing sent to acctgconsumer: an empty list.
    expect((await call(handler, 'GET', listOf(ACCTG))).text).toContain('<NotificationList');
  });

  it('refuses a party it does not know (404) and one of another organization (403)', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const unknown = await call(handler, 'GET', listOf('0000'));
    expect(unknown.status).toBe(404);
    expect(unknown.text).toBe('No person or organization has the id 0000');
    const other = await call(
      handler,
      'GET',
      `/notification/party/${CONSUMER}?userIdentifier=${ADMIN}`,
    );
    expect(other.status).toBe(403);
  });
});

describe('the login look-ups', () => {
  it('answer the person whose first id is the userIdentifier, by path or by userLookup', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const byPath = await call(handler, 'GET', '/login/MyOrganization/admin/');
    expect(byPath.status).toBe(200);
    const person = decoded<{ id: string }>(byPath.text, 'Person');
    expect(person).toEqual({ id: ADMIN, name: 'admin', displayName: 'Administrator' });
    expect(byPath.text.indexOf('<id>')).toBeLessThan(byPath.text.indexOf('<name>'));
    const bySlash = await call(
      handler,
      'GET',
      '/login/MyOrganization/userLookup?userName=admin%2Fdomain',
    );
    expect(decoded(bySlash.text, 'Person')).toEqual(person);
    const acctg = await call(handler, 'GET', '/login/CSA_CONSUMER/acctgconsumer/');
    expect(decoded<{ id: string }>(acctg.text, 'Person').id).toBe(ACCTG);
  });

  it('answer 404 for a user or an organization they do not know', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    expect((await call(handler, 'GET', '/login/MyOrganization/nobody/')).status).toBe(404);
    expect((await call(handler, 'GET', '/login/Elsewhere/admin/')).status).toBe(404);
    // A user of another organization is not found in this one.
    expect((await call(handler, 'GET', '/login/MyOrganization/acctgconsumer/')).status).toBe(404);
  });
});

describe('a stateless mock', () => {
  it('answers with the documented examples', async () => {
    const handler = createMockHandler();
    const sent = await call(handler, 'POST', send, {
      headers: XML,
      body: notificationXml([['anyone', 'PERSON']]),
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toBe(documented('sendNotification-200'));
    const list = await call(handler, 'GET', listOf(CONSUMER));
    expect(list.text).toBe(documented('listPartyNotifications-200'));
    const person = await call(handler, 'GET', '/login/MyOrganization/admin/');
    expect(person.text).toBe(documented('getUserIdentifier-200'));
  });
});
