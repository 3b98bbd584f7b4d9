/** Writing a build's validators split by path (`PrecompiledSources.split`) into a folder. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrecompiledSources } from './precompile.js';

/**
 * Writes `<name>-node.cjs` and `<name>-node.js` (the index) into `out`, and the parts into
 * `out/<partsDir>`, replacing the parts of an earlier build.
 */
export function writeSplit(
  out: string,
  name: string,
  split: NonNullable<PrecompiledSources['split']>,
  partsDir: string,
): void {
  const dir = join(out, partsDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, code] of split.parts) writeFileSync(join(dir, file), code);
  writeFileSync(join(out, `${name}-node.cjs`), split.cjs);
  writeFileSync(join(out, `${name}-node.js`), split.esm);
}
