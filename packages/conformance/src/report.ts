/**
 * The conformance report: what a recorder or a validating proxy saw where real traffic
 * departs from a description. One JSON format, with a version, read and written by every
 * tool; mismatches are keyed by operation, status, direction and JSON pointer, each with a
 * count, when it was first seen and one redacted sample.
 */

export const REPORT_FORMAT = 'proseapi-conformance';
export const REPORT_VERSION = 1;

/** Which side of an exchange a mismatch is about. */
export type Direction = 'request' | 'response';

/**
 * What kind of mismatch:
 * - `unknown-operation`: a method and path the description lacks, answered (not 404 or 405);
 * - `undeclared-status`: an answer's status the operation does not declare;
 * - `undeclared-content-type`: a body whose media type the description does not declare
 *   there (or a body where none is declared, or none where one is);
 * - `unreadable-body`: a body its own media type cannot read (JSON that is not JSON);
 * - `invalid-value`: a value that breaks its schema (`keyword` says how: `type`,
 *   `required`, `enum` …);
 * - `undeclared-member`: an object member its schema does not name (the schema allows it,
 *   but the description does not know it);
 * - `error-text`: an error text the description does not show where it documents texts.
 *
 * A request is only judged when the API accepted it (a 2xx answer): a request the
 * description refuses and the API refuses too is no drift.
 */
export type FindingKind =
  | 'unknown-operation'
  | 'undeclared-status'
  | 'undeclared-content-type'
  | 'unreadable-body'
  | 'invalid-value'
  | 'undeclared-member'
  | 'error-text';

export const FINDING_KINDS: readonly FindingKind[] = [
  'unknown-operation',
  'undeclared-status',
  'undeclared-content-type',
  'unreadable-body',
  'invalid-value',
  'undeclared-member',
  'error-text',
];

/**
 * Whether the part of the description a mismatch contradicts is documented (no `x-assumed`
 * on the way to it; `sources` are the pages), assumed (`reason` is the `x-assumed` text), or
 * absent (the description says nothing there: an endpoint it lacks).
 */
export interface Standing {
  fact: 'documented' | 'assumed' | 'absent';
  reason?: string;
  sources?: string[];
}

/** One exchange, as far as a mismatch needs it: redacted, its body cut to a bounded size. */
export interface Sample {
  method: string;
  /** The URL as sent, secrets taken out. */
  url: string;
  status: number;
  /** The request's headers when the mismatch is about the request, else the answer's. */
  headers?: Record<string, string>;
  contentType?: string;
  /** The body of the side the mismatch is about: JSON as a value, anything else as text. */
  body?: unknown;
  /** Set when the body was longer than the sample keeps. */
  truncated?: boolean;
}

/** The identity of a mismatch, without its tally. */
export interface FindingInput {
  /**
   * `METHOD /path/template` of the operation; for `unknown-operation`, `METHOD /path` as
   * requested (its template is guessed later, by the drift tool).
   */
  operation: string;
  operationId?: string;
  /** The answer's status (for a request-side mismatch too: the answer that accepted it). */
  status: number;
  direction: Direction;
  /**
   * JSON pointer into the body (`/data/attributes/name`; array indices written `*`), into
   * the parameters (`/query/page/size`), or `''` for the exchange as a whole.
   */
  pointer: string;
  kind: FindingKind;
  /**
   * `invalid-value`: the JSON Schema keyword that failed. `error-text`: the text.
   * `undeclared-content-type`: the media type seen.
   */
  detail?: string;
  /** A sentence for readers. */
  message: string;
  /** What the description expects there: statuses, types, media types, a member's name … */
  expected?: unknown;
  /** The JSON types (or media types, statuses) seen there. */
  observed?: string[];
  /** JSON pointer of the node of the description to change (`#/components/schemas/Note`). */
  schemaPointer?: string;
  standing?: Standing;
}

export interface Finding extends FindingInput {
  count: number;
  /** ISO time of the first occurrence. */
  firstSeen: string;
  /** ISO time of the last occurrence. */
  lastSeen: string;
  /** The first occurrence, redacted. */
  sample: Sample;
}

