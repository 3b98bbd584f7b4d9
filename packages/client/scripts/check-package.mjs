// Checks the package as it would be published: packs it into a temporary folder (nothing is
// written inside the repository), then runs publint and Are the Types Wrong on the tarball and
// size-limit on the build. Works offline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (command, args) => {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit' });
};

const dir = mkdtempSync(join(tmpdir(), 'activeplatform-client-pack-'));
try {
  run('pnpm', ['pack', '--pack-destination', dir]);
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${dir}`);
  run('publint', ['run', join(dir, tarball), '--strict']);
  run('attw', [join(dir, tarball), '--profile', 'strict']);
  run('size-limit', []);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
