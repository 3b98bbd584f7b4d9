// @ts-check
/**
 * The reference adapters of the repository's APIs (`tools/reference/<api>/actions.mjs`): each
 * turns its folder's own format into the common list of documented actions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadReference } from '../src/coverage.mjs';

const folder = (/** @type {string} */ api) =>
  fileURLToPath(new URL(`../../reference/${api}/`, import.meta.url));

/** @param {import('../src/coverage.mjs').Reference} reference @param {string} route */
const actionAt = (reference, route) => {
  const found = reference.actions.find((a) => `${a.method} ${a.path}` === route);
  if (!found) throw new Error(`no action ${route}`);
  return found;
};

describe('the ActivePlatform adapter', async () => {
  const reference = await loadReference(folder('activeplatform'));
  const listed =
    readFileSync(`${folder('activeplatform')}seed-coverage-list.tsv`, 'utf8')
      .trim()
      .split('\n').length - 1;
  const extra = JSON.parse(readFileSync(`${folder('activeplatform')}conventions.json`, 'utf8'))
    .extra_v3_endpoints_not_in_endpoints_tsv.length;

  it('lists the coverage list, then the endpoints documented beyond it', () => {
    expect(reference.actions).toHaveLength(listed + extra);
    expect(
      reference.actions.slice(listed).every((a) => a.note === 'beyond the coverage list'),
    ).toBe(true);
  });

  it('leaves the token and transport headers and the server variable out of the parameters', () => {
    const names = reference.actions.flatMap((a) => a.parameters.map((p) => `${p.in} ${p.name}`));
    expect(names.filter((n) => n.startsWith('header ') || n.endsWith(' base_url'))).toEqual([]);
    const list = actionAt(reference, 'GET /api/v3/resellers/{reseller_id}/child_resellers');
    expect(list.parameters).toContainEqual({ name: 'page[size]', in: 'query' });
    expect(list.responseFields).toContain('attributes.general.name');
  });

  it('names fields from the document, its resources or their attributes', () => {
    expect(reference.fieldRoots).toContainEqual(['data', 'attributes']);
  });
});

describe('the CSA adapter', async () => {
  const reference = await loadReference(folder('csa'));

  it('lists the send call at both documented URIs, the list and the two look-ups', () => {
    expect(reference.actions.map((a) => `${a.method} ${a.path}`)).toEqual([
      'POST /notification/party',
      'POST /notification/party/{party_id}',
      'GET /notification/party/{party_id}',
      'GET /login/{organization_name}/{user_name}/',
      'GET /login/{organization_name}/userLookup',
    ]);
  });

  it('gives the party_id parameter to the URI that names it only', () => {
    const short = actionAt(reference, 'POST /notification/party');
    const long = actionAt(reference, 'POST /notification/party/{party_id}');
    expect(short.parameters).toEqual([{ name: 'userIdentifier', in: 'query' }]);
    expect(long.parameters).toEqual([
      { name: 'party_id', in: 'path' },
      { name: 'userIdentifier', in: 'query' },
    ]);
    expect(short.note).not.toBe(long.note);
  });

  it('names the elements below the root, the misspelled ones as documented', () => {
    const send = actionAt(reference, 'POST /notification/party');
    expect(send.requestFields).toEqual(
      expect.arrayContaining(['subject', 'recipient', 'recipient.type', 'tokens.tokenSequence']),
    );
    expect(send.requestFields).not.toContain('Notification');
    expect(send.responseFields).toEqual(
      expect.arrayContaining(['count', 'errorMessage', 'notification.notifactionId']),
    );
    const list = actionAt(reference, 'GET /notification/party/{party_id}');
    expect(list.parameters).toContainEqual({ name: 'maxResults', in: 'query' });
  });
});

describe('the RamBase adapter', async () => {
  const reference = await loadReference(folder('rambase'));
  const object = '/procurement/invoices/{supplierInvoiceId}';

  it('lists the notification calls and the token endpoint, and nothing of other resources', () => {
    expect(reference.actions.map((a) => `${a.method} ${a.path}`)).toEqual([
      `GET ${object}/notifications/{notificationId}`,
      `POST ${object}/notifications`,
      `GET ${object}/notifications`,
      'POST /oauth2/access_token',
    ]);
  });

  it('marks the list, which is confirmed for other objects only', () => {
    const list = actionAt(reference, `GET ${object}/notifications`);
    expect(list.note).toMatch(/^pattern confirmed for \d+ other objects$/);
    expect(list.parameters).toContainEqual({ name: 'regardingItemId', in: 'query' });
    expect(list.action).not.toContain('<object>');
  });

  it('names fields by their XML elements below the root', () => {
    const get = actionAt(reference, `GET ${object}/notifications/{notificationId}`);
    expect(get.responseFields).toEqual(
      expect.arrayContaining(['CreatedBy.Name', 'MessageParameters.MessageParameter.Key']),
    );
    expect(get.parameters).toContainEqual({ name: '$expand', in: 'query' });
    const create = actionAt(reference, `POST ${object}/notifications`);
    expect(create.requestFields).toContain('NotificationType.NotificationTypeId');
    expect(create.parameters).toEqual([{ name: 'supplierInvoiceId', in: 'path' }]);
  });

  it('reads the token endpoint, its grant type and its answer', () => {
    const token = actionAt(reference, 'POST /oauth2/access_token');
    expect(token.requestFields).toEqual(['grant_type']);
    expect(token.responseFields).toEqual(expect.arrayContaining(['access_token', 'expires_in']));
  });
});
