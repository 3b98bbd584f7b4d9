#!/usr/bin/env node
// @ts-check
/**
 * Checks a package's declarations as a consumer receives them: packs the package in the
 * current folder, unpacks the tarball into a scratch `node_modules` beside only its declared
 * dependencies, and type-checks a file that imports every entry of its `exports` map, with
 * the declaration files themselves checked (`skipLibCheck: false`). A declaration that imports
 * a file the tarball lacks, or a private workspace package, fails here. Also runs publint and
 * Are the Types Wrong on the tarball.
 *
 *   node ../../tools/scripts/check-published-types.mjs [-- <more attw options>]
 *
 * attw runs with `--profile strict` unless options after `--` say otherwise.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const separator = process.argv.indexOf('--');
const attwOptions = separator >= 0 ? process.argv.slice(separator + 1) : ['--profile', 'strict'];

const here = process.cwd();
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
/** A step failed; its own output above says why. */
class StepFailed extends Error {}

/** @param {string} command @param {string[]} argv @param {string} [cwd] */
const run = (command, argv, cwd = here) => {
  console.log(`\n$ ${command} ${argv.join(' ')}`);
  try {
    execFileSync(command, argv, { stdio: 'inherit', cwd });
  } catch {
    console.error(
      `\n${pkg.name}: the packed package fails \`${command} ${argv.join(' ')}\` (above)`,
    );
    throw new StepFailed(command);
  }
};

const scratch = mkdtempSync(join(tmpdir(), 'published-types-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', scratch], { cwd: here, stdio: 'ignore' });
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${scratch}`);
  const packed = join(scratch, tarball);
  run('pnpm', ['exec', 'publint', 'run', packed, '--strict']);
  run('pnpm', ['exec', 'attw', packed, ...attwOptions]);

  // The consumer: the tarball, its declared dependencies, and nothing else.
  const modules = join(scratch, 'consumer', 'node_modules');
  const target = join(modules, pkg.name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', packed, '-C', target, '--strip-components=1']);
  const requireHere = createRequire(join(here, 'package.json'));
  const declared = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    '@types/node',
  ];
  for (const name of declared) {
    const manifest = (() => {
      try {
        return requireHere.resolve(`${name}/package.json`);
      } catch {
        return undefined;
      }
    })();
    const folder = manifest ? dirname(manifest) : join(here, 'node_modules', name);
    if (!existsSync(folder))
      throw new Error(`${pkg.name} declares ${name}, which is not installed`);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(realpathSync(folder), join(modules, name), 'dir');
  }

  const entries = Object.keys(pkg.exports ?? { '.': null }).filter(
    (key) => key !== './package.json' && !key.includes('*'),
  );
  const consumer = join(scratch, 'consumer');
  const lines = entries.map((key, i) => {
    const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    return `import * as entry${i} from '${specifier}';\nexport const uses${i}: object = entry${i};`;
  });
  writeFileSync(join(consumer, 'index.ts'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: ['node'],
        strict: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files: ['index.ts'],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  run(process.execPath, [tsc, '-p', consumer], consumer);
  console.log(`\n${pkg.name}: ${entries.length} entries type-check from the packed tarball`);
} catch (error) {
  if (!(error instanceof StepFailed)) throw error;
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
