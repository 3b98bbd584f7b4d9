/**
 * The built page in headless Chromium: the checks every docs site runs (no error, nothing
 * leaving the page, every operation by its anchor, in the menu, by search, with its samples),
 * and the guides of the introduction.
 */
import { fileURLToPath } from 'node:url';
import { builtSite, describeSitePage } from '@proseapi/docs-site/testing';
import { describe, expect, it } from 'vitest';

const site = await builtSite(fileURLToPath(new URL('..', import.meta.url)));

describeSitePage(site, {
  extra: (session) => {
    describe('the guides', () => {
      it('are sections of the introduction', async () => {
        const headings = await session.page().locator('h2[id^="section/"]').allTextContents();
        for (const guide of [
          'Authentication',
          'The reseller hierarchy',
          'Paging and filters',
          'Errors',
          'Order validation with asynchronous tasks',
          'The closing-documents workflow of an ERP',
          'Trying it against the mock',
          'Coverage of the documented API',
        ]) {
          expect(headings).toContain(guide);
        }
      });
    });
  },
});