/** An error text (4xx, 5xx) seen in an answer, whether or not it is a mismatch. */
export interface ErrorText {
  operation: string;
  status: number;
  /** Where the text sits in the body (`/errors/*\/title`). */
  pointer: string;
  text: string;
  /** Whether one of the description's examples for this answer shows the same text. */
  inDescription: boolean;
  count: number;
  firstSeen: string;
}

/** A redacted real answer, kept to be served again by a mock (`--fixtures`). */
export interface Fixture {
  /** `METHOD /path/template` of the operation. */
  operation: string;
  method: string;
  /** The concrete path as requested. */
  path: string;
  /** The query string as requested, without `?`. */
  query: string;
  status: number;
  contentType?: string;
  /** JSON as a value, anything else as text. */
  body?: unknown;
  recorded: string;
}

/** Which description the traffic was checked against. */
export interface DescriptionId {
  title?: string;
  version?: string;
  /** A fingerprint of the bundled document. */
  fingerprint?: string;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  description: DescriptionId;
  /** What recorded it: `recorder`, `proxy`, or the sources of a merged report. */
  recordedBy: string;
  started: string;
  updated: string;
  /** How many exchanges were checked. */
  exchanges: number;
  findings: Finding[];
  errorTexts: ErrorText[];
  fixtures?: Fixture[];
}

/** The key of a mismatch: operation, status, direction, JSON pointer, kind and detail. */
export function findingKey(f: FindingInput): string {
  return [f.operation, f.status, f.direction, f.pointer, f.kind, f.detail ?? ''].join('\u0000');
}

function errorTextKey(t: Pick<ErrorText, 'operation' | 'status' | 'pointer' | 'text'>): string {
  return [t.operation, t.status, t.pointer, t.text].join('\u0000');
}

function fixtureKey(f: Pick<Fixture, 'method' | 'path' | 'query'>): string {
  return `${f.method.toUpperCase()} ${f.path}?${canonicalQuery(f.query)}`;
}

/** A query string with its pairs in a stable order, so that equal queries compare equal. */
export function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .sort()
    .join('&');
}

export interface RecordingOptions {
  description?: DescriptionId;
  recordedBy: string;
  /** Keep redacted answers as fixtures (default false). */
  fixtures?: boolean;
  /** Most fixtures kept (default 1000); later distinct requests are not kept. */
  maxFixtures?: number;
  /** Most distinct mismatches kept (default 10 000); later ones are only counted. */
  maxFindings?: number;
  /** The clock (default: the time now). */
  now?: () => Date;
  /** Told of each mismatch the first time it is seen. */
  onFinding?: (finding: Finding) => void;
}

/** Collects mismatches, error texts and fixtures into a report. */
export class Recording {
  private readonly findings = new Map<string, Finding>();
  private readonly texts = new Map<string, ErrorText>();
  private readonly fixtures = new Map<string, Fixture>();
  private exchanges = 0;
  private dropped = 0;
  private readonly started: string;
  private updated: string;
  /** The time `updated` was written from, in milliseconds: a time seen again is not written again. */
  private updatedAt = Number.NaN;
  /** The clock in milliseconds: an exchange is counted without making a `Date`. */
  private readonly millis: () => number;

  constructor(private readonly options: RecordingOptions) {
    const now = options.now;
    this.millis = now ? () => now().getTime() : Date.now;
    this.started = this.stamp();
    this.updated = this.started;
  }

  /** Whether fixtures are kept. */
  get keepsFixtures(): boolean {
    return this.options.fixtures === true;
  }

  /** The time now, as written in the report. */
  private stamp(): string {
    return new Date(this.millis()).toISOString();
  }

  /** Counts one checked exchange. */
  exchange(): void {
    this.exchanges++;
    const at = this.millis();
    if (at !== this.updatedAt) {
      this.updated = new Date(at).toISOString();
      this.updatedAt = at;
    }
  }

