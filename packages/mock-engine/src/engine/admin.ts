/** The mock's own administration endpoints: reset the world, read it, replace it. */
import type { RawRequest, RawResponse } from './request.js';

export interface AdminControls {
  reset(): void;
  snapshot(): unknown;
  /** Replaces the state; throws with a reason when the state cannot be loaded. */
  restore(state: unknown): void;
}

const decoder = new TextDecoder();

function json(status: number, value: unknown): RawResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  };
}

/** Answers `POST {path}/reset`, `GET {path}/state` and `PUT {path}/state`. */
export function adminAnswer(
  path: string,
  controls: AdminControls,
  request: RawRequest,
): RawResponse {
  const method = request.method.toUpperCase();
  const action = request.path.slice(path.length + 1);
  if (action === 'reset' && method === 'POST') {
    controls.reset();
    return { status: 204, headers: {}, body: undefined };
  }
  if (action === 'state' && method === 'GET') return json(200, controls.snapshot());
  if (action === 'state' && method === 'PUT') {
    try {
      controls.restore(JSON.parse(decoder.decode(request.body ?? new Uint8Array())));
    } catch (error) {
      return json(400, {
        errors: [{ title: `Cannot load this state: ${(error as Error).message}`, status: '400' }],
      });
    }
    return { status: 204, headers: {}, body: undefined };
  }
  return json(404, { errors: [{ title: 'Unknown mock administration path', status: '404' }] });
}
