import { describe, expect, it } from 'vitest';
import { createMockHandler, TRANSPORT_USER } from '../index.js';
import { ACCTG, basic, CONSUMER, call, notificationXml } from '../test-support.js';

const list = `/notification/party/${CONSUMER}`;

describe('HTTP Basic and userIdentifier', () => {
  it('need the integration account’s credentials on every call, the look-ups included', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    for (const path of [`${list}?userIdentifier=${ACCTG}`, '/login/MyOrganization/admin/']) {
      const none = await call(handler, 'GET', path, { headers: { authorization: '' } });
      expect(none.status).toBe(401);
      expect(none.contentType).toBe('text/plain');
      expect(none.text).toBe('HTTP Basic credentials of an integration account are required');
      const wrong = await call(handler, 'GET', path, {
        headers: { authorization: basic(TRANSPORT_USER.username, 'not the password') },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.text).not.toContain('not the password');
      expect((await call(handler, 'GET', path)).status).toBe(200);
    }
  });

  it('need a userIdentifier that names a CSA user on the notification calls', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    expect((await call(handler, 'GET', list)).status).toBe(401);
    const unknown = await call(handler, 'GET', `${list}?userIdentifier=nobody`);
    expect(unknown.status).toBe(401);
    expect(unknown.text).toContain('userIdentifier');
    const sent = await call(handler, 'POST', '/notification/party?userIdentifier=nobody', {
      headers: { 'content-type': 'application/xml' },
      body: notificationXml([[CONSUMER, 'PERSON']]),
    });
    expect(sent.status).toBe(401);
    // The look-ups are how a client gets a userIdentifier: they take none.
    expect((await call(handler, 'GET', '/login/CSA_CONSUMER/consumer/')).status).toBe(200);
  });

  it('accept the configured accounts only', async () => {
    const handler = createMockHandler({
      mode: 'stateful',
      users: [{ username: 'integration', password: 's3cret' }],
    });
    const path = `${list}?userIdentifier=${ACCTG}`;
    expect((await call(handler, 'GET', path)).status).toBe(401);
    const own = await call(handler, 'GET', path, {
      headers: { authorization: basic('integration', 's3cret') },
    });
    expect(own.status).toBe(200);
  });

  it('let anything through when told to', async () => {
    const handler = createMockHandler({ mode: 'stateful', acceptAnyCredentials: true });
    const sent = await call(handler, 'POST', '/notification/party?userIdentifier=anyone', {
      headers: { authorization: basic('who', 'ever'), 'content-type': 'application/xml' },
      body: notificationXml([[CONSUMER, 'PERSON']]),
    });
    expect(sent.status).toBe(200);
    // Without a known user, the notification names no sender.
    expect(sent.text).not.toContain('senderContextArtifactId');
  });

  it('keep no password in the state', () => {
    const handler = createMockHandler({
      mode: 'stateful',
      users: [{ username: 'integration', password: 's3cret' }],
    });
    const state = JSON.stringify(handler.snapshot());
    expect(state).toContain(ACCTG);
    expect(state).not.toContain('s3cret');
    expect(state).not.toContain(TRANSPORT_USER.password);
  });
});