  /** Adds one occurrence of a mismatch; its sample is taken only the first time. */
  add(input: FindingInput, sample: () => Sample): void {
    const key = findingKey(input);
    const time = this.stamp();
    const known = this.findings.get(key);
    if (known) {
      known.count++;
      known.lastSeen = time;
      if (input.observed) known.observed = union(known.observed, input.observed);
      return;
    }
    if (this.findings.size >= (this.options.maxFindings ?? 10_000)) {
      this.dropped++;
      return;
    }
    const finding = { ...input, count: 1, firstSeen: time, lastSeen: time, sample: sample() };
    this.findings.set(key, finding);
    this.options.onFinding?.(structuredClone(finding));
  }

  /** Adds one occurrence of an error text. */
  text(input: Omit<ErrorText, 'count' | 'firstSeen'>): void {
    const key = errorTextKey(input);
    const known = this.texts.get(key);
    if (known) known.count++;
    else if (this.texts.size < (this.options.maxFindings ?? 10_000)) {
      this.texts.set(key, { ...input, count: 1, firstSeen: this.stamp() });
    }
  }

  /**
   * Keeps a redacted answer as a fixture: per method, path and query, the first successful
   * answer, else the first answer.
   */
  fixture(input: Omit<Fixture, 'recorded'>): void {
    if (!this.wantsFixture(input)) return;
    this.fixtures.set(fixtureKey(input), { ...input, recorded: this.stamp() });
  }

  /**
   * Whether `fixture()` would keep an answer to this request with this status: asked first,
   * it spares redacting a body that would not be kept.
   */
  wantsFixture(input: Pick<Fixture, 'method' | 'path' | 'query' | 'status'>): boolean {
    if (!this.keepsFixtures) return false;
    const known = this.fixtures.get(fixtureKey(input));
    const success = (status: number) => status >= 200 && status < 300;
    return known
      ? !success(known.status) && success(input.status)
      : this.fixtures.size < (this.options.maxFixtures ?? 1000);
  }

  /** The report so far (a copy). */
  report(): Report {
    const report: Report = {
      format: REPORT_FORMAT,
      version: REPORT_VERSION,
      description: { ...this.options.description },
      recordedBy: this.options.recordedBy,
      started: this.started,
      updated: this.updated,
      exchanges: this.exchanges,
      findings: structuredClone([...this.findings.values()]).sort(byOperation),
      errorTexts: structuredClone([...this.texts.values()]).sort(byText),
    };
    if (this.keepsFixtures) report.fixtures = structuredClone([...this.fixtures.values()]);
    if (this.dropped > 0) report.recordedBy += ` (${this.dropped} further mismatches not kept)`;
    return report;
  }

  /** Forgets everything recorded. */
  reset(): void {
    this.findings.clear();
    this.texts.clear();
    this.fixtures.clear();
    this.exchanges = 0;
    this.dropped = 0;
  }
}

function union(a: string[] | undefined, b: string[]): string[] {
  return [...new Set([...(a ?? []), ...b])];
}

function byOperation(
  a: { operation: string; status: number; pointer: string },
  b: { operation: string; status: number; pointer: string },
): number {
  return (
    a.operation.localeCompare(b.operation) ||
    a.status - b.status ||
    a.pointer.localeCompare(b.pointer)
  );
}

function byText(a: ErrorText, b: ErrorText): number {
  return byOperation(a, b) || a.text.localeCompare(b.text);
}

