/**
 * A screenshot of a built site (for a README): the page opened at one operation, its first
 * code sample showing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from './browser.js';
import { listOperations, type OpenApiDocument } from './openapi.js';
import { startDocsServer } from './server.js';

/**
 * Writes `<root>/screenshot.png` from the site built in `<root>/dist`, opened at the operation
 * `wanted` (by default the first with a request body and a path parameter), with its first
 * code sample showing.
 */
export async function screenshot(root: string, wanted?: string): Promise<void> {
  const dist = join(root, 'dist');
  const document = JSON.parse(
    await readFile(join(dist, 'openapi.json'), 'utf8'),
  ) as OpenApiDocument;
  const operations = listOperations(document);
  const entry = wanted
    ? operations.find((e) => e.operation.operationId === wanted)
    : (operations.find((e) => e.operation.requestBody && e.path.includes('{')) ?? operations[0]);
  if (!entry) throw new Error(`no operation ${wanted ?? ''} in ${join(dist, 'openapi.json')}`);

  const server = await startDocsServer({ root: dist, port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    const tag = entry.operation.tags?.[0] ?? '';
    const tagLink = page.locator('[data-component-name="Menu/Menu"] a', { hasText: tag }).first();
    const slug = ((await tagLink.getAttribute('href')) ?? '').replace(/^#?\//, '');
    const anchor = `${slug}/${entry.operation.operationId?.toLowerCase()}`;
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/${anchor}`);
    const element = page.locator(`[id="${anchor}"]`);
    await element.waitFor({ state: 'visible' });
    const label = entry.operation['x-codeSamples']?.[0]?.label;
    if (label) {
      await element.getByRole('button', { name: /^(TypeScript|curl|Payload)$/ }).click();
      await page
        .locator('[data-component-name="Dropdown/DropdownMenuItem"]', {
          hasText: new RegExp(`^${label}$`),
        })
        .click();
    }
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    const path = join(root, 'screenshot.png');
    await page.screenshot({ path });
    console.log(`screenshot of ${entry.operation.operationId}: ${path}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
