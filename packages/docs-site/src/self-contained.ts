/**
 * The page `redocly build-docs --inlineBundle` writes carries its scripts and styles inline, but
 * its sidebar footer still shows Redocly's logo from a CDN. These helpers swap such remote
 * assets for inline images and check that a page makes no request of its own.
 */

const svgDataUri = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

const wordmark = (text: string, width: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16"><text x="0" y="12.5" font-family="system-ui,sans-serif" font-size="12" font-weight="600" fill="#6e6f7a">${text}</text></svg>`;

/** Remote images of the Redoc page and what replaces them. */
export const REMOTE_ASSETS: ReadonlyArray<{ url: string; replacement: string }> = [
  {
    url: 'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
    replacement: svgDataUri(wordmark('Redoc', 46)),
  },
  { url: 'https://cdn.redoc.ly/redoc/logo-mini.svg', replacement: svgDataUri(wordmark('R', 10)) },
];

/**
 * Hosts the page loads from when it renders. (The script also names cdn.redocly.com as the base
 * of icon sets this page never uses; the browser test and the page's CSP cover the rest.)
 */
const RUNTIME_HOSTS = ['cdn.redoc.ly'];

export function inlineRemoteAssets(html: string): string {
  let out = html;
  for (const { url, replacement } of REMOTE_ASSETS) out = out.split(url).join(replacement);
  return out;
}

/** Reasons the page would reach the network; empty when it is self-contained. */
export function selfContainedProblems(html: string): string[] {
  const problems: string[] = [];
  for (const host of RUNTIME_HOSTS) {
    if (html.includes(`//${host}`)) problems.push(`the page still references ${host}`);
  }
  const remoteTag =
    /<(?:script|link|img|iframe|source|video|audio)\b[^>]*\s(?:src|href)=["']?(?:https?:)?\/\//gi;
  for (const match of html.matchAll(remoteTag)) {
    problems.push(`remote resource in markup: ${match[0].slice(0, 120)}`);
  }
  const options = /const __redoc_options = (\{.*?\});/s.exec(html)?.[1];
  if (options === undefined) {
    problems.push('no __redoc_options found in the page');
  } else if ((JSON.parse(options) as { disableTelemetry?: unknown }).disableTelemetry !== true) {
    problems.push('telemetry is not disabled in __redoc_options (set telemetry: off)');
  }
  return problems;
}