/** Thrown when a value is not a conformance report; the message names the source and the fault. */
export class ReportFormatError extends Error {
  constructor(source: string, reason: string) {
    super(`${source} is not a conformance report: ${reason}`);
    this.name = 'ReportFormatError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that a parsed value is a report of this format and version, and returns it typed. */
export function readReport(value: unknown, source = 'The report'): Report {
  if (!isRecord(value)) throw new ReportFormatError(source, 'it is not a JSON object');
  if (value.format !== REPORT_FORMAT) {
    throw new ReportFormatError(source, `"format" is not "${REPORT_FORMAT}"`);
  }
  if (value.version !== REPORT_VERSION) {
    throw new ReportFormatError(
      source,
      `version ${JSON.stringify(value.version)} is not supported (this tool reads version ${REPORT_VERSION})`,
    );
  }
  if (!Array.isArray(value.findings)) throw new ReportFormatError(source, '"findings" is missing');
  value.findings.forEach((finding, index) => {
    const at = `/findings/${index}`;
    if (!isRecord(finding)) throw new ReportFormatError(source, `${at} is not an object`);
    for (const member of ['operation', 'direction', 'pointer', 'kind', 'firstSeen'] as const) {
      if (typeof finding[member] !== 'string') {
        throw new ReportFormatError(source, `${at}/${member} is not a string`);
      }
    }
    if (typeof finding.count !== 'number' || typeof finding.status !== 'number') {
      throw new ReportFormatError(source, `${at} needs a numeric "count" and "status"`);
    }
    if (!FINDING_KINDS.includes(finding.kind as FindingKind)) {
      throw new ReportFormatError(source, `${at}/kind "${String(finding.kind)}" is not known`);
    }
  });
  if (value.errorTexts !== undefined && !Array.isArray(value.errorTexts)) {
    throw new ReportFormatError(source, '"errorTexts" is not a list');
  }
  const report = value as unknown as Report;
  return { ...report, errorTexts: report.errorTexts ?? [] };
}

/**
 * Merges reports into one: the same mismatch in several reports is one, its counts added,
 * its first sighting (and sample) the earliest, its last the latest.
 */
export function mergeReports(reports: readonly Report[]): Report {
  const findings = new Map<string, Finding>();
  const texts = new Map<string, ErrorText>();
  const fixtures = new Map<string, Fixture>();
  let hasFixtures = false;
  for (const report of reports) {
    for (const finding of report.findings) {
      const key = findingKey(finding);
      const known = findings.get(key);
      if (!known) {
        findings.set(key, structuredClone(finding));
        continue;
      }
      known.count += finding.count;
      if (finding.firstSeen < known.firstSeen) {
        known.firstSeen = finding.firstSeen;
        known.sample = structuredClone(finding.sample);
      }
      if ((finding.lastSeen ?? '') > (known.lastSeen ?? '')) known.lastSeen = finding.lastSeen;
      if (finding.observed) known.observed = union(known.observed, finding.observed);
    }
    for (const text of report.errorTexts ?? []) {
      const key = errorTextKey(text);
      const known = texts.get(key);
      if (!known) texts.set(key, { ...text });
      else {
        known.count += text.count;
        if (text.firstSeen < known.firstSeen) known.firstSeen = text.firstSeen;
      }
    }
    if (report.fixtures) {
      hasFixtures = true;
      for (const fixture of report.fixtures) {
        const key = fixtureKey(fixture);
        if (!fixtures.has(key)) fixtures.set(key, structuredClone(fixture));
      }
    }
  }
  const first = reports[0];
  const times = reports.map((r) => r.started).sort();
  const merged: Report = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    description: { ...first?.description },
    recordedBy: [...new Set(reports.map((r) => r.recordedBy))].join(' + '),
    started: times[0] ?? new Date(0).toISOString(),
    updated:
      reports
        .map((r) => r.updated)
        .sort()
        .at(-1) ?? new Date(0).toISOString(),
    exchanges: reports.reduce((sum, r) => sum + r.exchanges, 0),
    findings: [...findings.values()].sort(byOperation),
    errorTexts: [...texts.values()].sort(byText),
  };
  if (hasFixtures) merged.fixtures = [...fixtures.values()];
  return merged;
}

/** Descriptions the reports were checked against that differ from the first one's. */
export function descriptionMismatches(reports: readonly Report[]): DescriptionId[] {
  const first = reports[0]?.description.fingerprint;
  const others = new Map<string, DescriptionId>();
  for (const report of reports.slice(1)) {
    const print = report.description.fingerprint;
    if (print !== first && print !== undefined) others.set(print, report.description);
  }
  return [...others.values()];
}
