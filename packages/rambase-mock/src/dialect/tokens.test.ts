import { createOracle, type Sent, send } from '@proseapi/mock-engine/testing';
import bundle from '@proseapi/rambase-openapi/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_CLIENT, type MockOptions } from '../index.js';

const oracle = createOracle(bundle as unknown as Record<string, unknown>);
const CLIENT = `client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.clientSecret}`;
const NOTIFICATION = '/procurement/invoices/100523/notifications/7';

/** A mock with a clock the test moves. */
function mockAt(options: MockOptions = {}) {
  let time = Date.parse('2026-03-01T10:00:00Z');
  const handler = createMockHandler({ now: () => new Date(time), ...options });
  const token = async (form: string, headers: Record<string, string> = {}): Promise<Sent> => {
    const sent = await send(handler, oracle, {
      method: 'POST',
      path: '/oauth2/access_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: form,
    });
    expect(sent.problems).toEqual([]);
    return sent;
  };
  const read = async (accessToken: string): Promise<number> =>
    (
      await send(handler, oracle, {
        method: 'GET',
        path: NOTIFICATION,
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).status;
  return {
    handler,
    token,
    read,
    pass: (seconds: number) => {
      time += seconds * 1000;
    },
  };
}

type TokenAnswer = { access_token: string; refresh_token?: string; expires_in: number };

describe('the token endpoint', () => {
  it('issues a client-credentials token that opens every other call, without a refresh token', async () => {
    const { token, read } = mockAt();
    const sent = await token(`grant_type=client_credentials&${CLIENT}`);
    expect(sent.status).toBe(200);
    expect(sent.headers.get('cache-control')).toBe('no-store');
    const answer = sent.json as TokenAnswer;
    expect(answer).toMatchObject({ expires_in: 3600, is_target_test_system: false });
    expect(answer.refresh_token).toBeUndefined();
    expect(await read(answer.access_token)).toBe(200);
  });

  it('takes the client’s credentials from HTTP Basic too', async () => {
    const { token } = mockAt();
    const basic = btoa(`${DEMO_CLIENT.clientId}:${DEMO_CLIENT.clientSecret}`);
    const sent = await token('grant_type=client_credentials', { authorization: `Basic ${basic}` });
    expect(sent.status).toBe(200);
  });

  it('refuses an unknown client or a wrong secret with 400 and a message', async () => {
    const { token } = mockAt();
    for (const form of [
      'grant_type=client_credentials&client_id=someone&client_secret=x',
      `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=wrong`,
      'grant_type=client_credentials',
    ]) {
      const sent = await token(form);
      expect(sent.status).toBe(400);
      expect(sent.json).toEqual({ message: 'Unknown API client or wrong client secret' });
    }
  });

  it('refuses a form of no documented grant, or without its required members, with 400', async () => {
    const { token } = mockAt();
    const unknown = await token(`grant_type=implicit&${CLIENT}`);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toHaveProperty('message');
    const noPassword = await token(`grant_type=password&username=kari.hansen&${CLIENT}`);
    expect(noPassword.status).toBe(400);
  });

  it('logs a user in with a password; a wrong one is refused', async () => {
    const { token, read } = mockAt();
    const sent = await token(
      `grant_type=password&username=kari.hansen&password=correct-horse-battery&${CLIENT}`,
    );
    expect(sent.status).toBe(200);
    expect((sent.json as TokenAnswer).refresh_token).toBeUndefined();
    expect(await read((sent.json as TokenAnswer).access_token)).toBe(200);
    const wrong = await token(`grant_type=password&username=kari.hansen&password=nope&${CLIENT}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({ message: 'Wrong user name or password' });
  });

  it('asks for a one-time password (error 5), then for a target system (error 10, 401)', async () => {
    const { token } = mockAt();
    const login = `grant_type=password&username=ole.berg&password=ole-berg-password&${CLIENT}`;
    const noOtp = await token(login);
    expect(noOtp.status).toBe(400);
    expect(noOtp.json).toEqual({
      error_code: 5,
      message: 'One-time password required',
      otp_required: true,
    });
    expect((await token(`${login}&otp=000000`)).status).toBe(400);
    const noTarget = await token(`${login}&otp=481516`);
    expect(noTarget.status).toBe(401);
    expect(noTarget.json).toEqual({
      error_code: 10,
      message: 'Target required',
      targets: [
        { target_name: 'ACMEPROD', description: 'Production' },
        { target_name: 'ACMETEST', description: 'Test system' },
      ],
    });
    expect((await token(`${login}&otp=481516&target=ACMETEST`)).status).toBe(200);
  });

  it('exchanges an authorization code once, with a refresh token that renews and rotates', async () => {
    const { token, read } = mockAt();
    const first = await token(`grant_type=authorization_code&code=ac-3e8b7c1f&${CLIENT}`);
    expect(first.status).toBe(200);
    const { refresh_token: refresh, access_token: access } = first.json as TokenAnswer;
    expect(refresh).toBeTypeOf('string');
    expect(await read(access)).toBe(200);
    const again = await token(`grant_type=authorization_code&code=ac-3e8b7c1f&${CLIENT}`);
    expect(again.status).toBe(400);
    const renewed = await token(`grant_type=refresh_token&refresh_token=${refresh}&${CLIENT}`);
    expect(renewed.status).toBe(200);
    const next = renewed.json as TokenAnswer;
    expect(next.refresh_token).toBeTypeOf('string');
    expect(next.refresh_token).not.toBe(refresh);
    expect(await read(next.access_token)).toBe(200);
    // The old refresh token was used up.
    const reused = await token(`grant_type=refresh_token&refresh_token=${refresh}&${CLIENT}`);
    expect(reused.status).toBe(400);
    expect(reused.json).toEqual({ message: 'Unknown refresh token' });
  });

  it('gives refresh tokens to the grants the settings name', async () => {
    const { token } = mockAt({ refreshGrants: ['client_credentials'] });
    const sent = await token(`grant_type=client_credentials&${CLIENT}`);
    expect((sent.json as TokenAnswer).refresh_token).toBeTypeOf('string');
  });
});

describe('access tokens', () => {
  it('expire after their lifetime', async () => {
    const { token, read, pass } = mockAt({ tokenLifetime: 60 });
    const { access_token: access, expires_in } = (
      await token(`grant_type=client_credentials&${CLIENT}`)
    ).json as TokenAnswer;
    expect(expires_in).toBe(60);
    pass(59);
    expect(await read(access)).toBe(200);
    pass(1);
    expect(await read(access)).toBe(401);
  });

  it('slide with each use after a password login', async () => {
    const { token, read, pass } = mockAt({ tokenLifetime: 60 });
    const { access_token: access } = (
      await token(
        `grant_type=password&username=kari.hansen&password=correct-horse-battery&${CLIENT}`,
      )
    ).json as TokenAnswer;
    for (let i = 0; i < 3; i++) {
      pass(50);
      expect(await read(access)).toBe(200);
    }
    pass(61);
    expect(await read(access)).toBe(401);
  });

  it('are records of the state, while the secrets they were issued for are not', async () => {
    const { handler, token } = mockAt();
    const { access_token: access } = (await token(`grant_type=client_credentials&${CLIENT}`))
      .json as TokenAnswer;
    const state = JSON.stringify(handler.snapshot());
    expect(state).toContain(access);
    expect(state).not.toContain(DEMO_CLIENT.clientSecret);
    handler.reset();
    expect(JSON.stringify(handler.snapshot())).not.toContain(access);
  });

  it('are all accepted with acceptAnyToken', async () => {
    const { read } = mockAt({ acceptAnyToken: true });
    expect(await read('at-anything')).toBe(200);
  });
});
