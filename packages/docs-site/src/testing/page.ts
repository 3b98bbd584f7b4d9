/**
 * The checks every docs site runs in headless Chromium, as a vitest suite: the page renders
 * with no error, reaches nothing outside itself, and every operation opens by its anchor, is
 * linked from the menu, is found by its summary, links its documentation pages and shows its
 * code samples. One browser serves the whole suite; a package adds checks of its own with
 * `extra`, on the same page.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, launchChromium } from '../browser.js';
import type { OperationEntry } from '../openapi.js';
import { type DocsServer, startDocsServer } from '../server.js';
import { type BuiltSite, operationName, sampleOf } from './site.js';

const VIEWPORT = { width: 1440, height: 900 };

/** The page and helpers a package's own checks use. */
export interface SiteSession {
  page(): Page;
  url(): string;
  /** The page's address of an operation: `<section slug>/<operationid>`. */
  anchorOf(entry: OperationEntry): Promise<string>;
  /** Scrolls the page to an operation and gives its element. */
  openOperation(entry: OperationEntry): Promise<Locator>;
}

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

export interface SitePageOptions {
  /** Checks of the package's own, run on the same page before the session's last check. */
  extra?: (session: SiteSession) => void;
}

export function describeSitePage(site: BuiltSite, options: SitePageOptions = {}): SiteSession {
  const { document: spec, operations } = site;
  let server: DocsServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const shots = mkdtempSync(join(tmpdir(), 'docs-shots-'));

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
    expect(statSync(site.htmlPath).isFile()).toBe(true);
    server = await startDocsServer({ root: site.dist, port: 0 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: VIEWPORT });
    context.on('request', (request) => requests.push(request.url()));
    page = await openPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(shots, { recursive: true, force: true });
  });

  const tagLabel = (name: string) => {
    const tag = ((spec.tags ?? []) as Array<{ name: string; 'x-displayName'?: string }>).find(
      (t) => t.name === name,
    );
    return tag?.['x-displayName'] ?? name;
  };

  /** Menu addresses of the sections, read from the page: tag name → slug. */
  let slugs: Map<string, string> | undefined;
  async function tagSlugs(): Promise<Map<string, string>> {
    const links = await page
      .locator('[data-component-name="Menu/Menu"] a[href]')
      .evaluateAll((anchors) =>
        anchors.map((a) => [a.textContent?.trim() ?? '', a.getAttribute('href') ?? ''] as const),
      );
    return new Map(links.map(([text, href]) => [text, href.replace(/^#?\//, '')]));
  }

  async function anchorOf(entry: OperationEntry): Promise<string> {
    slugs ??= await tagSlugs();
    const tag = entry.operation.tags?.[0];
    if (!tag) throw new Error(`${operationName(entry)} has no tag`);
    const slug = slugs.get(tagLabel(tag));
    if (!slug) throw new Error(`the menu has no section for tag ${tag}`);
    return `${slug}/${entry.operation.operationId?.toLowerCase()}`;
  }

  async function openOperation(entry: OperationEntry): Promise<Locator> {
    const anchor = await anchorOf(entry);
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/${anchor}`);
    const element = page.locator(`[id="${anchor}"]`);
    await element.waitFor({ state: 'visible' });
    return element;
  }

  const session: SiteSession = {
    page: () => page,
    url: () => server.url,
    anchorOf,
    openOperation,
  };
  const each = operations.map((e) => [operationName(e), e] as const);

  describe('the page', () => {
    it('renders the description under its title', async () => {
      await page.waitForLoadState('load');
      await expect.poll(() => page.locator('h1').first().textContent()).toContain(spec.info.title);
      const groups = (spec['x-tagGroups'] ?? []) as Array<{ name: string }>;
      const menu = await page.locator('[data-component-name="Menu/Menu"]').textContent();
      for (const group of groups) expect(menu).toContain(group.name);
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
      const first = operations[0] as OperationEntry;
      const anchor = await anchorOf(first);
      const deep = await openPage(`#/${anchor}`);
      const element = deep.locator(`[id="${anchor}"]`);
      await element.waitFor({ state: 'visible' });
      await expect
        .poll(async () => (await element.boundingBox())?.y ?? -1)
        .toBeLessThan(VIEWPORT.height);
      await deep.close();
    });
  });

  // Each of these drives the page through a few clicks: on a loaded machine Chromium has
  // stalled once in a few thousand of them, so a failed operation is tried again. A page
  // that is wrong fails every try.
  describe('every operation', { retry: 2 }, () => {
    it.each(each)(
      '%s is reachable by its anchor, linked from the menu, and links its pages',
      async (_id, entry) => {
        const element = await openOperation(entry);
        const anchor = await anchorOf(entry);
        expect(page.url()).toBe(`${server.url}#/${anchor}`);
        // Scrolled to its anchor: its top at the top of the viewport, give or take the
        // fraction of a pixel the browser's scroll rounding leaves.
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
        const sources = entry.operation['x-sources'];
        for (const url of Array.isArray(sources) ? (sources as string[]) : []) {
          expect(await element.locator(`a[href="${url}"]`).count(), url).toBeGreaterThan(0);
        }
      },
    );

    it('is found by searching for its summary, and the hit opens it', async () => {
      await page.keyboard.press('Control+k');
      const input = page.getByPlaceholder('Search docs...');
      await input.waitFor({ state: 'visible' });
      for (const entry of operations) {
        const summary = entry.operation.summary;
        expect(summary, `${operationName(entry)} needs a summary to be found`).toBeTruthy();
        await input.fill(summary as string);
        const anchor = await anchorOf(entry);
        const hit = page.locator(
          `a[data-component-name="Search/SearchItem"][href="#/${anchor}"], a[data-component-name="Search/SearchItem"][href^="#/${anchor}#"]`,
        );
        await hit.first().waitFor({ state: 'visible' });
      }
      const last = await anchorOf(operations[operations.length - 1] as OperationEntry);
      await page
        .locator(`a[data-component-name="Search/SearchItem"][href^="#/${last}"]`)
        .first()
        .click();
      await expect.poll(() => page.url()).toMatch(new RegExp(`#/${last}(#|$)`));
      await page.locator(`[id="${last}"]`).waitFor({ state: 'visible' });
      await expect(input.isVisible()).resolves.toBe(false);
    });

    it.each(each)('%s shows its code samples', async (id, entry) => {
      const element = await openOperation(entry);
      const labels = (entry.operation['x-codeSamples'] ?? []).map((s) => s.label);
      expect(labels.length).toBeGreaterThan(0);
      const shown = (panel: Locator) =>
        panel.locator('pre[data-testid="source-code"]').first().textContent();
      // Redoc offers a choice only between two samples or more, or a sample and the
      // payload of a request body; a lone sample sits under its label.
      if (labels.length === 1 && entry.operation.requestBody === undefined) {
        const label = labels[0] as string;
        const panel = element.locator('[data-component-name="Panel/Panel"]').filter({
          has: page.locator('[data-component-name="Panel/PanelHeader"] > span', {
            hasText: new RegExp(`^${label}$`),
          }),
        });
        await panel.scrollIntoViewIfNeeded();
        expect((await shown(panel))?.trimEnd()).toBe(sampleOf(entry, label).trimEnd());
        await panel.screenshot({ path: join(shots, `${id}.png`) });
        return;
      }
      const languageButton = { name: new RegExp(`^(${[...labels, 'Payload'].join('|')})$`) };
      const panel = element
        .locator('[data-component-name="Panel/Panel"]')
        .filter({ has: page.getByRole('button', languageButton) });
      for (const label of labels) {
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
          .poll(async () => (await shown(panel))?.trimEnd())
          .toBe(sampleOf(entry, label).trimEnd());
      }
      await panel.screenshot({ path: join(shots, `${id}.png`) });
    });
  });

  describe('the introduction', () => {
    it('links only to places that exist on the page', async () => {
      await page.evaluate(() => {
        window.location.hash = '#/';
      });
      const links = await page
        .locator('#api-content a[href^="#/"]')
        .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') as string));
      const own = [...new Set(links.filter((href) => !href.includes('#', 1)))];
      const written = [...String(spec.info.description ?? '').matchAll(/\]\((#\/[^)#\s]+)\)/g)].map(
        (m) => m[1] as string,
      );
      expect(own).toEqual(expect.arrayContaining([...new Set(written)]));
      for (const href of own) {
        await page.evaluate((hash) => {
          window.location.hash = hash;
        }, href);
        await page.locator(`[id="${href.slice(2)}"]`).waitFor({ state: 'visible' });
      }
    });
  });

  options.extra?.(session);

  describe('the whole session', () => {
    it('made no request leaving the page and raised no error', async () => {
      expect(foreignRequests(requests, server.url)).toEqual([]);
      expect(await violations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  });

  return session;
}
