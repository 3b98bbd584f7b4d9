import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const specDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = resolve(specDir, '../..');
const API = 'rambase@v10';

interface LintProblem {
  ruleId: string;
  message: string;
  location: Array<{ source: { ref: string }; pointer: string }>;
}

function lint(entry: string, config: string, format: 'json' | 'codeframe') {
  const run = spawnSync(
    'pnpm',
    ['exec', 'redocly', 'lint', entry, '--config', config, `--format=${format}`],
    { cwd: specDir, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}`, stdout: run.stdout };
}

function problems(entry: string, config: string): LintProblem[] {
  const { stdout } = lint(entry, config, 'json');
  return (JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: LintProblem[] }).problems;
}

/**
 * The rules Redocly applies to this API (the root rules, overlaid with the API entry's own),
 * as a configuration of their own, so a fragment that is not the API's root document is
 * linted with exactly those rules.
 */
function apiConfig(): { file: string; dir: string } {
  const root = parse(readFileSync(join(rootDir, 'redocly.yaml'), 'utf8')) as {
    plugins?: string[];
    extends?: string[];
    rules?: Record<string, unknown>;
    apis: Record<string, { rules?: Record<string, unknown> }>;
  };
  const config = {
    plugins: (root.plugins ?? []).map((p) => resolve(rootDir, p)),
    extends: root.extends,
    rules: { ...root.rules, ...root.apis[API]?.rules },
  };
  const dir = mkdtempSync(join(tmpdir(), 'rambase-lint-'));
  const file = join(dir, 'redocly.yaml');
  writeFileSync(file, stringify(config));
  return { file, dir };
}

describe('house rules', () => {
  it('report nothing at all on the description: zero errors, zero warnings', () => {
    expect(problems(API, '../../redocly.yaml')).toEqual([]);
  });

  const config = apiConfig();
  afterAll(() => rmSync(config.dir, { recursive: true, force: true }));
  const broken = 'test/fixtures/broken/openapi.yaml';
  const found = problems(broken, config.file);
  const where = (rule: string) =>
    found
      .filter((p) => p.ruleId === rule)
      .map(
        (p) =>
          `${p.location[0]?.source.ref.replace(/^.*fixtures\/broken\//, '')} ${p.location[0]?.pointer}`,
      );

  it.each([
    ['rule/rambase-operation-id-verb-first', 'paths/thing.yaml #/put/operationId'],
    ['rule/rambase-media-types', 'paths/thing.yaml #/put/requestBody/content/text~1plain'],
    ['rule/media-type-examples', 'paths/thing.yaml #/put/requestBody/content/text~1plain'],
  ])('%s fires with the file and JSON pointer: %s', (rule, location) => {
    expect(where(rule)).toContain(location);
  });

  it("leave ActivePlatform's JSON:API rules out", () => {
    const rules = new Set(found.map((p) => p.ruleId));
    for (const rule of [
      'rule/json-api-media-type',
      'rule/operation-id-verb-first',
      'activeplatform/shared-error-responses',
    ]) {
      expect(rules.has(rule), rule).toBe(false);
    }
  });

  it('fail the command with file, line and pointer in the human-readable report', () => {
    const { status, output } = lint(broken, config.file, 'codeframe');
    expect(status).not.toBe(0);
    expect(output).toMatch(/paths\/thing\.yaml:\d+:\d+ at #\/put\/operationId/);
  });
});
