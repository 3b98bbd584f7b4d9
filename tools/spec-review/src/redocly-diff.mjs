// @ts-check
/**
 * `redocly diff` between two descriptions, both ways, with this tool's own rule file.
 *
 * The rules come from `redocly-diff.yaml` beside this package, passed with `--config`: run
 * from a repository whose redocly.yaml has no `diff` section, `redocly diff` would otherwise
 * rate every change `patch`. The descriptions are compared as sources (not bundles), so every
 * change names the source file and pointer it comes from.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBinAsync } from './exec.mjs';

/** The rule file every comparison uses. */
export const DIFF_RULES = fileURLToPath(new URL('../redocly-diff.yaml', import.meta.url));

/**
 * @typedef {{ file: string, pointer: string, line?: number, value?: unknown }} Side
 * @typedef {{ ruleId: string, impact: string, message: string }} Verdict
 * @typedef {{ path: string, typeName: string, kind: 'added' | 'removed' | 'modified',
 *   impact: 'major' | 'minor' | 'patch', property?: string, verdicts: Verdict[],
 *   base?: Side, revision?: Side }} RawChange
 */

/**
 * One run of `redocly diff`; files in the answer are made absolute.
 * @param {string} base
 * @param {string} revision
 * @returns {Promise<RawChange[]>}
 */
async function runDiff(base, revision) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  const output = join(dir, 'diff.json');
  try {
    const r = await runBinAsync(
      '@redocly/cli',
      'redocly',
      [
        'diff',
        base,
        revision,
        '--config',
        DIFF_RULES,
        '--lint-config',
        'off',
        '--fail-on',
        'none',
        '--format',
        'json',
        '--output',
        output,
      ],
      { cwd: dir },
    );
    let report;
    try {
      report = JSON.parse(readFileSync(output, 'utf8'));
    } catch {
      throw new Error(`redocly diff ${base} ${revision} failed:\n${r.stdout}${r.stderr}`);
    }
    /** @param {Side | undefined} side */
    const absolute = (side) => (side ? { ...side, file: resolve(dir, side.file) } : undefined);
    return (report.changes ?? []).map((/** @type {any} */ c) => ({
      ...c,
      verdicts: (c.verdicts ?? []).map((/** @type {any} */ v) => ({
        ruleId: v.ruleId,
        impact: v.impact,
        message: v.message,
      })),
      base: absolute(c.base),
      revision: absolute(c.revision),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Compares `base` with `revision` (what clients see) and `revision` with `base` (the same
 * change read backwards, which is what servers see), side by side.
 * @param {string} base root file of the older description
 * @param {string} revision root file of the newer one
 */
export async function redoclyDiff(base, revision) {
  const [forward, backward] = await Promise.all([runDiff(base, revision), runDiff(revision, base)]);
  return { forward, backward };
}
