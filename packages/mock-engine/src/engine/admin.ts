/**
 * The mock's own administration endpoints: reset the world, read it, replace it. They
 * answer only a request that carries their secret in `X-Mock-Admin-Secret` (a header a
 * cross-site page cannot send without a preflight, which gets no CORS answer), and never
 * with CORS headers.
 */
import type { RawRequest, RawResponse } from './request.js';

export interface AdminControls {
  reset(): void;
  snapshot(): unknown;
  /** Replaces the state; throws with a reason, changing nothing, when it cannot be loaded. */
  restore(state: unknown): void;
}

export interface AdminOptions {
  /** Where they answer (`/__mock`). */
  path: string;
  /** What a request must send in `X-Mock-Admin-Secret`. */
  secret: string;
  controls: AdminControls;
}

export const ADMIN_SECRET_HEADER = 'x-mock-admin-secret';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Compares a given text with the secret in a time that does not depend on where they differ. */
export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = encoder.encode(given);
  const b = encoder.encode(secret);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] as number);
  return difference === 0;
}

/** Why an administration request is refused (the engine words and renders it). */
export type AdminRefusal = { status: 401 | 404 | 413 } | { status: 400; reason: string };

/** Whether a request's path is one of the administration endpoints. */
export function isAdminPath(options: AdminOptions, path: string): boolean {
  return path === options.path || path.startsWith(`${options.path}/`);
}

/**
 * Answers `POST {path}/reset`, `GET {path}/state` and `PUT {path}/state`; `refuse` writes
 * an error in the API's format.
 */
export function adminAnswer(
  options: AdminOptions,
  request: RawRequest,
  refuse: (refusal: AdminRefusal) => RawResponse,
): RawResponse {
  if (!sameSecret(request.header(ADMIN_SECRET_HEADER), options.secret)) {
    return refuse({ status: 401 });
  }
  const method = request.method.toUpperCase();
  const action = request.path.slice(options.path.length + 1);
  const { controls } = options;
  if (action === 'reset' && method === 'POST') {
    controls.reset();
    return { status: 204, headers: {}, body: undefined };
  }
  if (action === 'state' && method === 'GET') {
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify(controls.snapshot()),
    };
  }
  if (action === 'state' && method === 'PUT') {
    if (request.bodyTooLarge) return refuse({ status: 413 });
    let state: unknown;
    try {
      state = JSON.parse(decoder.decode(request.body ?? new Uint8Array()));
    } catch {
      return refuse({ status: 400, reason: 'the body is not JSON' });
    }
    try {
      controls.restore(state);
    } catch (error) {
      return refuse({ status: 400, reason: (error as Error).message });
    }
    return { status: 204, headers: {}, body: undefined };
  }
  return refuse({ status: 404 });
}
