// @ts-check
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const pluginDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * @typedef {{ ruleId: string, message: string, location: Array<{ pointer: string, source: { ref: string } }> }} Problem
 */

/**
 * Runs `redocly lint` on a fixture with a config, both relative to this folder.
 * @param {string} entry
 * @param {string} config
 * @returns {{ status: number | null, problems: Problem[] }}
 */
export function lint(entry, config) {
  const run = spawnSync(
    'pnpm',
    ['exec', 'redocly', 'lint', `test/${entry}`, '--config', `test/${config}`, '--format=json'],
    { cwd: pluginDir, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  );
  const start = run.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly lint printed no report:\n${run.stdout}\n${run.stderr}`);
  return { status: run.status, problems: JSON.parse(run.stdout.slice(start)).problems };
}

/**
 * Where a rule fired: `file #/pointer` per problem, the file relative to `test/<folder>/`.
 * @param {Problem[]} problems
 * @param {string} ruleId
 * @param {string} folder
 */
export function where(problems, ruleId, folder) {
  return problems
    .filter((p) => p.ruleId === ruleId)
    .map((p) => {
      const loc = p.location[0];
      return `${loc?.source.ref.replace(`test/${folder}/`, '')} ${loc?.pointer}`;
    })
    .sort();
}
