import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downconvert } from '@activeplatform/openapi-downconvert';
import { checkEquivalence } from '@activeplatform/openapi-downconvert/equivalence';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBundle } from './bundle.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const bundle = loadBundle() as unknown as Record<string, unknown>;
const variant = JSON.parse(readFileSync(join(dist, 'openapi.3.0.json'), 'utf8'));
const { document, losses } = downconvert(bundle);

/** Every `x-` member of a document as `name = JSON value`, in a fixed order. */
function extensions(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) extensions(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) out.push(`${key} = ${JSON.stringify(value)}`);
      extensions(value, out);
    }
  }
  return out.sort();
}

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
    expect(report.examples).toBeGreaterThan(200);
    expect(report.refusedBy31).toBeGreaterThan(report.examples);
    expect(report.unexplained).toEqual([]);
    for (const m of report.explained) expect([m.accepts31, m.accepts30]).toEqual([false, true]);
  });
});

describe('the published package', () => {
  it('ships and exports both versions', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.exports).toMatchObject({
      './openapi.json': './dist/openapi.json',
      './openapi.yaml': './dist/openapi.yaml',
      './openapi.3.0.json': './dist/openapi.3.0.json',
      './openapi.3.0.yaml': './dist/openapi.3.0.yaml',
    });
    const out = mkdtempSync(join(tmpdir(), 'openapi-pack-'));
    execFileSync('pnpm', ['pack', '--pack-destination', out], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: 'pipe',
    });
    const tarball = execFileSync('ls', [out], { encoding: 'utf8' }).trim();
    const files = execFileSync('tar', ['-tzf', join(out, tarball)], { encoding: 'utf8' }).split(
      '\n',
    );
    for (const target of Object.values(manifest.exports as Record<string, string>)) {
      expect(files).toContain(`package/${target.slice(2)}`);
    }
  });
});
