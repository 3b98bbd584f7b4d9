/**
 * The built page in headless Chromium: it renders without errors, reaches nothing outside
 * itself, and every operation of the description can be opened by its anchor, found by its
 * summary and shows both code samples.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, launchChromium } from './browser.js';
import type { OperationEntry } from './openapi.js';
import { type DocsServer, startDocsServer } from './server.js';
import { builtDocument, builtOperations, distDir, sampleOf } from './test-support/built.js';

const VIEWPORT = { width: 1440, height: 900 };
const SAMPLE_LABELS = ['TypeScript', 'curl'] as const;

const spec = builtDocument();
const operations = builtOperations();

let server: DocsServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: string[];
const pageErrors: string[] = [];
const consoleErrors: string[] = [];
const shots = mkdtempSync(join(tmpdir(), 'docs-shots-'));

/** Collects Content-Security-Policy violations: requests the page tried and was refused. */
const WATCH_CSP = () => {
  const violations: string[] = [];
  (window as unknown as { __violations: string[] }).__violations = violations;
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
};
const violations = (p: Page) =>
  p.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

async function openPage(hash = ''): Promise<Page> {
  const opened = await context.newPage();
  await opened.addInitScript(WATCH_CSP);
  opened.on('pageerror', (error) => pageErrors.push(error.message));
  opened.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await opened.goto(`${server.url}${hash}`);
  return opened;
}

beforeAll(async () => {
  expect(statSync(join(distDir, 'index.html')).isFile()).toBe(true);
  server = await startDocsServer({ root: distDir, port: 0 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT });
  requests = [];
  context.on('request', (request) => requests.push(request.url()));
  page = await openPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(shots, { recursive: true, force: true });
});

