import { describe, expect, it } from 'vitest';
import { inlineRemoteAssets, REMOTE_ASSETS, selfContainedProblems } from './self-contained.js';

const page = (script: string, options: object) =>
  `<html><head></head><body><div id="redoc"></div><script type="module">${script}
      const __redoc_options = ${JSON.stringify(options)};
      hydrate();</script></body></html>`;

describe('self-contained pages', () => {
  it('replace the CDN logo of the page with inline images', () => {
    const html = page(
      `img({src: e ? \`${REMOTE_ASSETS[0]?.url}\` : \`${REMOTE_ASSETS[1]?.url}\`})`,
      { disableTelemetry: true },
    );
    expect(selfContainedProblems(html)).toEqual(['the page still references cdn.redoc.ly']);
    const fixed = inlineRemoteAssets(html);
    expect(fixed).not.toContain('cdn.redoc.ly');
    expect(fixed).toContain('data:image/svg+xml,');
    expect(selfContainedProblems(fixed)).toEqual([]);
  });

  it('require telemetry to be switched off', () => {
    expect(selfContainedProblems(page('', { disableTelemetry: false }))).toEqual([
      'telemetry is not disabled in __redoc_options (set telemetry: off)',
    ]);
    expect(selfContainedProblems('<html></html>')).toEqual([
      'no __redoc_options found in the page',
    ]);
  });

  it('flag remote resources in the markup', () => {
    const html = page('', { disableTelemetry: true }).replace(
      '<head>',
      '<head><script src="https://cdn.example.org/x.js"></script><link rel="stylesheet" href="//fonts.example.org/a.css">',
    );
    expect(selfContainedProblems(html)).toHaveLength(2);
  });
});
