/**
 * Headless Chromium for the browser tests, the README screenshot and the benchmark. It uses
 * the system's Chromium (never a downloaded one) and tells how to install it when missing.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}. Install it with \`apt-get install -y chromium\` or point CHROMIUM_PATH at a Chromium binary.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Requests that leave the page: anything but the page's own origin, data: and blob: URLs. */
export function foreignRequests(urls: readonly string[], pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  return urls.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return new URL(url).origin !== origin;
  });
}
