// @ts-check
/**
 * Generates clients from a bundled description with two independent generators and
 * type-checks what they produce: a description that breaks downstream generation fails.
 *
 * Then a consumer in another language: kin-openapi (Go, Debian's package, built offline in
 * GOPATH mode) loads and validates the description's OpenAPI 3.0 variant and checks
 * request/answer pairs recorded from a mock against it with openapi3filter.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { variantPaths, writeVariant } from '@activeplatform/openapi-downconvert';
import { run, runBin } from './exec.mjs';

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
    // orval's fetch client types each answer with its status as a literal, and before orval
    // 7.17 (which needs Node.js 22.18) it writes a range such as `2XX` as `status: 2XX`, which
    // is not TypeScript (orval-labs/orval#950). The setting below is how users of those
    // versions generate a compiling client from a description with status ranges.
    name: 'orval (fetch client, includeHttpResponseReturnType: false)',
    /** @param {string} spec @param {string} out */
    generate: (spec, out) => {
      const config = join(out, 'orval.config.cjs');
      writeFileSync(
        config,
        `module.exports = ${JSON.stringify({
          api: {
            input: resolve(spec),
            output: {
              target: join(out, 'api.ts'),
              client: 'fetch',
              override: { fetch: { includeHttpResponseReturnType: false } },
            },
          },
        })};\n`,
      );
      return runBin('orval', 'orval', ['--config', config]);
    },
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
 * @param {GoResult} [go] the Go consumer's result
 * @param {string} [bundle] which description, when several are checked
 */
