/**
 * Writes screenshot.png (for the README): the page opened at an operation with a request
 * body, its TypeScript sample showing. Pass an operationId to pick another operation.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../browser.js';
import { listOperations, type OpenApiDocument } from '../openapi.js';
import { startDocsServer } from '../server.js';
import { packageRoot } from '../site.js';

const root = packageRoot();
const dist = join(root, 'dist');
const document = JSON.parse(await readFile(join(dist, 'openapi.json'), 'utf8')) as OpenApiDocument;
const operations = listOperations(document);
const wanted = process.argv[2];
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
  const language = { name: /^(TypeScript|curl|Payload)$/ };
  await element.getByRole('button', language).click();
  await page
    .locator('[data-component-name="Dropdown/DropdownMenuItem"]', { hasText: /^TypeScript$/ })
    .click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const path = join(root, 'screenshot.png');
  await page.screenshot({ path });
  console.log(`screenshot of ${entry.operation.operationId}: ${path}`);
} finally {
  await browser.close();
  await server.close();
}
