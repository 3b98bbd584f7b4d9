import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const specDir = fileURLToPath(new URL('..', import.meta.url));

interface LintProblem {
  ruleId: string;
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
  it('report nothing at all on the description: zero errors, zero warnings', () => {
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
    ['rule/csa-operation-id-verb-first', 'paths/thing.yaml #/put/operationId'],
    ['rule/csa-media-types', 'paths/thing.yaml #/put/requestBody/content/text~1plain'],
    ['rule/media-type-examples', 'paths/thing.yaml #/put/requestBody/content/text~1plain'],
    ['rule/no-transport-header-parameters', 'paths/thing.yaml #/put/parameters/0/name'],
  ])('%s fires with the file and JSON pointer: %s', (rule, location) => {
    expect(where(rule)).toContain(location);
  });

  it("does not apply ActivePlatform's JSON:API rules", () => {
    expect(found.map((p) => p.ruleId)).not.toContain('rule/json-api-media-type');
    expect(found.map((p) => p.ruleId)).not.toContain('activeplatform/shared-error-responses');
  });

  it('fails the command with file, line and pointer in the human-readable report', () => {
    const { status, stdout, stderr } = lint(broken, 'codeframe');
    expect(status).not.toBe(0);
    expect(stdout + stderr).toMatch(/paths\/thing\.yaml:\d+:\d+ at #\/put\/operationId/);
  });
});
