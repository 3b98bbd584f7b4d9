import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
// The API the page talks to: the mock server, over real HTTP from another origin.
import { DEMO_TOKEN, startMockServer as startApi } from '@activeplatform/mock';
import { CHROMIUM_ARGS, requireChromium } from '@proseapi/chromium';
import { build } from 'esbuild';
import { type Browser, chromium, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileServer, startHostileServer } from './fixtures/hostile-server.js';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const KEY = '0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4';

/** The page's script: it uses the built package exactly as a browser app would import it. */
const PAGE_SCRIPT = `
import { ActivePlatformError, createClient, toDataUri } from './dist/index.js';

window.runScenario = async (baseUrl, token) => {
  const client = createClient({ baseUrl, token });
  const path = '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices';
  const params = { path: { reseller_id: 1, account_id: 505 }, query: { filter: { key: ${JSON.stringify(KEY)} } } };
  const { data, error, response } = await client.GET(path, { params });

  let thrown = null;
  try {
    await createClient({ baseUrl, token: 'not-a-known-token', throwOnError: true }).GET(path, { params });
  } catch (e) {
    thrown = {
      isActivePlatformError: e instanceof ActivePlatformError,
      status: e.status,
      errors: e.errors,
      operation: e.operation,
    };
  }
  const file = await toDataUri(new File(['%PDF-1.4'], 'act.pdf'));
  return { status: response.status, data, error, thrown, file };
};

// A server that misbehaves on purpose: redirects, bodies cut short, answers too large.
window.runRough = async (hostile, elsewhere, token) => {
  const rough = createClient({ baseUrl: hostile, token, retry: false });
  const outcome = (call) =>
    call.then(
      ({ data, response }) => ({ status: response.status, method: data?.data?.method }),
      (e) => ({
        name: e.name,
        status: e.status,
        limit: e.limit,
        hidden: /a redirect the browser hides is not followed/.test(e.message),
        cutShort: /cut-short answer/.test(e.message),
      }),
    );
  const away = '/redirect?status=302&to=' + encodeURIComponent(elsewhere + '/ok');
  return {
    redirectAway: await outcome(rough.GET(away)),
    redirectHome: await outcome(rough.GET('/redirect?status=307&to=/ok')),
    cutShort: await outcome(rough.GET('/cut')),
    tooLarge: await outcome(rough.GET('/big?bytes=2000000&length=0', { maxResponseBytes: 1000000 })),
    ok: await outcome(rough.GET('/ok')),
  };
};
`;

describe('in headless Chromium', () => {
  let api: { url: string; close(): Promise<void> };
  let pageServer: Server;
  let pageOrigin = '';
  let browser: Browser;
  let hostile: HostileServer;
  let elsewhere: HostileServer;

  beforeAll(async () => {
    const executablePath = requireChromium();
    if (!existsSync(`${PACKAGE_ROOT}/dist/index.js`)) {
      throw new Error('dist/ is missing: run `pnpm --filter @activeplatform/client build` first');
    }
    const bundle = await build({
      stdin: { contents: PAGE_SCRIPT, resolveDir: PACKAGE_ROOT, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    pageServer = createServer((req, res) => {
      if (req.url === '/app.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(
          '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>',
        );
      }
    });
    await new Promise<void>((r) => pageServer.listen(0, '127.0.0.1', r));
    pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
    api = await startApi();
    hostile = await startHostileServer({ cors: true });
    elsewhere = await startHostileServer({ cors: true });
    browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_ARGS,
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await hostile?.close();
    await elsewhere?.close();
    pageServer?.closeAllConnections();
    await new Promise((r) => pageServer?.close(r));
  });

  it('calls the API cross-origin with the conventions, reads answers and errors, encodes files', async () => {
    const page = await browser.newPage();
    const apiRequests: Request[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(api.url)) apiRequests.push(request);
    });
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(pageOrigin);
    await page.waitForFunction(() => 'runScenario' in window);

    const result = await page.evaluate(
      ([url, token]) =>
        (window as unknown as { runScenario(u: string, t: string): Promise<unknown> }).runScenario(
          url as string,
          token as string,
        ),
      [api.url, DEMO_TOKEN],
    );

    expect(pageErrors).toEqual([]);
    expect(result).toMatchObject({
      status: 200,
      data: { data: { type: 'external_invoices', attributes: { key: KEY } } },
      thrown: {
        isActivePlatformError: true,
        status: 401,
        operation: {
          method: 'GET',
          path: '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices',
        },
      },
      file: 'data:application/pdf;base64,JVBERi0xLjQ=',
    });
    expect((result as { error?: unknown }).error).toBeUndefined();
    expect((result as { thrown: { errors: unknown[] } }).thrown.errors.length).toBeGreaterThan(0);

    const first = apiRequests.find((r) => r.method() === 'GET');
    expect(first?.url()).toBe(
      `${api.url}/api/v3/resellers/1/accounts/505/external_invoices?filter[key]=${KEY}`,
    );
    const headers = await first?.allHeaders();
    expect(headers?.['x-api-token']).toBe(DEMO_TOKEN);
    expect(headers?.accept).toBe('application/vnd.api+json');
    expect(headers?.['content-type']).toBe('application/vnd.api+json');
    await page.close();
  }, 60_000);

  it('refuses every redirect (the browser hides where it leads), types cut-short and oversized bodies', async () => {
    const page = await browser.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(pageOrigin);
    await page.waitForFunction(() => 'runRough' in window);
    const result = await page.evaluate(
      ([h, e, t]) =>
        (
          window as unknown as { runRough(h: string, e: string, t: string): Promise<unknown> }
        ).runRough(h as string, e as string, t as string),
      [hostile.url, elsewhere.url, DEMO_TOKEN],
    );
    expect(pageErrors).toEqual([]);
    const hidden = { name: 'ActivePlatformError', status: 0, hidden: true, cutShort: false };
    expect(result).toEqual({
      redirectAway: hidden,
      redirectHome: hidden,
      cutShort: { name: 'ActivePlatformNetworkError', hidden: false, cutShort: true },
      tooLarge: {
        name: 'ActivePlatformLimitError',
        limit: 'maxResponseBytes',
        hidden: false,
        cutShort: false,
      },
      ok: { status: 200, method: 'GET' },
    });
    // The browser never went to the other origin, and the same-origin target was not reached.
    expect(elsewhere.requests).toEqual([]);
    expect(hostile.requests.map((r) => r.path.split('?')[0])).toEqual([
      '/redirect',
      '/redirect',
      '/cut',
      '/big',
      '/ok',
    ]);
    await page.close();
  }, 60_000);
});
