/**
 * RamBase's OAuth 2.0 token endpoint and the access tokens it issues. The API clients,
 * users and authorization codes are settings (their secrets never enter the state); the
 * tokens are records of the store, so that reset, snapshots and state files hold them.
 *
 * - `client_credentials`: the client logs in on its own behalf;
 * - `password`: a user's name and password (and a one-time password, when the user needs
 *   one; a target system, when the user has several);
 * - `authorization_code`: a code of the settings, used once;
 * - `refresh_token`: a refresh token for a new access token (and a new refresh token).
 *
 * The client authenticates with `client_id` and `client_secret` in the form or with HTTP
 * Basic. Refresh tokens come with the authorization code flow (or the grants the settings
 * name); a password login's token slides: each use renews its lifetime.
 */
import type { DialectAnswer, Principal, RequestSource, Store } from '@proseapi/mock-engine';
import { isObject, type JsonObject } from '@proseapi/openapi-model';

export interface ApiClient {
  clientId: string;
  clientSecret: string;
}

export interface ApiUser {
  username: string;
  password: string;
  /** A one-time password the login must carry; none: the user logs in without one. */
  otp?: string;
  /** The target systems the user may log in to; with several, the login must name one. */
  targets?: readonly { name: string; description?: string }[];
}

export interface AuthorizationCode {
  code: string;
  /** The client the code was issued to. */
  clientId: string;
  /** The user who logged in. */
  username: string;
}

export type Grant = 'client_credentials' | 'password' | 'authorization_code' | 'refresh_token';

export interface TokenSettings {
  clients: readonly ApiClient[];
  users: readonly ApiUser[];
  codes: readonly AuthorizationCode[];
  /** Seconds an access token lives. */
  lifetime: number;
  /** The grants whose answers carry a refresh token. */
  refreshGrants: readonly Grant[];
  now: () => Date;
}

/** Where the tokens are kept: one record per token, never shown by the API. */
export const TOKENS = '/__tokens';
const TOKENS_KEY = '/__tokens';

interface TokenFields extends JsonObject {
  id: string;
  kind: 'access' | 'refresh' | 'used-code';
  grant: Grant;
  clientId: string;
  /** The user, for a user's login. */
  username: string | null;
  /** ISO time after which the token no longer works (`null`: never). */
  expiresAt: string | null;
}

type Form = Record<string, unknown>;

function text(form: Form, name: string): string | undefined {
  const value = form[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function refused(status: 400 | 401, body: JsonObject): DialectAnswer {
  return { status, mediaType: 'application/json', value: body };
}

function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^basic\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = atob(match[1] as string);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

export class Tokens {
  constructor(
    private readonly store: Store,
    private readonly settings: TokenSettings,
  ) {}

  private get table() {
    return this.store.table(TOKENS_KEY);
  }

  private record(id: string): TokenFields | undefined {
    const resource = this.table.get([], id)?.resource;
    return isObject(resource) ? (resource as TokenFields) : undefined;
  }

  private save(fields: TokenFields): void {
    this.table.put({ id: fields.id, parents: [], resource: fields });
  }

  private expiry(from: Date): string {
    return new Date(from.getTime() + this.settings.lifetime * 1000).toISOString();
  }

  /** A new access token, and a refresh token when the grant gives one (a refresh always does). */
  private issue(
    grant: Grant,
    clientId: string,
    username: string | null,
    refreshed = false,
  ): DialectAnswer {
    const now = this.settings.now();
    const access = `at-${globalThis.crypto.randomUUID()}`;
    this.save({
      id: access,
      kind: 'access',
      grant,
      clientId,
      username,
      expiresAt: this.expiry(now),
    });
    const value: JsonObject = {
      access_token: access,
      expires_in: this.settings.lifetime,
      is_target_test_system: false,
    };
    if (refreshed || this.settings.refreshGrants.includes(grant)) {
      const refresh = `rt-${globalThis.crypto.randomUUID()}`;
      // A refreshed login keeps the grant it started with.
      this.save({ id: refresh, kind: 'refresh', grant, clientId, username, expiresAt: null });
      value.refresh_token = refresh;
    }
    return {
      status: 200,
      mediaType: 'application/json',
      value,
      headers: { 'cache-control': 'no-store' },
    };
  }

  /** The answer of the token endpoint to one form. */
  token(form: Form, request: RequestSource): DialectAnswer {
    const basic = basicCredentials(request.header('authorization'));
    const clientId = text(form, 'client_id') ?? basic?.[0];
    const secret = text(form, 'client_secret') ?? basic?.[1];
    const client = this.settings.clients.find((c) => c.clientId === clientId);
    if (!client || client.clientSecret !== secret) {
      return refused(400, { message: 'Unknown API client or wrong client secret' });
    }
    const grant = form.grant_type as Grant;
    if (grant === 'client_credentials') return this.issue(grant, client.clientId, null);
    if (grant === 'password') return this.password(form, client.clientId);
    if (grant === 'authorization_code') {
      const code = this.settings.codes.find((c) => c.code === text(form, 'code'));
      const id = `code:${code?.code}`;
      if (!code || code.clientId !== client.clientId || this.record(id)) {
        return refused(400, { message: 'Unknown, used or foreign authorization code' });
      }
      this.save({
        id,
        kind: 'used-code',
        grant,
        clientId: client.clientId,
        username: code.username,
        expiresAt: null,
      });
      return this.issue(grant, client.clientId, code.username);
    }
    const old = this.record(text(form, 'refresh_token') ?? '');
    if (old?.kind !== 'refresh' || old.clientId !== client.clientId) {
      return refused(400, { message: 'Unknown refresh token' });
    }
    this.table.delete([], old.id);
    return this.issue(old.grant, client.clientId, old.username, true);
  }

  private password(form: Form, clientId: string): DialectAnswer {
    const user = this.settings.users.find((u) => u.username === text(form, 'username'));
    if (!user || user.password !== text(form, 'password')) {
      return refused(400, { message: 'Wrong user name or password' });
    }
    if (user.otp !== undefined) {
      const otp = text(form, 'otp');
      if (otp === undefined) {
        return refused(400, {
          error_code: 5,
          message: 'One-time password required',
          otp_required: true,
        });
      }
      if (otp !== user.otp) return refused(400, { message: 'Wrong one-time password' });
    }
    const targets = user.targets ?? [];
    const target = text(form, 'target');
    if (targets.length > 1 && !targets.some((t) => t.name === target)) {
      return refused(401, {
        error_code: 10,
        message: 'Target required',
        targets: targets.map((t) => ({
          target_name: t.name,
          description: t.description ?? t.name,
        })),
      });
    }
    return this.issue('password', clientId, user.username);
  }

  /** Whose access token this is; `undefined` when nobody's or expired. A password login's slides. */
  principal(token: string): Principal | undefined {
    const fields = this.record(token);
    if (fields?.kind !== 'access' || fields.expiresAt === null) return undefined;
    const now = this.settings.now();
    if (Date.parse(fields.expiresAt) <= now.getTime()) return undefined;
    if (fields.grant === 'password') this.save({ ...fields, expiresAt: this.expiry(now) });
    return {
      id: fields.username ?? fields.clientId,
      clientId: fields.clientId,
      username: fields.username,
    };
  }
}
