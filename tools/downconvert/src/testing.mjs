// @ts-check
/**
 * The checks every description package runs on its OpenAPI 3.0 variant, as a vitest suite:
 * the variant is the conversion of the current bundle (JSON and YAML alike), keeps every `x-`
 * extension, accepts and refuses what the bundle does for every example and its mutations,
 * and the packed package ships and exports both versions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkEquivalence } from './equivalence.mjs';
import { downconvert } from './index.mjs';

/**
 * Every `x-` member of a document as `name = JSON value`, in a fixed order.
 * @param {unknown} node
 * @param {string[]} [out]
 * @returns {string[]}
 */
function extensions(node, out = []) {
  if (Array.isArray(node)) for (const item of node) extensions(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) out.push(`${key} = ${JSON.stringify(value)}`);
      extensions(value, out);
    }
  }
  return out.sort();
}

/**
 * @param {{ packageDir: string, minExamples: number }} options the description package's
 *   folder (its `dist/` holds the bundle and the variant), and how many examples it has at
 *   least, so an equivalence check over nothing cannot pass
 */
export function describeThreeZeroVariant({ packageDir, minExamples }) {
  const dist = join(packageDir, 'dist');
  const bundle = JSON.parse(readFileSync(join(dist, 'openapi.json'), 'utf8'));
  const variant = JSON.parse(readFileSync(join(dist, 'openapi.3.0.json'), 'utf8'));
  const { document, losses } = downconvert(bundle);

  describe('the OpenAPI 3.0 variant', () => {
    it('is the conversion of the current bundle, in JSON and YAML alike', () => {
      expect(variant).toEqual(document);
      expect(parse(readFileSync(join(dist, 'openapi.3.0.yaml'), 'utf8'))).toEqual(variant);
      expect(variant.openapi).toBe('3.0.3');
    });

    it('keeps every x- extension of the bundle, x-sources and x-assumed included', () => {
      expect(extensions(variant)).toEqual(extensions(bundle));
    });

    it('has no type arrays, const, schema examples or numeric exclusive bounds left', () => {
      const text = JSON.stringify(variant);
      expect(text).not.toMatch(/"type":\[/);
      expect(text).not.toMatch(/"(const|exclusiveMinimum|exclusiveMaximum)":(?!true|false)/);
      expect(losses.filter((l) => l.effect === 'narrows' || l.effect === 'changes')).toEqual([]);
    });

    it('accepts and refuses what the bundle does, for every example and its mutations', () => {
      const report = checkEquivalence(bundle, variant, losses);
      console.info(
        `3.0 variant equivalence: ${report.examples} examples, ${report.values} values ` +
          `(${report.refusedBy31} refused by the 3.1 bundle), ${report.explained.length} differences ` +
          `explained by reported losses, ${report.skipped.length} examples beneath dropped keywords`,
      );
      expect(report.examples).toBeGreaterThanOrEqual(minExamples);
      expect(report.refusedBy31).toBeGreaterThan(report.examples);
      expect(report.unexplained).toEqual([]);
      for (const m of report.explained) expect([m.accepts31, m.accepts30]).toEqual([false, true]);
    });
  });

  describe('the published package', () => {
    it('ships and exports both versions', () => {
      const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
      expect(manifest.exports).toMatchObject({
        './openapi.json': './dist/openapi.json',
        './openapi.yaml': './dist/openapi.yaml',
        './openapi.3.0.json': './dist/openapi.3.0.json',
        './openapi.3.0.yaml': './dist/openapi.3.0.yaml',
      });
      const out = mkdtempSync(join(tmpdir(), 'openapi-pack-'));
      execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: packageDir, stdio: 'pipe' });
      const tarball = execFileSync('ls', [out], { encoding: 'utf8' }).trim();
      const files = execFileSync('tar', ['-tzf', join(out, tarball)], { encoding: 'utf8' }).split(
        '\n',
      );
      for (const target of Object.values(
        /** @type {Record<string, string>} */ (manifest.exports),
      )) {
        expect(files).toContain(`package/${target.slice(2)}`);
      }
    });
  });
}
