// @ts-check
/**
 * The breaking-change report between two descriptions: `redocly diff` both ways, the policy of
 * CONTRIBUTING.md on top (src/policy.mjs), every change in words with its source file and the
 * operations it touches; then the verdict a pull request gets and its markdown.
 */
import { operationsUsing, pointerSegments, readDescription } from './description.mjs';
import { exampleChanges } from './notes.mjs';
import { higher, IMPACTS, rateChanges } from './policy.mjs';
import { redoclyDiff } from './redocly-diff.mjs';
import { describeChange } from './words.mjs';

/**
 * @typedef {import('./policy.mjs').Impact} Impact
 * @typedef {import('./policy.mjs').Rating} Rating
 * @typedef {'clients' | 'servers'} Audience
 * @typedef {{ words: string, clients: Rating, servers: Rating, file: string, pointer: string,
 *   operations: string[], path: string, kind: string, typeName: string, property?: string,
 *   messages: string[] }} Change
 * @typedef {Record<Audience, Record<Impact, number>>} Summary
 * @typedef {{ changes: Change[], summary: Summary }} DiffResult
 */

/**
 * @param {string} baseEntry root file of the older description (absolute)
 * @param {string} revisionEntry root file of the newer one (absolute)
 * @param {{ display?: (file: string) => string }} [options] turns an absolute source file into
 *   the name shown in the report
 * @returns {Promise<DiffResult>}
 */
export async function compareDescriptions(baseEntry, revisionEntry, options = {}) {
  const display = options.display ?? ((/** @type {string} */ f) => f);
  const raw = await redoclyDiff(baseEntry, revisionEntry);
  const base = readDescription(baseEntry);
  const revision = readDescription(revisionEntry);
  const notes = exampleChanges(base, revision, raw.forward).map((c) => ({
    ...c,
    clients: { impact: /** @type {Impact} */ ('patch'), decidedBy: 'policy: notes-only' },
    servers: { impact: /** @type {Impact} */ ('patch'), decidedBy: 'policy: notes-only' },
  }));
  const names = new Map(
    [...base.operations, ...revision.operations].map((o) => [o.key, o.operationId ?? o.key]),
  );
  const everyOperation = [
    ...new Set([...base.operations, ...revision.operations].map((o) => o.key)),
  ];
  /** @type {Change[]} */
  const changes = [...rateChanges(raw, base, revision), ...notes].map((c) => {
    const where = c.revision ?? c.base;
    const keys = new Set([
      ...(c.base ? operationsUsing(base, c.base.file, c.base.pointer) : []),
      ...(c.revision ? operationsUsing(revision, c.revision.file, c.revision.pointer) : []),
    ]);
    const segments = pointerSegments(c.path);
    if (keys.size === 0 && segments[0] === 'paths' && segments.length > 2) {
      keys.add(`${String(segments[2]).toUpperCase()} ${segments[1]}`);
    }
    if (keys.size === 0 && !['paths', 'components'].includes(segments[0] ?? '')) {
      for (const k of everyOperation) keys.add(k);
    }
    return {
      words: describeChange(c, { base, revision }),
      clients: c.clients,
      servers: c.servers,
      file: where ? display(where.file) : '',
      pointer: where?.pointer ?? c.path,
      operations: [...keys].map((k) => names.get(k) ?? k).sort(),
      path: c.path,
      kind: c.kind,
      typeName: c.typeName,
      ...(c.property !== undefined ? { property: c.property } : {}),
      messages: c.verdicts.map((v) => v.message),
    };
  });
  return { changes, summary: summarize(changes) };
}

/** @param {Change[]} changes */
export function summarize(changes) {
  /** @returns {Record<Impact, number>} */
  const zero = () => ({ none: 0, patch: 0, minor: 0, major: 0 });
  /** @type {Summary} */
  const summary = { clients: zero(), servers: zero() };
  for (const c of changes) {
    summary.clients[c.clients.impact]++;
    summary.servers[c.servers.impact]++;
  }
  return summary;
}

/**
 * The semver bump the changes call for, as `audience` sees them.
 * @param {Change[]} changes
 * @param {Audience} audience
 * @returns {Impact}
 */
export function bumpOf(changes, audience) {
  return changes.reduce(
    (bump, c) => higher(bump, c[audience].impact),
    /** @type {Impact} */ ('none'),
  );
}

/**
 * The policy a pull request is held to: a change that breaks `audience` needs a major
 * changeset of the package.
 * @param {Change[]} changes
 * @param {Array<{ file: string, bumps: Record<string, string> }>} changesets
 * @param {string} specPackage
 * @param {Audience} [audience]
 */
