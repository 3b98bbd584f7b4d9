/**
 * The CSA docs site: the checks every docs site runs (the description and its samples, the
 * page in Chromium), and what this API's samples must show: XML bodies as documented, HTTP
 * Basic and the userIdentifier every call but the look-ups takes, and the assumed answer of a
 * send with no valid recipient marked on the page.
 */
import { fileURLToPath } from 'node:url';
import {
  builtSite,
  curlOf,
  curlRequest,
  describeDocsSite,
  operationById,
  sampleMock,
  sampleOf,
} from '@proseapi/docs-site/testing';
import { describe, expect, it } from 'vitest';

const site = await builtSite(fileURLToPath(new URL('..', import.meta.url)));

describe('the CSA curl samples', () => {
  it('send the documented XML request of a send, with Basic credentials and the userIdentifier', () => {
    for (const id of ['sendNotification', 'sendNotificationToParty']) {
      const curl = curlOf(site, id);
      expect(curl.user).toBe('$CSA_CREDENTIALS');
      expect(curl.headers['content-type']).toBe('application/xml');
      expect(curl.headers.accept).toBe('application/xml');
      expect(curl.data).toMatch(/^<\?xml [^>]*\?>\n<Notification>\n/);
      expect(curl.data).toContain('<type>ORGANIZATION</type>');
      expect(new URL(curl.url).searchParams.get('userIdentifier')).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('leave the userIdentifier out of the look-ups that give it', () => {
    for (const id of ['getUserIdentifier', 'lookUpUserIdentifier']) {
      const curl = curlOf(site, id);
      expect(curl.user).toBe('$CSA_CREDENTIALS');
      expect(new URL(curl.url).searchParams.has('userIdentifier')).toBe(false);
    }
  });
});

describe('the run of the samples against the mock', () => {
  it('is refused a send without a known user or the right password, or to a recipient of an unknown type', async () => {
    const { send, env } = await sampleMock(site);
    const sample = sampleOf(operationById(site, 'sendNotification'), 'curl');
    const status = async (command: string) => (await send(curlRequest(command, env))).status;
    expect(await status(sample)).toBe(200);
    // The mock's reading of the troubleshooting page: a missing or unknown user is 401.
    expect(await status(sample.replace(/userIdentifier=[0-9a-f]+/, ''))).toBe(401);
    expect(await status(sample.replace(/userIdentifier=[0-9a-f]+/, 'userIdentifier=0'))).toBe(401);
    expect(
      (await send(curlRequest(sample, { CSA_CREDENTIALS: 'csaTransportUser:wrong' }))).status,
    ).toBe(401);
    expect(await status(sample.replace('<type>ORGANIZATION</type>', '<type>TEAM</type>'))).toBe(
      422,
    );
  });
});

describeDocsSite(site, {
  extra: (session) => {
    describe('provenance', () => {
      it('marks the assumed answer of a send with no valid recipient', async () => {
        const element = await session.openOperation(operationById(site, 'sendNotification'));
        // The answer is the operation's 4XX; Redoc shows one status's answer at a time.
        await element
          .locator('[data-response-codes-tablist]')
          .getByRole('tab', { name: '4XX', exact: true })
          .click();
        const badges = await element.locator('.provenance-assumed').allTextContents();
        expect(badges).toContain('Assumed status');
      });
    });
  },
});
