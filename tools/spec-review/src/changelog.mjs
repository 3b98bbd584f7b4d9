// @ts-check
/**
 * The API changelog of the spec package: at release time, the breaking-change report
 * between the previous release and this one goes under the new version's heading of
 * spec/activeplatform/CHANGELOG.md (the heading changesets just wrote).
 */

/**
 * Inserts an "API changes" block right below `## <version>`; adds the heading when the
 * changelog has none for that version. Idempotent: a second run replaces the block.
 * @param {string} changelog current CHANGELOG.md text ('' when absent)
 * @param {string} version
 * @param {string} diffMarkdown the diff report for this release
 * @param {string} packageName
 */
export function insertApiChanges(changelog, version, diffMarkdown, packageName) {
  const begin = `<!-- api-changes:${version}:begin -->`;
  const end = `<!-- api-changes:${version}:end -->`;
  const body = diffMarkdown.replace(/^## .*\n/, '').trim();
  const block = `${begin}\n### API changes\n\n${body}\n${end}`;
  let text = changelog.trim() ? changelog : `# ${packageName}\n`;
  const existing = new RegExp(`${escapeRegExp(begin)}[\\s\\S]*?${escapeRegExp(end)}`);
  if (existing.test(text)) return text.replace(existing, block);
  const heading = new RegExp(`^## ${escapeRegExp(version)}[ \\t]*$`, 'm');
  const match = heading.exec(text);
  if (!match) {
    const title = /^# .*$/m.exec(text);
    const at = title ? title.index + title[0].length : 0;
    text = `${text.slice(0, at)}\n\n## ${version}${text.slice(at)}`;
    return insertApiChanges(text, version, diffMarkdown, packageName);
  }
  const at = match.index + match[0].length;
  return `${text.slice(0, at)}\n\n${block}\n${text.slice(at)}`;
}

/** @param {string} s */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
