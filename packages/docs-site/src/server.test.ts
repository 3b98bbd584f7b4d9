import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDocsServer } from './server.js';

const root = mkdtempSync(join(tmpdir(), 'docs-server-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>docs</title>');
writeFileSync(join(root, 'openapi.json'), '{"openapi":"3.1.0"}');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('startDocsServer', () => {
  it('serves the page and the description on loopback', async () => {
    const server = await startDocsServer({ root, port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toBe('<!doctype html><title>docs</title>');
      const spec = await fetch(new URL('openapi.json', server.url));
      expect(await spec.json()).toEqual({ openapi: '3.1.0' });
      const head = await fetch(new URL('index.html', server.url), { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    } finally {
      await server.close();
    }
  });

  it('redirects menu addresses to hash routes and refuses the rest', async () => {
    const server = await startDocsServer({ root, port: 0 });
    try {
      const menu = await fetch(new URL('closing-documents/sendclosingdocument/', server.url), {
        redirect: 'manual',
      });
      expect(menu.status).toBe(302);
      expect(menu.headers.get('location')).toBe('/#/closing-documents/sendclosingdocument');
      expect((await fetch(new URL('favicon.ico', server.url))).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('moves to a free port when the requested one is taken, unless told not to', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const server = await startDocsServer({ root, port: taken });
      expect(server.port).not.toBe(taken);
      expect((await fetch(server.url)).status).toBe(200);
      await server.close();
      await expect(
        startDocsServer({ root, port: taken, fallbackToFreePort: false }),
      ).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      blocker.close();
    }
  });

  it('says when the site is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'docs-empty-'));
    const server = await startDocsServer({ root: empty, port: 0 });
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('index.html is not built\n');
    } finally {
      await server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
