import { readFileSync } from 'node:fs';
import { createOracle, type Sent, send } from '@proseapi/mock-engine/testing';
import bundle from '@proseapi/rambase-openapi/openapi.json' with { type: 'json' };
import { decodeXml } from '@proseapi/xml-codec';
import { describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_CLIENT, type MockOptions } from './index.js';

// The mock against its description (every answer checked by the engine's independent oracle)
// and against the reference facts gathered from the documentation.
const doc = bundle as unknown as Record<string, unknown>;
const oracle = createOracle(doc);
const reference = JSON.parse(
  readFileSync(
    new URL('../../../tools/reference/rambase/operations.json', import.meta.url),
    'utf8',
  ),
) as {
  operations: {
    id: string;
    expandPaths: string[];
    responseBody: ReferenceField;
  }[];
};
interface ReferenceField {
  xmlName: string;
  jsonName: string;
  expandPath?: string;
  children?: ReferenceField[];
}
const documented = reference.operations.find((o) => o.id === 'getSupplierInvoiceNotification');
if (!documented) throw new Error('the reference has no getSupplierInvoiceNotification');

/** The JSON keys and XML names leading to the field an `$expand` path marks, from the reference. */
type FieldPath = { json: string[]; xml: string[] };
function referencePath(path: string): FieldPath {
  const walk = (fields: ReferenceField[], json: string[], xml: string[]): FieldPath | undefined => {
    for (const field of fields) {
      if (field.expandPath === path)
        return { json: [...json, field.jsonName], xml: [...xml, field.xmlName] };
      const below = walk(field.children ?? [], [...json, field.jsonName], [...xml, field.xmlName]);
      if (below) return below;
    }
    return undefined;
  };
  const found = walk(documented?.responseBody.children ?? [], [], []);
  if (!found) throw new Error(`no field of the reference expands with ${path}`);
  return found;
}

const NOTIFICATION = { $ref: '#/components/schemas/Notification' };
const ERROR = { $ref: '#/components/schemas/Error' };
const LIST = { $ref: '#/components/schemas/NotificationList' };
const INVOICE = '/procurement/invoices/100523';
type Handler = ReturnType<typeof createMockHandler>;

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    current =
      current && typeof current === 'object'
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current;
}

async function login(handler: Handler): Promise<string> {
  const answer = await send(handler, oracle, {
    method: 'POST',
    path: '/oauth2/access_token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.clientSecret}`,
  });
  expect(answer.problems).toEqual([]);
  return (answer.json as { access_token: string }).access_token;
}

