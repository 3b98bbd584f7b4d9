// @ts-check
/**
 * Breaking-change report between two bundled descriptions, by `redocly diff`, and the
 * policy that decides whether a pull request may carry it.
 */
import { runBin } from './exec.mjs';

/**
 * @typedef {{ major: number, minor: number, patch: number }} DiffSummary
 * @typedef {{ summary: DiffSummary, markdown: string, bump: string }} DiffReport
 */

/**
 * Compares two bundled files.
 * @param {string} baseFile
 * @param {string} revisionFile
 * @returns {DiffReport}
 */
export function diffBundles(baseFile, revisionFile) {
  const args = ['diff', baseFile, revisionFile, '--fail-on', 'none'];
  const json = runBin('@redocly/cli', 'redocly', [...args, '--format', 'json']);
  const start = json.stdout.indexOf('{');
  if (json.status !== 0 || start < 0) {
    throw new Error(`redocly diff failed:\n${json.stdout}${json.stderr}`);
  }
  const parsed = JSON.parse(json.stdout.slice(start));
  const md = runBin('@redocly/cli', 'redocly', [...args, '--format', 'markdown']);
  const markdown = md.stdout
    .slice(Math.max(0, md.stdout.indexOf('## ')))
    .replace(/\S*spec-(?:bundle|doc)-[^/\s]+\/openapi\.json/g, 'openapi.json');
  return { summary: parsed.summary, bump: parsed.bump ?? 'none', markdown };
}

/**
 * The written policy: a breaking (major) change needs a major changeset of the spec package.
 * @param {DiffSummary} summary
 * @param {Array<{ file: string, bumps: Record<string, string> }>} changesets
 * @param {string} specPackage
 */
export function judge(summary, changesets, specPackage) {
  const major = changesets.find((c) => c.bumps[specPackage] === 'major');
  if (summary.major === 0) return { ok: true, reason: 'No breaking change.' };
  if (major) {
    return {
      ok: true,
      reason: `${summary.major} breaking change(s), announced by the major changeset ${major.file}.`,
    };
  }
  return {
    ok: false,
    reason:
      `${summary.major} breaking change(s) and no major changeset for ${specPackage}. ` +
      'Undo the breaking change, or add one with `pnpm changeset` (pick ' +
      `${specPackage}, bump "major") and explain the break to integrators.`,
  };
}

/**
 * Markdown section for the pull request.
 * @param {DiffReport} report
 * @param {{ ok: boolean, reason: string }} verdict
 * @param {string} baseRef
 */
export function renderDiffMarkdown(report, verdict, baseRef) {
  const { major, minor, patch } = report.summary;
  const head = verdict.ok ? '✅' : '❌';
  const body =
    major + minor + patch === 0
      ? 'The bundled description is unchanged.'
      : report.markdown.replace(/^## .*\n/, '').trim();
  return `## Breaking-change report (against \`${baseRef}\`)\n\n${head} ${verdict.reason}\n\n${body}\n`;
}
