/** A readable summary of a conformance report, as plain text. */
import type { Finding, Report, Standing } from './report.js';

function standingText(standing: Standing | undefined): string {
  if (!standing) return '';
  if (standing.fact === 'assumed') return ` [contradicts an assumption: ${standing.reason ?? ''}]`;
  if (standing.fact === 'documented') return ' [contradicts the documentation]';
  return ' [not in the description]';
}

function where(finding: Finding): string {
  const side = finding.direction === 'request' ? 'request' : `${finding.status} answer`;
  return finding.pointer ? `${side} ${finding.pointer}` : side;
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

/** The report as text: a headline, then each operation's mismatches with their counts. */
export function formatReport(report: Report): string {
  const lines: string[] = [];
  const { title, version } = report.description;
  const described = title ? `${title}${version ? ` ${version}` : ''}` : 'the description';
  const occurrences = report.findings.reduce((sum, f) => sum + f.count, 0);
  lines.push(
    `Conformance of real traffic to ${described} (${report.recordedBy})`,
    `${report.exchanges} exchange${report.exchanges === 1 ? '' : 's'} checked, ` +
      `${report.findings.length} mismatch${report.findings.length === 1 ? '' : 'es'}` +
      (occurrences > report.findings.length ? ` (${occurrences} occurrences)` : ''),
  );
  const byOperation = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byOperation.get(finding.operation) ?? [];
    list.push(finding);
    byOperation.set(finding.operation, list);
  }
  for (const [operation, findings] of byOperation) {
    const id = findings[0]?.operationId;
    lines.push('', `${operation}${id ? ` (${id})` : ''}`);
    for (const f of findings) {
      lines.push(
        `  - ${where(f)}: ${f.message}, ${times(f.count)}, first ${f.firstSeen}${standingText(f.standing)}`,
      );
    }
  }
  const unknownTexts = report.errorTexts.filter((t) => !t.inDescription);
  if (unknownTexts.length > 0) {
    lines.push('', 'Error texts the description does not show:');
    for (const t of unknownTexts) {
      lines.push(`  - ${t.operation} ${t.status} ${t.pointer}: "${t.text}", ${times(t.count)}`);
    }
  }
  if (report.findings.length === 0) lines.push('', 'Every exchange matched the description.');
  return `${lines.join('\n')}\n`;
}
