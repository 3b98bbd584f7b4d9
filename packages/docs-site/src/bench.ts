/**
 * Figures of the built page: its size, and how fast Chromium renders it (median of several
 * fresh loads from a loopback server). BENCH_RUNS sets the number of loads (default 9).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './browser.js';
import { startDocsServer } from './server.js';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Prints the figures of the site built in `dist`. */
export async function bench(dist: string): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 9);
  const html = await readFile(join(dist, 'index.html'));
  const server = await startDocsServer({ root: dist, port: 0 });
  const browser = await launchChromium();
  const samples = {
    firstContentfulPaint: [] as number[],
    domContentLoaded: [] as number[],
    load: [] as number[],
  };
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url, { waitUntil: 'load' });
      const timing = await page.evaluate(async () => {
        const paint = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        while (paint() === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          fcp: paint() as number,
          dcl: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd,
        };
      });
      samples.firstContentfulPaint.push(timing.fcp);
      samples.domContentLoaded.push(timing.dcl);
      samples.load.push(timing.load);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const figures = {
    htmlBytes: html.length,
    htmlGzipBytes: gzipSync(html).length,
    runs,
    medianFirstContentfulPaintMs: Math.round(median(samples.firstContentfulPaint)),
    medianDomContentLoadedMs: Math.round(median(samples.domContentLoaded)),
    medianLoadMs: Math.round(median(samples.load)),
  };
  console.log(
    `HTML size:                ${(figures.htmlBytes / 1024).toFixed(0)} KiB (${(figures.htmlGzipBytes / 1024).toFixed(0)} KiB gzipped)`,
  );
  console.log(
    `First contentful paint:   ${figures.medianFirstContentfulPaintMs} ms (median of ${runs} loads)`,
  );
  console.log(`DOMContentLoaded:         ${figures.medianDomContentLoadedMs} ms`);
  console.log(`load:                     ${figures.medianLoadMs} ms`);
  console.log(JSON.stringify(figures));
}