export function renderDownstreamMarkdown(results, go, bundle) {
  const title = bundle ? `## Downstream generators: \`${bundle}\`` : '## Downstream generators';
  const lines = [title, '', '| Generator | Result |', '| --- | --- |'];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.ok ? '✅ generates and type-checks' : `❌ fails at ${r.step}`} |`,
    );
  }
  const goLines = go ? renderGoMarkdown(go) : [];
  lines.push(...goLines.slice(0, 1));
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
  lines.push(...goLines.slice(1));
  return `${lines.join('\n')}\n`;
}

/** Where Debian's golang-github-getkin-kin-openapi-dev puts its sources. */
export const SYSTEM_GOPATH = '/usr/share/gocode';
const KINCHECK_SOURCE = fileURLToPath(new URL('../go/kincheck', import.meta.url));
const INSTALL_HINT =
  'install Go and kin-openapi: apt-get install -y golang-go golang-github-getkin-kin-openapi-dev';

/**
 * @typedef {{ spec: string, loaded: boolean, valid: boolean, error?: string, operations: number,
 *   nullExamples: number, xmlExamples: number, pairs: number, passed: number, refusedRequests: number,
 *   failures: { label: string, problem: string }[], deepObjects: string[],
 *   coverage: { operationId: string, method: string, path: string, success: number, error: number }[] }} KinReport
 * @typedef {{ name: string, ok: boolean, step: 'build' | 'record' | 'check' | 'done',
 *   log: string, variant: string, report?: KinReport | undefined, pairsFile?: string | undefined }} GoResult
 */

/** @type {string | undefined} */
let kincheckBinary;

/**
 * Builds the Go consumer once per process, offline: GO111MODULE=off, and a GOPATH of an empty
 * folder followed by the system's Go sources.
 * @returns {{ ok: true, binary: string } | { ok: false, log: string }}
 */
function buildKincheck() {
  if (kincheckBinary) return { ok: true, binary: kincheckBinary };
  if (!existsSync(join(SYSTEM_GOPATH, 'src/github.com/getkin/kin-openapi/openapi3'))) {
    return { ok: false, log: `kin-openapi is not in ${SYSTEM_GOPATH}: ${INSTALL_HINT}` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kincheck-'));
  const binary = join(dir, 'kincheck');
  const build = run('go', ['build', '-o', binary, '.'], {
    cwd: KINCHECK_SOURCE,
    env: {
      GO111MODULE: 'off',
      GOPATH: `${join(dir, 'gopath')}:${SYSTEM_GOPATH}`,
      GOFLAGS: '',
      GOPROXY: 'off',
    },
  });
  if (build.status !== 0) {
    const log = `${build.stdout}${build.stderr}`;
    return { ok: false, log: log.trim() === '' ? `go could not be run: ${INSTALL_HINT}` : log };
  }
  kincheckBinary = binary;
  return { ok: true, binary };
}

/**
 * Loads and validates a bundle's OpenAPI 3.0 variant with kin-openapi and, given a mock
 * module, validates pairs recorded from it. The variant beside the bundle is used when the
 * build wrote it; otherwise it is written there.
 * @param {string} bundle the bundled 3.1 description (JSON)
 * @param {{ mock?: string | undefined }} [options] path of a module exporting `createMockFetch`
 * @returns {GoResult}
 */
export function checkGo(bundle, options = {}) {
  const variant = variantPaths(bundle).json;
  if (!existsSync(variant)) writeVariant(bundle);
  const name = 'kin-openapi (Go), OpenAPI 3.0 variant';
  const built = buildKincheck();
  if (!built.ok) return { name, ok: false, step: 'build', log: built.log, variant };
  let pairsFile;
  if (options.mock) {
    pairsFile = join(mkdtempSync(join(tmpdir(), 'pairs-')), 'pairs.json');
    const recorder = fileURLToPath(new URL('../record-pairs.mjs', import.meta.url));
    const recorded = run(process.execPath, [
      recorder,
      '--bundle',
      bundle,
      '--mock',
      options.mock,
      '--out',
      pairsFile,
    ]);
    if (recorded.status !== 0) {
      return {
        name,
        ok: false,
        step: 'record',
        log: `${recorded.stdout}${recorded.stderr}`,
        variant,
      };
    }
  }
  const checked = kincheck(built.binary, variant, pairsFile);
  return { name, ...checked, variant, pairsFile };
}

/**
 * Runs the built Go consumer on a 3.0 document and, optionally, a pairs file.
 * @param {string} binary
 * @param {string} variant
 * @param {string} [pairsFile]
 * @returns {{ ok: boolean, step: 'check' | 'done', log: string, report: KinReport | undefined }}
 */
function kincheck(binary, variant, pairsFile) {
  const checked = run(binary, ['-spec', variant, ...(pairsFile ? ['-pairs', pairsFile] : [])]);
  /** @type {KinReport | undefined} */
  let report;
  try {
    report = JSON.parse(checked.stdout);
  } catch {
    report = undefined;
  }
  return {
    ok: checked.status === 0 && report !== undefined,
    step: checked.status === 0 ? 'done' : 'check',
    log: report ? (report.error ?? '') : `${checked.stdout}${checked.stderr}`,
    report,
  };
}

/**
 * Checks a 3.0 document (and recorded pairs) with kin-openapi, building the Go consumer first.
 * @param {string} variant an OpenAPI 3.0 document
 * @param {string} [pairsFile] pairs in the recorder's format
 */
export function checkWithKin(variant, pairsFile) {
  const built = buildKincheck();
  if (!built.ok)
    return { ok: false, step: /** @type {const} */ ('build'), log: built.log, report: undefined };
  return kincheck(built.binary, variant, pairsFile);
}

/**
 * The Go consumer's row and, when it failed, what went wrong.
 * @param {GoResult} go
 */
export function renderGoMarkdown(go) {
  const r = go.report;
  let summary;
  if (go.ok && r) {
    const answers = r.coverage.reduce(
      (sum, c) => ({ success: sum.success + c.success, error: sum.error + c.error }),
      { success: 0, error: 0 },
    );
    summary =
      `✅ loads and validates (${r.operations} operations)` +
      (r.xmlExamples > 0
        ? `; ${r.xmlExamples} XML examples left to the description's own tests, which decode them through the xml objects`
        : '') +
      (r.pairs > 0
        ? `; ${r.passed} recorded exchanges validated with openapi3filter (${answers.success} success and ${answers.error} error answers, every operation both; ${r.refusedRequests} invalid requests refused as the mock refused them)`
        : '');
  } else if (r && !r.valid) {
    summary = `❌ ${r.loaded ? 'does not validate' : 'does not load'}`;
  } else if (r) {
    summary = `❌ ${r.pairs - r.passed} of ${r.pairs} recorded exchanges refused, ${r.failures.length} problems in all`;
  } else {
    summary = `❌ fails at ${go.step}`;
  }
  const lines = [`| ${go.name} | ${summary} |`];
  /** @type {string[]} */
  const details = [];
  if (go.log.trim() !== '') details.push(go.log.trim());
  for (const f of r?.failures.slice(0, 20) ?? []) details.push(`${f.label}: ${f.problem}`);
  if (details.length > 0) {
    lines.push(
      '',
      `<details><summary>${go.name}</summary>`,
      '',
      '```',
      details.join('\n').split('\n').slice(0, 60).join('\n'),
      '```',
      ...(go.pairsFile ? ['', `Recorded pairs: \`${go.pairsFile}\``] : []),
      '',
      '</details>',
    );
  }
  return lines;
}
