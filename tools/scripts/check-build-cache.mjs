#!/usr/bin/env node
// Asserts that `turbo run build` would replay every task from cache: run after a build,
// it fails when a task's inputs or outputs are declared so loosely that nothing-changed
// rebuilds still execute.
import { execFileSync } from 'node:child_process';

const out = execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--dry=json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const plan = JSON.parse(out.slice(out.indexOf('{')));
// Packages without a build script appear in the plan with no command to run.
const tasks = plan.tasks.filter((t) => t.command !== '<NONEXISTENT>');
const misses = tasks.filter((t) => t.cache?.status !== 'HIT');
if (misses.length > 0) {
  console.error('build cache check failed: these tasks would run again with nothing changed:');
  for (const t of misses) console.error(`  ${t.taskId} (cache: ${t.cache?.status ?? 'unknown'})`);
  process.exit(1);
}
console.log(`build cache check: all ${tasks.length} build tasks replay from cache`);
