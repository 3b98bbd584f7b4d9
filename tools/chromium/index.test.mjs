// @ts-check
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chromiumCandidates,
  findChromium,
  missingChromiumMessage,
  probeChromium,
  requireChromium,
} from './index.mjs';

/**
 * An executable script that prints `line` for `--version`.
 * @param {string} name
 * @param {string} line
 */
function fakeBinary(name, line) {
  const dir = mkdtempSync(join(tmpdir(), 'chromium-'));
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho '${line}'\n`);
  chmodSync(file, 0o755);
  return { dir, file };
}

describe('chromiumCandidates', () => {
  it('takes CHROMIUM_PATH alone when it is set', () => {
    expect(chromiumCandidates({ CHROMIUM_PATH: '/opt/c/chrome', PATH: '/usr/bin' })).toEqual([
      '/opt/c/chrome',
    ]);
  });

  it('tries Debian’s path first, then the usual names in every PATH folder', () => {
    const list = chromiumCandidates({ PATH: '/a:/b' });
    expect(list[0]).toBe('/usr/bin/chromium');
    expect(list).toContain('/a/google-chrome');
    expect(list.indexOf('/a/chromium')).toBeLessThan(list.indexOf('/b/chromium'));
    expect(list.indexOf('/b/chromium-browser')).toBeLessThan(list.indexOf('/a/google-chrome'));
  });
});

describe('probeChromium', () => {
  it('accepts a binary that says it is Chromium or Chrome', () => {
    expect(probeChromium(fakeBinary('chromium', 'Chromium 156.0.1').file)).toBe('Chromium 156.0.1');
    expect(probeChromium(fakeBinary('chrome', 'Google Chrome 140.0').file)).toBe(
      'Google Chrome 140.0',
    );
  });

  it('passes over a stub that runs but is no browser, and a missing file', () => {
    expect(probeChromium(fakeBinary('chromium-browser', 'install it with snap').file)).toBe(
      undefined,
    );
    expect(probeChromium('/nonexistent/chromium')).toBe(undefined);
  });
});

describe('findChromium', () => {
  it('finds a Chrome on PATH when Debian’s Chromium is absent', () => {
    const chrome = fakeBinary('google-chrome', 'Google Chrome 140.0');
    const found = findChromium({
      env: { PATH: chrome.dir },
      probe: (file) => (file === '/usr/bin/chromium' ? undefined : probeChromium(file)),
    });
    expect(found).toEqual({ path: chrome.file, version: 'Google Chrome 140.0' });
  });

  it('finds the browser set-up provides on this machine', () => {
    const found = findChromium();
    expect(found?.version).toMatch(/chrom/i);
  });

  it('does not fall back when CHROMIUM_PATH points at nothing, and says so', () => {
    const env = { CHROMIUM_PATH: '/nonexistent/chrome', PATH: process.env.PATH ?? '' };
    expect(findChromium({ env })).toBe(undefined);
    expect(() => requireChromium(env)).toThrow(/CHROMIUM_PATH is set to \/nonexistent\/chrome/);
  });

  it('names the install command and CHROMIUM_PATH when nothing is found', () => {
    const message = missingChromiumMessage({ PATH: '/x' });
    expect(message).toContain('apt-get install -y --no-install-recommends chromium');
    expect(message).toContain('CHROMIUM_PATH');
  });
});