export function judge(changes, changesets, specPackage, audience = 'clients') {
  const breaking = changes.filter((c) => c[audience].impact === 'major').length;
  return judgeBreaks(
    breaking,
    [`change breaking for ${audience}`, `changes breaking for ${audience}`],
    changesets,
    specPackage,
  );
}

/**
 * @param {number} count breaks found
 * @param {[string, string]} noun what a break is, singular and plural
 * @param {Array<{ file: string, bumps: Record<string, string> }>} changesets
 * @param {string} specPackage
 */
export function judgeBreaks(count, noun, changesets, specPackage) {
  const major = changesets.find((c) => c.bumps[specPackage] === 'major');
  if (count === 0) return { ok: true, reason: `No ${noun[0]}.` };
  const counted = `${count} ${count === 1 ? noun[0] : noun[1]}`;
  if (major) {
    return { ok: true, reason: `${counted}, announced by the major changeset ${major.file}.` };
  }
  return {
    ok: false,
    reason:
      `${counted} and no major changeset for ${specPackage}. ` +
      'Undo the breaking change, or add one with `pnpm changeset` (pick ' +
      `${specPackage}, bump "major") and explain the break to integrators.`,
  };
}

const ICON = { major: '🔴', minor: '🟡', patch: '⚪', none: '·' };
/** How many breaking changes the summary lists before folding the rest. */
const LISTED = 15;

/** @param {string} s */
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * @param {string[]} operations
 * @param {number} shown
 */
function operationList(operations, shown) {
  if (operations.length <= shown) return operations.map((o) => `\`${o}\``).join(', ');
  return `${operations
    .slice(0, shown)
    .map((o) => `\`${o}\``)
    .join(', ')} and ${operations.length - shown} more`;
}

/**
 * Markdown for the pull request: the verdict and a summary first, every change in a folded
 * table grouped by source file.
 * @param {DiffResult} result
 * @param {{ ok: boolean, reason: string }} verdict
 * @param {string} baseRef
 * @param {Audience} [audience]
 */
export function renderDiffMarkdown(result, verdict, baseRef, audience = 'clients') {
  const { changes, summary } = result;
  const shown = changes.filter((c) => c.clients.impact !== 'none' || c.servers.impact !== 'none');
  const lines = [`## Breaking-change report (against \`${baseRef}\`)`, ''];
  lines.push(`${verdict.ok ? '✅' : '❌'} ${verdict.reason}`, '');
  if (shown.length === 0) {
    lines.push('The description means the same as before: nothing to release.');
    return `${lines.join('\n')}\n`;
  }
  const bump = bumpOf(changes, audience);
  lines.push(
    `**${summary.clients.major}** breaking for clients · **${summary.servers.major}** breaking for servers · ` +
      `**${summary.clients.minor}** compatible changes · **${summary.clients.patch}** documentation only · ` +
      `${audience} need a **${bump}** release`,
    '',
  );
  const breaking = shown.filter((c) => c[audience].impact === 'major');
  if (breaking.length > 0) {
    lines.push(`### Breaking for ${audience}`, '');
    for (const c of breaking.slice(0, LISTED)) {
      lines.push(`- ${c.words} — \`${c.file}\` (${c[audience].decidedBy})`);
    }
    if (breaking.length > LISTED) {
      lines.push(`- … and ${breaking.length - LISTED} more, listed below.`);
    }
    lines.push('');
  }
  const sameMeaning = changes.length - shown.length;
  lines.push(
    `<details><summary>All ${shown.length} change${shown.length === 1 ? '' : 's'}, by file` +
      `${sameMeaning ? ` (and ${sameMeaning} of form only, same meaning)` : ''}</summary>`,
    '',
  );
  /** @type {Map<string, Change[]>} */
  const byFile = new Map();
  for (const c of shown) {
    const list = byFile.get(c.file) ?? [];
    list.push(c);
    byFile.set(c.file, list);
  }
  const rank = (/** @type {Change} */ c) =>
    -IMPACTS.indexOf(c[audience].impact) * 10 - IMPACTS.indexOf(c.clients.impact);
  for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`#### \`${file || '(root)'}\``, '');
    lines.push(
      '| Clients | Servers | Change | Operations | Decided by |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const c of list.sort((a, b) => rank(a) - rank(b))) {
      lines.push(
        `| ${ICON[c.clients.impact]} ${c.clients.impact} | ${ICON[c.servers.impact]} ${c.servers.impact} | ` +
          `${cell(c.words)} <sub>\`${cell(c.pointer)}\`</sub> | ${cell(operationList(c.operations, 3))} | ` +
          `${cell(c.clients.decidedBy)}${c.servers.decidedBy !== c.clients.decidedBy ? `; servers: ${cell(c.servers.decidedBy)}` : ''} |`,
      );
    }
    lines.push('');
  }
  lines.push('</details>');
  return `${lines.join('\n')}\n`;
}
