import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const specDir = fileURLToPath(new URL('..', import.meta.url));

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: Array<{ source: { ref: string }; pointer: string }>;
}

function lint(entry: string, format: 'json' | 'codeframe') {
  const run = spawnSync(
    'pnpm',
    ['exec', 'redocly', 'lint', entry, '--config', '../../redocly.yaml', `--format=${format}`],
    { cwd: specDir, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function problems(entry: string): LintProblem[] {
  const { stdout } = lint(entry, 'json');
  return (JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: LintProblem[] }).problems;
}

describe('house rules', () => {
  it('report nothing at all on the spec: zero errors, zero warnings', () => {
    expect(problems('openapi.yaml')).toEqual([]);
  });

  const broken = 'test/fixtures/broken/openapi.yaml';
  const found = problems(broken);
  const where = (rule: string) =>
    found
      .filter((p) => p.ruleId === rule)
      .map(
        (p) =>
          `${p.location[0]?.source.ref.replace(/^.*fixtures\/broken\//, '')} ${p.location[0]?.pointer}`,
      );

  it.each([
    ['rule/operation-id-verb-first', 'paths/thing.yaml #/patch/operationId'],
    ['rule/json-api-media-type', 'paths/thing.yaml #/patch/requestBody/content/application~1json'],
    ['rule/media-type-examples', 'paths/thing.yaml #/patch/requestBody/content/application~1json'],
    ['rule/no-transport-header-parameters', 'paths/thing.yaml #/patch/parameters/0/name'],
    ['activeplatform/shared-error-responses', 'paths/thing.yaml #/patch/responses/401'],
    ['activeplatform/shared-error-responses', 'paths/thing.yaml #/patch/responses'],
    ['files/no-unreferenced', 'resources/orphan.yaml #/'],
    [
      'no-invalid-media-type-examples',
      'paths/thing.yaml #/patch/responses/200/content/application~1vnd.api+json/example/id',
    ],
  ])('%s fires with the file and JSON pointer: %s', (rule, location) => {
    expect(where(rule)).toContain(location);
  });

  it('names every missing shared response of the broken operation', () => {
    const messages = found
      .filter((p) => p.ruleId === 'activeplatform/shared-error-responses')
      .map((p) => p.message)
      .join('\n');
    expect(messages).toMatch(/403/);
    expect(messages).toMatch(/500/);
    expect(messages).toMatch(/404/);
    expect(messages).toMatch(/422/);
  });

  it('fail the command with file, line and pointer in the human-readable report', () => {
    const { status, stdout, stderr } = lint(broken, 'codeframe');
    expect(status).not.toBe(0);
    expect(stdout + stderr).toMatch(/paths\/thing\.yaml:\d+:\d+ at #\/patch\/operationId/);
  });
});
