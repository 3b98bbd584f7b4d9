/**
 * Access tokens from RamBase's OAuth 2.0 endpoint: obtained with the configured grant, kept
 * until shortly before they expire, then renewed with the refresh token when one was issued
 * (else with the grant again). Every token and secret is handed to the redactor as it arrives.
 */
import type { Redactor } from '@proseapi/client-kit';
import { RamBaseAuthError } from './errors.js';

interface ClientCredentials {
  /** The API client's id and secret, as registered with RamBase. */
  clientId: string;
  clientSecret: string;
}

/** How the client logs in: one of the token endpoint's grants, or a token obtained elsewhere. */
export type RamBaseAuth =
  | (ClientCredentials & { grant: 'client_credentials' })
  | (ClientCredentials & {
      grant: 'password';
      username: string;
      password: string;
      /** The one-time password RamBase sends outside a safe zone. */
      otp?: string;
      /** The target system, for a user who has several. */
      target?: string;
    })
  | (ClientCredentials & { grant: 'refresh_token'; refreshToken: string })
  | { accessToken: string };

/** What the token endpoint answered, as the client reads it. */
export interface TokenAnswer {
  accessToken: string;
  /** Seconds the access token lives, when the answer says. */
  expiresIn: number | undefined;
  refreshToken: string | undefined;
}

/** Sends one form to the token endpoint; throws `RamBaseAuthError` for a refusal. */
export type TokenRequest = (form: Record<string, string>) => Promise<TokenAnswer>;

/** Renew this long before expiry at most (half the lifetime for shorter-lived tokens). */
const MARGIN_MS = 30_000;

export class TokenKeeper {
  readonly #auth: RamBaseAuth;
  readonly #request: TokenRequest;
  readonly #now: () => number;
  readonly #secrets: Redactor;
  #access: { token: string; renewAt: number } | undefined;
  #refreshToken: string | undefined;
  #pending: Promise<string> | undefined;

  constructor(auth: RamBaseAuth, request: TokenRequest, now: () => number, secrets: Redactor) {
    this.#auth = auth;
    this.#request = request;
    this.#now = now;
    this.#secrets = secrets;
    if ('accessToken' in auth) {
      secrets.add(auth.accessToken);
      this.#access = { token: auth.accessToken, renewAt: Number.POSITIVE_INFINITY };
      return;
    }
    secrets.add(auth.clientSecret);
    if (auth.grant === 'password') secrets.add(auth.password, auth.otp);
    if (auth.grant === 'refresh_token') {
      secrets.add(auth.refreshToken);
      this.#refreshToken = auth.refreshToken;
    }
  }

  /** Whether a refused token can be replaced (not when the client was given a token). */
  get renewable(): boolean {
    return !('accessToken' in this.#auth);
  }

  /** A token to send: the one kept while it is fresh, else a new one (one request at a time). */
  token(): Promise<string> {
    const access = this.#access;
    if (access && this.#now() < access.renewAt) return Promise.resolve(access.token);
    this.#pending ??= this.#obtain().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets `token` (the API refused it), so the next call obtains another. */
  expire(token: string): void {
    if (this.renewable && this.#access?.token === token) this.#access = undefined;
  }

  async #obtain(): Promise<string> {
    const auth = this.#auth;
    if ('accessToken' in auth) return auth.accessToken;
    const client = { client_id: auth.clientId, client_secret: auth.clientSecret };
    let answer: TokenAnswer | undefined;
    if (this.#refreshToken !== undefined) {
      const form = { grant_type: 'refresh_token', ...client, refresh_token: this.#refreshToken };
      try {
        answer = await this.#request(form);
      } catch (error) {
        // A refresh token that no longer works: log in again with the grant, if it is another.
        this.#refreshToken = undefined;
        if (auth.grant === 'refresh_token' || !(error instanceof RamBaseAuthError)) throw error;
      }
    }
    if (!answer) {
      if (auth.grant === 'refresh_token') {
        throw new Error('the refresh token was used up and no other grant is configured');
      }
      const form: Record<string, string> = { grant_type: auth.grant, ...client };
      if (auth.grant === 'password') {
        Object.assign(form, { username: auth.username, password: auth.password });
        if (auth.otp !== undefined) form.otp = auth.otp;
        if (auth.target !== undefined) form.target = auth.target;
      }
      answer = await this.#request(form);
    }
    this.#secrets.add(answer.accessToken, answer.refreshToken);
    if (answer.refreshToken !== undefined) this.#refreshToken = answer.refreshToken;
    const lifetime = answer.expiresIn === undefined ? undefined : answer.expiresIn * 1000;
    this.#access = {
      token: answer.accessToken,
      renewAt:
        lifetime === undefined
          ? Number.POSITIVE_INFINITY
          : this.#now() + lifetime - Math.min(MARGIN_MS, lifetime / 2),
    };
    return answer.accessToken;
  }

  /** Nothing of the tokens when the keeper is logged. */
  toJSON() {
    return {};
  }
}