/** A mock, a token of it, and a call that checks every answer against the description. */
async function session(options: MockOptions = {}) {
  const handler = createMockHandler({ mode: 'stateful', ...options });
  const token = await login(handler);
  const call = async (
    method: string,
    path: string,
    init: { query?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Sent> => {
    const sent = await send(handler, oracle, {
      method,
      path,
      ...(init.query === undefined ? {} : { query: init.query }),
      body: init.body,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
    expect(sent.problems).toEqual([]);
    return sent;
  };
  return { handler, token, call };
}

describe('reading a notification (the issue’s checks)', () => {
  it('answers $expand=CreatedBy.Name&$format=json with the creator’s name, and leaves it out without $expand', async () => {
    const { call } = await session();
    const expanded = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$expand=CreatedBy.Name&$format=json',
    });
    expect(expanded.status).toBe(200);
    expect(expanded.headers.get('content-type')).toBe('application/json');
    expect(at(expanded.json, ['notification', 'createdBy', 'name'])).toBe('Berg');
    const plain = await call('GET', `${INVOICE}/notifications/7`, { query: '$format=json' });
    const createdBy = at(plain.json, ['notification', 'createdBy']) as Record<string, unknown>;
    expect(createdBy).toEqual({
      userId: 2117,
      userLink: 'https://api.rambase.net/system/users/2117',
    });
    expect('name' in createdBy).toBe(false);
  });

  it('answers $format=xml with a <Notification> document that decodes into the description’s schema', async () => {
    const { call } = await session();
    const sent = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$format=xml&$expand=CreatedBy.Name',
    });
    expect(sent.status).toBe(200);
    expect(sent.headers.get('content-type')).toBe('application/xml');
    expect(sent.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<Notification>/);
    expect(sent.text).toMatch(
      /<MessageParameters>\s*<MessageParameter>\s*<Key>AMOUNT<\/Key>\s*<Value>12500.00 NOK<\/Value>\s*<\/MessageParameter>/,
    );
    const value = decodeXml(sent.text, NOTIFICATION, { document: doc }) as Record<string, unknown>;
    // Validated against the description by the oracle (in `call`); the same object as in JSON.
    const json = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$expand=CreatedBy.Name',
    });
    expect(value).toEqual(at(json.json, ['notification']));
    expect(at(value, ['createdBy', 'name'])).toBe('Berg');
  });

  it.each(documented.expandPaths)(
    'adds %s only when $expand names it, in JSON and XML',
    async (path) => {
      const { call } = await session();
      const { json, xml } = referencePath(path);
      const url = `${INVOICE}/notifications/7`;
      const without = await call('GET', url);
      expect(at(without.json, ['notification', ...json])).toBeUndefined();
      const withIt = await call('GET', url, { query: `$expand=${encodeURIComponent(path)}` });
      expect(at(withIt.json, ['notification', ...json])).toBeDefined();
      // Exactly that field: every other expandable one stays out.
      for (const other of documented.expandPaths.filter((p) => p !== path)) {
        const otherPath = referencePath(other).json;
        if (otherPath.join('.').startsWith(json.join('.'))) continue;
        expect(at(withIt.json, ['notification', ...otherPath]), other).toBeUndefined();
      }
      const asXml = await call('GET', url, {
        query: `$expand=${encodeURIComponent(path)}&$format=xml`,
      });
      expect(asXml.text).toContain(`<${xml[xml.length - 1]}>`);
      const decoded = decodeXml(asXml.text, NOTIFICATION, { document: doc });
      expect(at(decoded, json)).toEqual(at(withIt.json, ['notification', ...json]));
    },
  );

  it('chooses XML with the Accept header too, and lets $format win over it', async () => {
    const { call } = await session();
    const url = `${INVOICE}/notifications/7`;
    const byHeader = await call('GET', url, { headers: { accept: 'application/xml' } });
    expect(byHeader.headers.get('content-type')).toBe('application/xml');
    const preferred = await call('GET', url, {
      headers: { accept: 'application/json;q=0.5, application/xml' },
    });
    expect(preferred.headers.get('content-type')).toBe('application/xml');
    const overruled = await call('GET', url, {
      query: '$format=json',
      headers: { accept: 'application/xml' },
    });
    expect(overruled.headers.get('content-type')).toBe('application/json');
    const anything = await call('GET', url, { headers: { accept: '*/*' } });
    expect(anything.headers.get('content-type')).toBe('application/json');
  });

  it('keeps only the $select fields (XML names, groups whole), and the expanded ones', async () => {
    const { call } = await session();
    const url = `${INVOICE}/notifications/7`;
    const some = await call('GET', url, { query: '$select=NotificationId,Status,Message' });
    expect(Object.keys(at(some.json, ['notification']) as object).sort()).toEqual([
      'message',
      'notificationId',
      'status',
    ]);
    const group = await call('GET', url, {
      query: '$select=CreatedBy&$expand=CreatedBy.FirstName',
    });
    expect(at(group.json, ['notification'])).toEqual({
      createdBy: {
        userId: 2117,
        firstName: 'Ole',
        userLink: 'https://api.rambase.net/system/users/2117',
      },
    });
    const withExpand = await call('GET', url, {
      query: '$select=NotificationId&$expand=Approval.ApprovalRule&$format=xml',
    });
    const decoded = decodeXml(withExpand.text, NOTIFICATION, { document: doc }) as Record<
      string,
      unknown
    >;
    expect(Object.keys(decoded).sort()).toEqual(['approval', 'notificationId']);
    expect(Object.keys(decoded.approval as object)).toEqual(['approvalRule']);
  });

  it('refuses a $select field the object does not have, in the error body of the form asked for', async () => {
    const { call } = await session();
    const json = await call('GET', `${INVOICE}/notifications/7`, { query: '$select=Colour' });
    expect(json.status).toBe(400);
    expect(json.json).toEqual({
      httpStatusCode: 400,
      httpStatusDescription: 'Bad Request',
      message: 'Unknown field in $select: Colour',
      translatedMessage: 'Unknown field in $select: Colour',
    });
    const xml = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$select=Colour&$format=xml',
    });
    expect(xml.status).toBe(400);
    expect(xml.headers.get('content-type')).toBe('application/xml');
    expect(decodeXml(xml.text, ERROR, { document: doc })).toEqual(json.json);
  });

  it('ignores an $expand path no field has (the documentation does not say otherwise)', async () => {
    const { call } = await session();
    const plain = await call('GET', `${INVOICE}/notifications/7`);
    const odd = await call('GET', `${INVOICE}/notifications/7`, { query: '$expand=Colour.Shade' });
    expect(odd.status).toBe(200);
    expect(odd.json).toEqual(plain.json);
  });

  it('answers an unknown notification or invoice with 404 in the error body', async () => {
    const { call } = await session();
    const none = await call('GET', `${INVOICE}/notifications/99`, { query: '$format=xml' });
    expect(none.status).toBe(404);
    expect(decodeXml(none.text, ERROR, { document: doc })).toMatchObject({ httpStatusCode: 404 });
    const elsewhere = await call('GET', '/procurement/invoices/100999/notifications/7');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json).toMatchObject({
      httpStatusCode: 404,
      httpStatusDescription: 'Not Found',
    });
    const badId = await call('GET', `${INVOICE}/notifications/0`);
    expect([400, 404]).toContain(badId.status);
    expect(badId.json).toMatchObject({ httpStatusCode: badId.status });
  });
});

