import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './openapi.js';
import { docsDocument, withAbsoluteServerUrls } from './site.js';
import { fixture } from './test-support/fixture.js';

describe('withAbsoluteServerUrls', () => {
  it('replaces a leading variable whose default is an absolute URL', () => {
    const doc: OpenApiDocument = {
      ...fixture,
      servers: [
        { url: '{base_url}/v3', variables: { base_url: { default: 'https://demo.example.org' } } },
        { url: '{host}/api', variables: { host: { default: 'internal' } } },
      ],
    };
    const out = withAbsoluteServerUrls(doc);
    expect(out.servers).toEqual([
      { url: 'https://demo.example.org/v3' },
      { url: '{host}/api', variables: { host: { default: 'internal' } } },
    ]);
    expect(doc.servers?.[0]?.url).toBe('{base_url}/v3');
  });

  it('keeps the other variables of the server', () => {
    const doc: OpenApiDocument = {
      ...fixture,
      servers: [
        {
          url: '{origin}/{prefix}/',
          variables: { origin: { default: 'https://api.example.org' }, prefix: { default: 'v2' } },
        },
      ],
    };
    expect(withAbsoluteServerUrls(doc).servers?.[0]).toEqual({
      url: 'https://api.example.org/{prefix}/',
      variables: { prefix: { default: 'v2' } },
    });
  });
});

const logo = join(mkdtempSync(join(tmpdir(), 'docs-logo-')), 'logo.svg');
writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg"><title>Shop</title></svg>');
afterAll(() => rmSync(dirname(logo), { recursive: true, force: true }));

describe('docsDocument', () => {
  it('adds code samples to every operation and the logo as a data URI', async () => {
    const out = await docsDocument(fixture, {
      logo,
      samples: { clientPackage: '@shop/client', tokenEnvVar: 'SHOP_TOKEN' },
    });
    expect(out.info['x-logo']).toEqual({
      url: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      altText: 'Fixture',
    });
    const svg = Buffer.from(
      String((out.info['x-logo'] as { url: string }).url.split(',')[1]),
      'base64',
    ).toString();
    expect(svg).toContain('<title>Shop</title>');
    const post = out.paths?.['/shops/{shop_id}/items']?.post as {
      'x-codeSamples': Array<{ source: string }>;
    };
    expect(post['x-codeSamples'][0]?.source).toContain("from '@shop/client'");
    expect(post['x-codeSamples'][1]?.source).toContain('$SHOP_TOKEN');
  });

  it('has no logo without one, and curl samples only without a client', async () => {
    const out = await docsDocument(fixture, { samples: { tokenEnvVar: 'SHOP_TOKEN' } });
    expect(out.info['x-logo']).toBeUndefined();
    const post = out.paths?.['/shops/{shop_id}/items']?.post as {
      'x-codeSamples': Array<{ label: string }>;
    };
    expect(post['x-codeSamples'].map((s) => s.label)).toEqual(['curl']);
  });
});

describe('docsDocument with a coverage report', () => {
  it('appends the coverage report to the introduction', async () => {
    const report = '## Coverage of the documented API\n\n**100%** of 2 documented actions.\n';
    const intro = { ...fixture, info: { ...fixture.info, description: 'Intro.' } };
    const out = await docsDocument(intro, { samples: {} }, report);
    expect(out.info.description).toBe(`Intro.\n\n${report}`);
    const without = await docsDocument(intro, { samples: {} });
    expect(without.info.description).toBe('Intro.');
  });
});
