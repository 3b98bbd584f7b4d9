/** Writing a build's validators (`PrecompiledSources`) into a folder. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrecompiledSources } from './precompile.js';

/**
 * Writes `<name>.cjs` and `<name>.js` into `out`, and with a split build its index,
 * `<name>-node.cjs` and `<name>-node.js`, and its parts into `out/<partsDir>` (replacing
 * the parts of an earlier build).
 */
export function writePrecompiled(out: string, name: string, sources: PrecompiledSources): void {
  mkdirSync(out, { recursive: true });
  const { split } = sources;
  if (split) {
    const dir = join(out, split.partsDir);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [file, code] of split.parts) writeFileSync(join(dir, file), code);
    writeFileSync(join(out, `${name}-node.cjs`), split.cjs);
    writeFileSync(join(out, `${name}-node.js`), split.esm);
  }
  writeFileSync(join(out, `${name}.cjs`), sources.cjs);
  writeFileSync(join(out, `${name}.js`), sources.esm);
}