describe('creating and listing', () => {
  it('creates a notification from JSON (201) that a later GET and the list return', async () => {
    const { call } = await session();
    const created = await call('POST', `${INVOICE}/notifications`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        notification: {
          regardingItem: { itemId: 3 },
          messageParameters: [{ key: 'AMOUNT', value: '99.00 NOK' }],
          notificationType: { notificationTypeId: 'APPRLIMIT' },
        },
      }),
    });
    expect(created.status).toBe(201);
    const notification = at(created.json, ['notification']) as Record<string, unknown>;
    expect(notification).toMatchObject({
      regardingItem: { itemId: 3 },
      messageParameters: [{ key: 'AMOUNT', value: '99.00 NOK' }],
      notificationType: { notificationTypeId: 'APPRLIMIT' },
    });
    const id = notification.notificationId as number;
    expect(id).toBeGreaterThan(7);
    const read = await call('GET', `${INVOICE}/notifications/${id}`);
    expect(at(read.json, ['notification'])).toEqual(notification);
    const listed = await call('GET', `${INVOICE}/notifications`, { query: 'regardingItemId=3' });
    expect(at(listed.json, ['notifications'])).toEqual([notification]);
  });

  it('creates a notification from XML, answering in XML when asked', async () => {
    const { call } = await session();
    const created = await call('POST', `${INVOICE}/notifications`, {
      query: '$format=xml',
      headers: { 'content-type': 'application/xml' },
      body:
        '<Notification><MessageParameters><MessageParameter><Key>LIMIT</Key><Value>1 NOK</Value></MessageParameter>' +
        '<MessageParameter><Key>AMOUNT</Key><Value>2 NOK</Value></MessageParameter></MessageParameters>' +
        '<NotificationType><NotificationTypeId>APPRLIMIT</NotificationTypeId></NotificationType></Notification>',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/xml');
    const value = decodeXml(created.text, NOTIFICATION, { document: doc }) as Record<
      string,
      unknown
    >;
    expect(value.messageParameters).toEqual([
      { key: 'LIMIT', value: '1 NOK' },
      { key: 'AMOUNT', value: '2 NOK' },
    ]);
    const read = await call('GET', `${INVOICE}/notifications/${value.notificationId}`);
    expect(at(read.json, ['notification', 'messageParameters'])).toEqual(value.messageParameters);
  });

  it('refuses a body without its notification type, or of a media type it does not take', async () => {
    const { call } = await session();
    const noType = await call('POST', `${INVOICE}/notifications`, {
      headers: { 'content-type': 'application/xml' },
      body: '<Notification><RegardingItem><ItemId>2</ItemId></RegardingItem></Notification>',
    });
    expect(noType.status).toBe(400);
    // The answer's form is the one asked for (JSON here), whatever the body's.
    expect(noType.json).toMatchObject({ httpStatusCode: 400 });
    const wrongRoot = await call('POST', `${INVOICE}/notifications`, {
      headers: { 'content-type': 'application/xml' },
      body: '<Note><NotificationType><NotificationTypeId>X</NotificationTypeId></NotificationType></Note>',
    });
    expect(wrongRoot.status).toBe(400);
    const text = await call('POST', `${INVOICE}/notifications`, {
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect(text.json).toMatchObject({ httpStatusCode: 415 });
  });

  it('lists by regardingItemId: one item, or (blank) the notifications about no item', async () => {
    const { call } = await session();
    const all = await call('GET', `${INVOICE}/notifications`);
    const ids = (list: Sent) =>
      (at(list.json, ['notifications']) as { notificationId: number }[]).map(
        (n) => n.notificationId,
      );
    expect(ids(all)).toEqual([5, 7]);
    expect(
      ids(await call('GET', `${INVOICE}/notifications`, { query: 'regardingItemId=2' })),
    ).toEqual([7]);
    expect(
      ids(await call('GET', `${INVOICE}/notifications`, { query: 'regardingItemId=' })),
    ).toEqual([5]);
    expect(
      ids(await call('GET', `${INVOICE}/notifications`, { query: 'regardingItemId=9' })),
    ).toEqual([]);
    const xml = await call('GET', `${INVOICE}/notifications`, {
      query: '$format=xml&$select=NotificationId',
    });
    expect(decodeXml(xml.text, LIST, { document: doc })).toMatchObject({
      notifications: [{ notificationId: 5 }, { notificationId: 7 }],
    });
  });

  it('pages a list with $top and $skip, with links that keep the other parameters', async () => {
    const { call } = await session();
    const first = await call('GET', `${INVOICE}/notifications`, {
      query: '$top=1&$select=NotificationId',
    });
    expect(first.json).toEqual({
      notifications: [{ notificationId: 5 }],
      paging: {
        position: 1,
        firstPage: `http://mock.test${INVOICE}/notifications?$select=NotificationId&$top=1&$skip=0`,
        nextPage: `http://mock.test${INVOICE}/notifications?$select=NotificationId&$top=1&$skip=1`,
        lastPage: `http://mock.test${INVOICE}/notifications?$select=NotificationId&$top=1&$skip=1`,
      },
    });
    const second = await call('GET', `${INVOICE}/notifications`, { query: '$top=1&$skip=1' });
    expect(at(second.json, ['notifications', 0, 'notificationId'] as never)).toBe(7);
    expect(at(second.json, ['paging'])).toMatchObject({ position: 2 });
    expect(at(second.json, ['paging', 'previousPage'])).toBe(
      `http://mock.test${INVOICE}/notifications?$top=1&$skip=0`,
    );
    const max = await call('GET', `${INVOICE}/notifications`, { query: '$top=$max' });
    expect(at(max.json, ['notifications'])).toHaveLength(2);
  });

  it('answers an unknown invoice’s list and creation with 404', async () => {
    const { call } = await session();
    expect((await call('GET', '/procurement/invoices/100999/notifications')).status).toBe(404);
    const created = await call('POST', '/procurement/invoices/100999/notifications', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notification: { notificationType: { notificationTypeId: 'X' } } }),
    });
    expect(created.status).toBe(404);
  });
});

