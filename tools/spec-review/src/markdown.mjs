// @ts-check
/**
 * Markdown helpers for reports made of several sections.
 */

/**
 * Moves every heading one level down (`## Lint` → `### Lint`), so that a report can sit
 * under a heading of its own. Fenced code blocks are left as they are.
 * @param {string} markdown
 */
export function demoteHeadings(markdown) {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}
