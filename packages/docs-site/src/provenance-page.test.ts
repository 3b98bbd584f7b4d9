/**
 * Provenance on the page, in headless Chromium: a small description with sources and assumed
 * parts is built into a site of its own, and the page shows the operation's pages as links and
 * a badge on each assumed field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, launchChromium } from './browser.js';
import { ASSUMED_CLASS } from './provenance.js';
import { type DocsServer, startDocsServer } from './server.js';
import { buildSite } from './site.js';
import {
  FIXTURE_SOURCES,
  FIXTURE_THEME,
  provenanceFixture,
} from './test-support/provenance-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'docs-provenance-'));
let server: DocsServer;
let browser: Browser;
let page: Page;
let operation: Locator;
const requests: string[] = [];

beforeAll(async () => {
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(provenanceFixture));
  await buildSite(
    { name: 'Provenance fixture', spec: specPath, theme: FIXTURE_THEME, samples: {} },
    { outDir: join(dir, 'site') },
  );
  server = await startDocsServer({ root: join(dir, 'site'), port: 0 });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${server.url}#/things/creatething`);
  operation = page.locator('[id="things/creatething"]');
  await operation.waitFor({ state: 'visible' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each field name of the operation with the text of the badge in its own row, if any. */
function fieldBadges(root: Locator) {
  return root.evaluate((element, badgeClass) => {
    return Array.from(element.querySelectorAll('.schema-name')).map((name) => {
      let row = name.parentElement;
      // Widen to the largest ancestor that still holds this one field only.
      while (
        row?.parentElement &&
        row.parentElement.querySelectorAll('.schema-name').length === 1
      ) {
        row = row.parentElement;
      }
      const badge = row?.querySelector(`.${badgeClass}`);
      return [name.textContent?.trim() ?? '', badge?.textContent ?? null] as const;
    });
  }, ASSUMED_CLASS);
}

describe('provenance on the page', () => {
  it('links every documentation page of an operation, in order', async () => {
    const links = await operation
      .locator('a[href^="https://"]')
      .evaluateAll((anchors) =>
        anchors.map((a) => [a.getAttribute('href'), a.textContent?.trim()] as const),
      );
    expect(links.slice(0, 2)).toEqual(
      FIXTURE_SOURCES.map((url) => [url, url.replace('https://', '')]),
    );
    const first = operation.locator(`a[href="${FIXTURE_SOURCES[0]}"]`).first();
    expect(await first.isVisible()).toBe(true);
  });

  it('marks the assumed fields of a schema, and only those', async () => {
    const fields = await fieldBadges(operation);
    expect(fields).toContainEqual(['colour', 'Assumed']);
    expect(fields).toContainEqual(['filter', 'Assumed']);
    expect(fields).toContainEqual(['name', null]);
    const reason = operation
      .locator('p', { hasText: 'The page lists this member without its type.' })
      .first();
    const badge = reason.locator(`.${ASSUMED_CLASS}`);
    expect(await badge.isVisible()).toBe(true);
    const style = await badge.evaluate((b) => getComputedStyle(b).borderTopStyle);
    expect(style).toBe('solid');
  });

  it('marks an assumed status and body', async () => {
    const badges = await operation.locator(`.${ASSUMED_CLASS}`).allTextContents();
    expect(badges).toContain('Assumed status');
    expect(badges).toContain('Assumed body');
  });

  it('fetches nothing from the pages it links', () => {
    expect(requests).toContain(`${server.url}#/things/creatething`.replace(/#.*$/, ''));
    expect(foreignRequests(requests, server.url)).toEqual([]);
  });
});
