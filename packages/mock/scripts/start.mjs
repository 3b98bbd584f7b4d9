// `pnpm mock` / `pnpm start`: builds the package first (a turbo cache hit when nothing
// changed), quietly, then runs the CLI with the arguments given.
import { spawnSync } from 'node:child_process';

const build = spawnSync(
  'turbo',
  ['run', 'build', '--filter=@activeplatform/mock', '--output-logs=errors-only'],
  { encoding: 'utf8', shell: process.platform === 'win32' },
);
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}${build.error?.message ?? ''}\n`);
  process.exit(build.status ?? 1);
}
await import('../dist/cli.cjs');
