/** The drift of a description, as a markdown summary for reviewers. */
import type { DescriptionId, Finding, Standing } from '../report.js';
import type { Drift, DriftCategory, DriftItem } from './propose.js';

const SECTIONS: { category: DriftCategory; title: string }[] = [
  { category: 'status', title: 'New statuses' },
  { category: 'new-field', title: 'New fields' },
  { category: 'missing-field', title: 'Missing fields' },
  { category: 'type', title: 'Type mismatches' },
  { category: 'value', title: 'Other values outside the description' },
  { category: 'media-type', title: 'Media types' },
  { category: 'error-text', title: 'Error texts' },
  { category: 'endpoint', title: 'Endpoints the description lacks' },
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text === '' ? '(whole exchange)' : `\`${text.replace(/`/g, "'")}\``;
}

/** What a mismatch contradicts, in words. */
export function contradicts(standing: Standing | undefined): string {
  if (!standing) return 'unknown';
  if (standing.fact === 'documented') {
    const pages = standing.sources ?? [];
    return pages.length > 0
      ? `a documented fact (${pages.map((p) => `<${p}>`).join(', ')})`
      : 'a documented fact (no page named)';
  }
  if (standing.fact === 'assumed') return `an assumption: ${standing.reason ?? ''}`;
  return 'nothing: the description is silent here';
}

function what(finding: Finding): string {
  switch (finding.kind) {
    case 'undeclared-status':
      return `status ${finding.status}`;
    case 'error-text':
      return `"${finding.detail ?? ''}"`;
    case 'undeclared-content-type':
      return finding.detail ?? '';
    default:
      return finding.message;
  }
}

function proposal(item: DriftItem): string {
  const action = item.action === undefined ? 'none' : `action ${item.action + 1}`;
  return item.note ? `${action}; ${item.note}` : action;
}

function described(id: DescriptionId): string {
  const name = id.title ? `${id.title}${id.version ? ` ${id.version}` : ''}` : 'a description';
  return id.fingerprint ? `${name} (${id.fingerprint.slice(0, 12)})` : name;
}

export interface DriftMarkdownOptions {
  /** How many reports were merged. */
  reports?: number;
  /** Descriptions some reports were checked against that differ from the first one's. */
  otherDescriptions?: readonly DescriptionId[];
  /** Where the overlay was written, to name it. */
  overlayFile?: string;
  /** The description the drift was read against, when it may differ from the reports'. */
  readAgainst?: DescriptionId;
}

/** The summary: a headline, then each kind of drift with what it contradicts and its proposal. */
export function formatDrift(drift: Drift, options: DriftMarkdownOptions = {}): string {
  const { report, items, overlay } = drift;
  const occurrences = report.findings.reduce((sum, f) => sum + f.count, 0);
  const lines: string[] = [`# ${overlay.info.title}`, ''];
  const reports = options.reports ?? 1;
  lines.push(
    `${report.exchanges} exchange${report.exchanges === 1 ? '' : 's'} checked against ${described(report.description)}` +
      ` (${reports} report${reports === 1 ? '' : 's'}: ${report.recordedBy}), ` +
      `${report.findings.length} difference${report.findings.length === 1 ? '' : 's'}` +
      (occurrences > report.findings.length ? ` (${occurrences} occurrences)` : '') +
      `; the overlay${options.overlayFile ? ` \`${options.overlayFile}\`` : ''} proposes ` +
      `${overlay.actions.length} change${overlay.actions.length === 1 ? '' : 's'}.`,
  );
  const others = options.otherDescriptions ?? [];
  if (others.length > 0) {
    lines.push(
      '',
      `> Some reports were checked against other descriptions: ${others.map(described).join(', ')}. ` +
        'Their differences may be gone or new in this one.',
    );
  }
  const now = options.readAgainst?.fingerprint;
  if (now && report.description.fingerprint && now !== report.description.fingerprint) {
    lines.push(
      '',
      `> The description has changed since the traffic was checked (now ${described(options.readAgainst ?? {})}): ` +
        'some differences may be gone, and an action whose target is gone fails when applied.',
    );
  }
  const documented = items.filter((i) => i.finding.standing?.fact === 'documented').length;
  const assumed = items.filter((i) => i.finding.standing?.fact === 'assumed').length;
  const absent = items.length - documented - assumed;
  lines.push(
    '',
    `Contradicted: ${documented} documented fact${documented === 1 ? '' : 's'}, ` +
      `${assumed} assumption${assumed === 1 ? '' : 's'}; ${absent} where the description is silent.`,
  );
  for (const { category, title } of SECTIONS) {
    const here = items.filter((i) => i.category === category);
    lines.push('', `## ${title}`, '');
    if (here.length === 0) {
      lines.push('None.');
    } else {
      lines.push(
        '| operation | answer | where | what | seen | first seen | contradicts | proposal |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
      );
      for (const item of here) {
        const f = item.finding;
        lines.push(
          `| ${cell(`${f.operation}${f.operationId ? ` (${f.operationId})` : ''}`)} | ${f.status} | ${cell(
            `${f.direction} ${code(f.pointer)}`,
          )} | ${cell(what(f))} | ${f.count} | ${f.firstSeen} | ${cell(contradicts(f.standing))} | ${cell(
            proposal(item),
          )} |`,
        );
      }
    }
    if (category === 'error-text') {
      lines.push('', '### Every error text seen', '');
      if (report.errorTexts.length === 0) lines.push('None.');
      else {
        lines.push(
          '| operation | answer | where | text | seen | shown by the description |',
          '| --- | --- | --- | --- | --- | --- |',
        );
        for (const t of report.errorTexts) {
          lines.push(
            `| ${cell(t.operation)} | ${t.status} | ${cell(code(t.pointer))} | ${cell(`"${t.text}"`)} | ${t.count} | ${t.inDescription ? 'yes' : 'no'} |`,
          );
        }
      }
    }
  }
  if (overlay.actions.length > 0) {
    lines.push('', '## Proposed changes', '');
    overlay.actions.forEach((action, index) => {
      lines.push(
        `${index + 1}. \`${action.target}\` (${action.remove ? 'remove' : 'update'}): ${action.description}`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}
