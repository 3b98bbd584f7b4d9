// @ts-check
/**
 * Generates clients from a bundled description with two independent generators and
 * type-checks what they produce: a description that breaks downstream generation fails.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin } from './exec.mjs';

/**
 * @typedef {{ name: string, ok: boolean, step: 'generate' | 'typecheck' | 'done', log: string }} GeneratorResult
 */

/** The generators, each writing TypeScript into `out` from `spec`. */
export const GENERATORS = [
  {
    name: '@hey-api/openapi-ts',
    /** @param {string} spec @param {string} out */
    generate: (spec, out) =>
      runBin('@hey-api/openapi-ts', 'openapi-ts', ['--input', spec, '--output', out]),
  },
  {
    name: 'orval (fetch client)',
    /** @param {string} spec @param {string} out */
    generate: (spec, out) =>
      runBin('orval', 'orval', [
        '--input',
        spec,
        '--output',
        join(out, 'api.ts'),
        '--client',
        'fetch',
      ]),
  },
];

/** Compiler options of a typical strict consumer project. */
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: [],
  },
  include: ['**/*.ts'],
};

/**
 * Runs every generator on the bundle and type-checks its output.
 * @param {string} specFile bundled description (JSON or YAML)
 * @returns {GeneratorResult[]}
 */
export function checkDownstream(specFile) {
  return GENERATORS.map((g) => {
    const out = mkdtempSync(join(tmpdir(), 'downstream-'));
    const gen = g.generate(specFile, out);
    if (gen.status !== 0) {
      return { name: g.name, ok: false, step: 'generate', log: `${gen.stdout}${gen.stderr}` };
    }
    writeFileSync(join(out, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    const tsc = runBin('typescript', 'tsc', ['-p', 'tsconfig.json'], { cwd: out });
    const log = `${tsc.stdout}${tsc.stderr}`;
    return {
      name: g.name,
      ok: tsc.status === 0,
      step: tsc.status === 0 ? 'done' : 'typecheck',
      log,
    };
  });
}

/**
 * @param {GeneratorResult[]} results
 */
export function renderDownstreamMarkdown(results) {
  const lines = ['## Downstream generators', '', '| Generator | Result |', '| --- | --- |'];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.ok ? '✅ generates and type-checks' : `❌ fails at ${r.step}`} |`,
    );
  }
  for (const r of results.filter((x) => !x.ok)) {
    const excerpt = r.log.trim().split('\n').slice(0, 20).join('\n');
    lines.push(
      '',
      `<details><summary>${r.name}</summary>`,
      '',
      '```',
      excerpt,
      '```',
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}