describe('tokens on every call', () => {
  it('refuses a call without a token, or with one nobody holds, with 401 in the form asked for', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const missing = await send(handler, oracle, {
      method: 'GET',
      path: `${INVOICE}/notifications/7`,
      query: '$format=xml',
    });
    expect(missing.problems).toEqual([]);
    expect(missing.status).toBe(401);
    expect(decodeXml(missing.text, ERROR, { document: doc })).toMatchObject({
      httpStatusCode: 401,
      httpStatusDescription: 'Unauthorized',
    });
    const forged = await send(handler, oracle, {
      method: 'GET',
      path: `${INVOICE}/notifications/7`,
      headers: { authorization: 'Bearer at-forged' },
    });
    expect(forged.status).toBe(401);
    expect(forged.json).toMatchObject({ httpStatusCode: 401 });
  });

  it('takes the token from $access_token too', async () => {
    const handler = createMockHandler();
    const token = await login(handler);
    const sent = await send(handler, oracle, {
      method: 'GET',
      path: `${INVOICE}/notifications/7`,
      query: `$access_token=${token}&$expand=CreatedBy.Name`,
    });
    expect(sent.status).toBe(200);
    expect(at(sent.json, ['notification', 'createdBy', 'name'])).toBe('Berg');
  });
});

describe('a stateless mock', () => {
  it('answers from the examples, with $expand, $select and both forms', async () => {
    const { call } = await session({ mode: 'stateless' });
    const plain = await call('GET', `${INVOICE}/notifications/7`);
    expect(at(plain.json, ['notification', 'createdBy', 'name'])).toBeUndefined();
    const expanded = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$expand=CreatedBy.Name,Approval.ApprovalRule',
    });
    expect(at(expanded.json, ['notification', 'createdBy', 'name'])).toBe('Berg');
    expect(at(expanded.json, ['notification', 'approval', 'approvalRule', 'approvalRuleId'])).toBe(
      31,
    );
    expect(at(expanded.json, ['notification', 'createdBy', 'firstName'])).toBeUndefined();
    const xml = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$format=xml&$select=Status',
    });
    expect(decodeXml(xml.text, NOTIFICATION, { document: doc })).toEqual({ status: 4 });
    const created = await call('POST', `${INVOICE}/notifications`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notification: { notificationType: { notificationTypeId: 'X' } } }),
    });
    expect(created.status).toBe(201);
  });

  it('serves the description’s examples on request (Prefer), converted to the form asked for', async () => {
    const { call } = await session({ mode: 'stateless' });
    const notFound = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$format=xml',
      headers: { prefer: 'code=404' },
    });
    expect(notFound.status).toBe(404);
    expect(decodeXml(notFound.text, ERROR, { document: doc })).toMatchObject({
      httpStatusCode: 404,
    });
    const example = await call('GET', `${INVOICE}/notifications/7`, {
      query: '$format=json',
      headers: { prefer: 'example=selected' },
    });
    expect(at(example.json, ['notification'])).toEqual({
      notificationId: 7,
      status: 4,
      message: 'Supplier invoice 100523 is above the approval limit: 12500.00 NOK of 10000.00 NOK',
    });
  });
});