/** Menu addresses of the sections, read from the page: tag name → slug. */
async function tagSlugs(): Promise<Map<string, string>> {
  const links = await page
    .locator('[data-component-name="Menu/Menu"] a[href]')
    .evaluateAll((anchors) =>
      anchors.map((a) => [a.textContent?.trim() ?? '', a.getAttribute('href') ?? ''] as const),
    );
  return new Map(links.map(([text, href]) => [text, href.replace(/^#?\//, '')]));
}

const tagLabel = (name: string) => {
  const tag = ((spec.tags ?? []) as Array<{ name: string; 'x-displayName'?: string }>).find(
    (t) => t.name === name,
  );
  return tag?.['x-displayName'] ?? name;
};

let slugs: Map<string, string>;
const anchorOf = (entry: OperationEntry) => {
  const tag = entry.operation.tags?.[0];
  if (!tag) throw new Error(`${entry.operation.operationId} has no tag`);
  const slug = slugs.get(tagLabel(tag));
  if (!slug) throw new Error(`the menu has no section for tag ${tag}`);
  return `${slug}/${entry.operation.operationId?.toLowerCase()}`;
};

async function openOperation(entry: OperationEntry): Promise<Locator> {
  const anchor = anchorOf(entry);
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${anchor}`);
  const element = page.locator(`[id="${anchor}"]`);
  await element.waitFor({ state: 'visible' });
  return element;
}

describe('the page', () => {
  it('renders the description with its guides and section groups', async () => {
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(spec.info.title);
    const headings = await page.locator('h2[id^="section/"]').allTextContents();
    for (const guide of [
      'Authentication',
      'The reseller hierarchy',
      'Paging and filters',
      'Errors',
      'Order validation with asynchronous tasks',
      'The closing-documents workflow of an ERP',
      'Trying it against the mock',
    ]) {
      expect(headings).toContain(guide);
    }
    const menu = await page.locator('[data-component-name="Menu/Menu"]').textContent();
    for (const group of spec['x-tagGroups'] as Array<{ name: string }>) {
      expect(menu).toContain(group.name);
    }
    await page.screenshot({ path: join(shots, 'overview.png') });
  });

  it('makes no request leaving the page for 6 s after load', async () => {
    await page.waitForTimeout(6_500);
    expect(requests).toContain(server.url);
    expect(foreignRequests(requests, server.url)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('would notice a request leaving the page', async () => {
    // A context of its own, so that the attempt stays out of the session's record.
    const other = await browser.newContext();
    const attempts: string[] = [];
    other.on('request', (request) => attempts.push(request.url()));
    const probe = await other.newPage();
    await probe.addInitScript(WATCH_CSP);
    await probe.goto(server.url);
    await probe.evaluate(() => {
      const image = new Image();
      image.src = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
      window.document.body.append(image);
    });
    await expect
      .poll(() => violations(probe))
      .toEqual(['img-src https://cdn.redoc.ly/redoc/logo-mini.svg']);
    expect(foreignRequests(attempts, server.url)).toEqual([
      'https://cdn.redoc.ly/redoc/logo-mini.svg',
    ]);
    await other.close();
  });

  it('opens an operation from a deep link on load', async () => {
    slugs = await tagSlugs();
    const first = operations[0] as OperationEntry;
    const deep = await openPage(`#/${anchorOf(first)}`);
    const element = deep.locator(`[id="${anchorOf(first)}"]`);
    await element.waitFor({ state: 'visible' });
    await expect
      .poll(async () => (await element.boundingBox())?.y ?? -1)
      .toBeLessThan(VIEWPORT.height);
    await deep.close();
  });
});

describe('every operation', () => {
  it.each(operations.map((e) => [e.operation.operationId, e] as const))(
    '%s is reachable by its anchor and linked from the menu',
    async (_id, entry) => {
      slugs ??= await tagSlugs();
      const element = await openOperation(entry);
      const anchor = anchorOf(entry);
      expect(page.url()).toBe(`${server.url}#/${anchor}`);
      // Scrolled to its anchor: its top at the top of the viewport, give or take the fraction of
      // a pixel the browser's scroll rounding leaves (an element not scrolled to is far off).
      await expect
        .poll(async () => (await element.boundingBox())?.y ?? -Infinity)
        .toBeGreaterThan(-1);
      expect((await element.boundingBox())?.y).toBeLessThan(VIEWPORT.height);
      if (entry.operation.summary) {
        const heading = await element.locator('h1, h2').first().textContent();
        // Redoc appends a "deprecated" badge to the heading of a deprecated operation.
        expect(heading).toBe(
          entry.operation.deprecated
            ? `${entry.operation.summary} deprecated`
            : entry.operation.summary,
        );
      }
      const menuLink = page.locator(`[data-component-name="Menu/Menu"] a[href="#/${anchor}"]`);
      await expect.poll(() => menuLink.count()).toBe(1);
    },
  );

  it('is found by searching for its summary, and the hit opens it', async () => {
    slugs ??= await tagSlugs();
    await page.keyboard.press('Control+k');
    const input = page.getByPlaceholder('Search docs...');
    await input.waitFor({ state: 'visible' });
    for (const entry of operations) {
      const summary = entry.operation.summary;
      expect(summary, `${entry.operation.operationId} needs a summary to be found`).toBeTruthy();
      await input.fill(summary as string);
      const anchor = anchorOf(entry);
      const hit = page.locator(
        `a[data-component-name="Search/SearchItem"][href="#/${anchor}"], a[data-component-name="Search/SearchItem"][href^="#/${anchor}#"]`,
      );
      await hit.first().waitFor({ state: 'visible' });
    }
    const last = operations[operations.length - 1] as OperationEntry;
    await page
      .locator(`a[data-component-name="Search/SearchItem"][href^="#/${anchorOf(last)}"]`)
      .first()
      .click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/${anchorOf(last)}(#|$)`));
    await page.locator(`[id="${anchorOf(last)}"]`).waitFor({ state: 'visible' });
    await expect(input.isVisible()).resolves.toBe(false);
  });

  it.each(operations.map((e) => [e.operation.operationId, e] as const))(
    '%s shows its TypeScript and curl samples',
    async (id, entry) => {
      slugs ??= await tagSlugs();
      const element = await openOperation(entry);
      const languageButton = { name: /^(TypeScript|curl|Payload)$/ };
      const panel = element
        .locator('[data-component-name="Panel/Panel"]')
        .filter({ has: page.getByRole('button', languageButton) });
      for (const label of SAMPLE_LABELS) {
        // A menu left open by an earlier operation would cover the button.
        await page.keyboard.press('Escape');
        await panel.getByRole('button', languageButton).scrollIntoViewIfNeeded();
        await panel.getByRole('button', languageButton).click();
        await page
          .locator('[data-component-name="Dropdown/DropdownMenuItem"]', {
            hasText: new RegExp(`^${label}$`),
          })
          .click();
        await expect
          .poll(async () =>
            (
              await panel.locator('pre[data-testid="source-code"]').first().textContent()
            )?.trimEnd(),
          )
          .toBe(sampleOf(entry, label).trimEnd());
      }
      await panel.screenshot({ path: join(shots, `${id}.png`) });
    },
  );
});

describe('the guides', () => {
  it('link only to places that exist on the page', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/';
    });
    const links = await page
      .locator('#api-content a[href^="#/"]')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') as string));
    const own = [...new Set(links.filter((href) => !href.includes('#', 1)))];
    expect(own.length).toBeGreaterThan(0);
    for (const href of own) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, href);
      await page.locator(`[id="${href.slice(2)}"]`).waitFor({ state: 'visible' });
    }
  });
});

describe('the whole session', () => {
  it('made no request leaving the page and raised no error', async () => {
    expect(foreignRequests(requests, server.url)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
