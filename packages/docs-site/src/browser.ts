/**
 * Headless Chromium for the browser tests, the README screenshot and the benchmark. It uses
 * the system's Chromium (never a downloaded one) and tells how to install it when missing.
 */
import { CHROMIUM_ARGS, requireChromium } from '@proseapi/chromium';
import { type Browser, chromium } from 'playwright-core';

/** Launches the Chromium set-up found (or `CHROMIUM_PATH`); throws how to get one if none. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
}

/** Requests that leave the page: anything but the page's own origin, data: and blob: URLs. */
export function foreignRequests(urls: readonly string[], pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  return urls.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return new URL(url).origin !== origin;
  });
}
