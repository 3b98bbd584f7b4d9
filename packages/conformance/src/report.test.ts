import { describe, expect, it } from 'vitest';
import { formatReport } from './format.js';
import {
  type FindingInput,
  mergeReports,
  REPORT_FORMAT,
  Recording,
  ReportFormatError,
  readReport,
} from './report.js';

const clock = (...times: string[]) => {
  let i = 0;
  return () => new Date(times[Math.min(i++, times.length - 1)] as string);
};

const status: FindingInput = {
  operation: 'POST /things',
  operationId: 'createThing',
  status: 200,
  direction: 'response',
  pointer: '',
  kind: 'undeclared-status',
  message: 'status 200 is not declared',
  standing: { fact: 'documented', sources: ['https://docs.example/create-thing'] },
};
const sample = (n: number) => () => ({ method: 'POST', url: '/things', status: 200, body: { n } });

describe('Recording', () => {
  it('keys mismatches by operation, status, direction and pointer, counting repeats', () => {
    const recording = new Recording({
      recordedBy: 'recorder',
      now: clock('2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z'),
    });
    recording.add(status, sample(1));
    recording.add(status, sample(2));
    recording.add({ ...status, status: 201 }, sample(3));
    recording.add({ ...status, direction: 'request' }, sample(4));
    recording.add({ ...status, pointer: '/a' }, sample(5));
    const report = recording.report();
    expect(report.format).toBe(REPORT_FORMAT);
    expect(report.findings).toHaveLength(4);
    const first = report.findings.find(
      (f) => f.status === 200 && f.pointer === '' && f.direction === 'response',
    );
    expect(first?.count).toBe(2);
    expect(first?.sample.body).toEqual({ n: 1 });
    expect((first?.firstSeen ?? '') < (first?.lastSeen ?? '')).toBe(true);
  });

  it('keeps one fixture per method, path and query (any order), a success before a refusal', () => {
    const recording = new Recording({ recordedBy: 'proxy', fixtures: true });
    const fixture = {
      operation: 'GET /things',
      method: 'GET',
      path: '/things',
      status: 200,
      body: { first: true },
    };
    recording.fixture({ ...fixture, query: 'a=1&b=2' });
    recording.fixture({ ...fixture, query: 'b=2&a=1', body: { first: false } });
    recording.fixture({ ...fixture, query: 'a=2', status: 404, body: { first: 'refused' } });
    recording.fixture({ ...fixture, query: 'a=2', body: { first: 'success' } });
    expect(recording.report().fixtures?.map((f) => f.body)).toEqual([
      { first: true },
      { first: 'success' },
    ]);
  });

  it('says beforehand whether it would keep a fixture', () => {
    const recording = new Recording({ recordedBy: 'proxy', fixtures: true, maxFixtures: 2 });
    const at = (query: string, status: number) => ({ method: 'GET', path: '/t', query, status });
    expect(recording.wantsFixture(at('a=1', 404))).toBe(true);
    recording.fixture({ operation: 'GET /t', ...at('a=1', 404), body: 1 });
    expect(recording.wantsFixture(at('a=1', 404))).toBe(false);
    expect(recording.wantsFixture(at('a=1', 200))).toBe(true);
    recording.fixture({ operation: 'GET /t', ...at('a=1', 200), body: 2 });
    expect(recording.wantsFixture(at('a=1', 200))).toBe(false);
    recording.fixture({ operation: 'GET /t', ...at('a=2', 200), body: 3 });
    expect(recording.wantsFixture(at('a=3', 200))).toBe(false);
    expect(new Recording({ recordedBy: 'proxy' }).wantsFixture(at('a=1', 200))).toBe(false);
  });

  it('stops keeping new mismatches past its limit but says so', () => {
    const recording = new Recording({ recordedBy: 'recorder', maxFindings: 1 });
    recording.add(status, sample(1));
    recording.add({ ...status, pointer: '/b' }, sample(2));
    const report = recording.report();
    expect(report.findings).toHaveLength(1);
    expect(report.recordedBy).toContain('1 further mismatches not kept');
  });
});

describe('mergeReports', () => {
  it('adds counts, keeps the earliest sample and the latest sighting', () => {
    const a = new Recording({ recordedBy: 'recorder', now: clock('2026-01-02T00:00:00Z') });
    const b = new Recording({ recordedBy: 'proxy', now: clock('2026-01-01T00:00:00Z') });
    a.add(status, sample(1));
    a.exchange();
    b.add(status, sample(2));
    b.add(status, sample(3));
    b.exchange();
    b.exchange();
    const merged = mergeReports([a.report(), b.report()]);
    expect(merged.exchanges).toBe(3);
    expect(merged.recordedBy).toBe('recorder + proxy');
    expect(merged.findings).toHaveLength(1);
    expect(merged.findings[0]?.count).toBe(3);
    expect(merged.findings[0]?.sample.body).toEqual({ n: 2 });
    expect(merged.findings[0]?.lastSeen).toBe('2026-01-02T00:00:00.000Z');
  });
});

describe('readReport', () => {
  it('names the source and the fault of a value that is no report', () => {
    expect(() => readReport([], 'a.json')).toThrow(ReportFormatError);
    expect(() => readReport({ format: 'other' }, 'a.json')).toThrow(/a\.json .*"format"/);
    expect(() => readReport({ format: REPORT_FORMAT, version: 2, findings: [] }, 'b.json')).toThrow(
      /b\.json .*version 2/,
    );
    const broken = { format: REPORT_FORMAT, version: 1, findings: [{ operation: 'x' }] };
    expect(() => readReport(broken, 'c.json')).toThrow(/c\.json .*\/findings\/0\/direction/);
  });

  it('reads back what a recording writes', () => {
    const recording = new Recording({ recordedBy: 'recorder' });
    recording.add(status, sample(1));
    const text = JSON.stringify(recording.report());
    expect(readReport(JSON.parse(text)).findings[0]?.kind).toBe('undeclared-status');
  });
});

describe('formatReport', () => {
  it('lists each mismatch under its operation with its count and standing', () => {
    const recording = new Recording({
      recordedBy: 'recorder',
      description: { title: 'Things API', version: '1.0' },
    });
    recording.exchange();
    recording.add(status, sample(1));
    recording.add(
      {
        ...status,
        status: 201,
        pointer: '/name',
        kind: 'invalid-value',
        detail: 'type',
        message: 'a string where the description says integer',
        standing: { fact: 'assumed', reason: 'Not shown.' },
      },
      sample(2),
    );
    const text = formatReport(recording.report());
    expect(text).toContain('Conformance of real traffic to Things API 1.0 (recorder)');
    expect(text).toContain('1 exchange checked, 2 mismatches');
    expect(text).toContain('POST /things (createThing)');
    expect(text).toContain('200 answer: status 200 is not declared, once');
    expect(text).toContain('[contradicts the documentation]');
    expect(text).toContain('201 answer /name: a string where');
    expect(text).toContain('[contradicts an assumption: Not shown.]');
  });

  it('says so when everything matched', () => {
    expect(formatReport(new Recording({ recordedBy: 'proxy' }).report())).toContain(
      'Every exchange matched the description.',
    );
  });
});
