/** What the tests share: the bundle, the judge of answers, credentials and one call helper. */
import bundle from '@proseapi/csa-openapi/openapi.json' with { type: 'json' };
import { createOracle } from '@proseapi/mock-engine/testing';
import { expect } from 'vitest';
import { TRANSPORT_USER } from './dialect/index.js';

export const description = bundle as unknown as Record<string, unknown>;
export const BASE = 'https://csa-server:8444/csa/rest';
/** The userIdentifier of the send example: acctgconsumer of CSA_CONSUMER. */
export const ACCTG = '90cec3a03a93ef89013a93f07b880001';
/** The party of the list example: consumer, of the same organization. */
export const CONSUMER = 'BFA0DB53DA414B90E04059106D1A24B5';
/** admin of MyOrganization, the id both look-up examples answer. */
export const ADMIN = '90s96588670da0c701360da0f1d540a1';

export function basic(username: string, password: string): string {
  return `Basic ${btoa(`${username}:${password}`)}`;
}
export const AUTH = basic(TRANSPORT_USER.username, TRANSPORT_USER.password);

/** An example of the description, by its component name (`sendNotification-request`). */
export function documented(name: string): unknown {
  const examples = (bundle.components as { examples: Record<string, { value: unknown }> }).examples;
  const example = examples[name];
  if (!example) throw new Error(`the description has no example ${name}`);
  return example.value;
}

const oracle = createOracle(description);

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

/** Sends a request through a handler and expects an answer the description allows. */
export async function call(
  handler: (request: Request) => Promise<Response>,
  method: string,
  pathAndQuery: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const response = await handler(
    new Request(`${BASE}${pathAndQuery}`, {
      method,
      headers: { authorization: AUTH, accept: 'application/xml', ...init.headers },
      body: init.body ?? null,
    }),
  );
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const path = new URL(`${BASE}${pathAndQuery}`).pathname;
  expect(oracle.check({ method, path, status: response.status, contentType, body: text })).toEqual(
    [],
  );
  return { status: response.status, contentType, text };
}

/** A notification document with these recipients (and nothing else). */
export function notificationXml(
  recipients: [id: string, type: string][],
  subject = 'Hello',
): string {
  const items = recipients
    .map(([id, type]) => `<recipient><id>${id}</id><type>${type}</type></recipient>`)
    .join('');
  return `<Notification><subject>${subject}</subject><contentBody>Body {0}</contentBody>${items}<tokens><tokenSequence>0</tokenSequence><value>zero</value></tokens></Notification>`;
}
