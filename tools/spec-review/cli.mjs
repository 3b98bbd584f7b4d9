#!/usr/bin/env node
// @ts-check
/**
 * spec-review: the checks a reviewer of a spec pull request sees.
 *
 *   spec-review diff [base]        breaking-change report; fails on a break without a major changeset
 *   spec-review coverage           documented actions against the bundle; fails below 100%
 *   spec-review downstream         generate clients with two other generators and type-check them;
 *                                  load the 3.0 variant in Go (kin-openapi) and check mock pairs
 *   spec-review types [base]       compiles the base's TypeScript samples against the new types and
 *                                  client; fails on a type error without a major changeset
 *   spec-review changesets [base]  fails when a published package changed without a changeset
 *   spec-review changelog          at release: write the API changes into spec/activeplatform/CHANGELOG.md
 *   spec-review report [base]      lint, diff, types and coverage as one markdown comment
 *   spec-review drift <report.json>…  merges conformance reports of real traffic, prints the
 *                                  drift as markdown and writes an OpenAPI Overlay 1.0 document
 *                                  proposing the changes that make the traffic valid
 *   spec-review drift apply <overlay>  applies an overlay to the description's source files
 *
 * Options: --out FILE writes the markdown there too; --changes-json FILE writes the diff's
 * changes there as JSON; --spec DIR is the description's folder (default spec/activeplatform; its package.json
 * names the package a breaking change needs a major changeset of); --breaking-for clients|servers
 * is whose breaks fail the diff (default clients); --client PKG, --types PKG and --samples MODULE
 * name the TypeScript client, the types package its declarations import and the sample
 * generator (default <scope>/client, <scope>/types, <scope>/docs/code-samples, after the
 * description's package scope); --bundle FILE uses that bundle;
 * --report-only makes coverage exit 0 whatever it finds (for building the docs);
 * --json makes coverage print (and --out write) JSON instead of markdown;
 * --reference DIR reads the documented actions from DIR (default tools/reference/activeplatform);
 * --root DIR is the repository (default: the current directory's repository).
 * drift reads the reports against --bundle FILE, else against a fresh bundle of --spec DIR, and
 * writes the overlay to --overlay FILE (default drift-overlay.yaml; JSON when the name ends in
 * .json); drift apply writes into the source files of --spec DIR.
 * downstream takes --bundle once per API, each optionally followed by --mock MODULE (a built
 * mock exporting createMockFetch) whose answers are recorded and checked in Go.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import YAML from 'yaml';
import { bundle, EMPTY_SPEC, writeTemp } from './src/bundle.mjs';
import { insertApiChanges } from './src/changelog.mjs';
import { changesetsSince, checkChangesets } from './src/changesets.mjs';
import {
  computeCoverage,
  coverageJson,
  loadReference,
  renderCoverageMarkdown,
} from './src/coverage.mjs';
import { compareDescriptions, judge, judgeBreaks, renderDiffMarkdown } from './src/diff.mjs';
import { checkDownstream, checkGo, renderDownstreamMarkdown } from './src/downstream.mjs';
import { runBin } from './src/exec.mjs';
import { checkoutFolder, firstExistingRef, git } from './src/git.mjs';
import { checkTypes, loadSetup } from './src/typecheck.mjs';
import { renderTypesMarkdown } from './src/types-report.mjs';
import { packageNameOf, publishedPackages } from './src/workspace.mjs';

const args = process.argv.slice(2);
/** @param {string} name */
function option(name) {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}
const out = option('--out');
const jsonOut = option('--changes-json');
/** The folder of the description this tool reviews, relative to the repository. */
const SPEC_DIR = (option('--spec') ?? 'spec/activeplatform').replace(/\/+$/, '');
const audienceOption = option('--breaking-for') ?? 'clients';
const clientOption = option('--client');
const typesOption = option('--types');
const samplesOption = option('--samples');
const bundleOption = option('--bundle');
const referenceOption = option('--reference');
const overlayOption = option('--overlay');
const reportOnly = args.includes('--report-only');
if (reportOnly) args.splice(args.indexOf('--report-only'), 1);
const root = option('--root') ?? git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
const [command, positional] = args;
/** The package the description is published as, from its package.json. */
const specPackage = () => packageNameOf(join(root, SPEC_DIR));
/** Whose breaks fail the diff. */
function audience() {
  if (audienceOption === 'clients' || audienceOption === 'servers') return audienceOption;
  throw new Error(`--breaking-for takes clients or servers, not ${audienceOption}`);
}

/** @param {string} markdown */
function emit(markdown) {
  process.stdout.write(markdown);
  if (out) writeFileSync(out, markdown);
}

/** The base ref: the argument, or the usual names of the main branch. */
function baseRef() {
  const ref = positional ?? firstExistingRef(root, ['origin/main', 'main']);
  if (!ref) throw new Error('No base ref given and neither origin/main nor main exists.');
  return ref;
}

/** @type {string | undefined} */
let revision;
/** The working tree's bundle: --bundle, or a fresh bundle of spec/activeplatform/openapi.yaml (made once). */
function revisionBundle() {
  revision ??= bundleOption ?? bundle(join(root, SPEC_DIR, 'openapi.yaml'));
  return revision;
}

/**
 * Folders a description lived in before it moved to where it is now, newest first.
 * @type {Record<string, string[]>}
 */
const MOVED = { 'spec/activeplatform': ['spec'] };

/**
 * Where checked-out base files are, so that the report names them as repository files.
 * @type {Set<string>}
 */
const checkouts = new Set();
process.on('exit', () => {
  for (const dir of checkouts) rmSync(dir, { recursive: true, force: true });
});

/**
 * The root file of the description at `ref`, checked out into a temporary folder (an empty
 * description when the ref has none).
 * @param {string} ref
 */
function sourceAt(ref) {
  for (const folder of [SPEC_DIR, ...(MOVED[SPEC_DIR] ?? [])]) {
    const { dir, found } = checkoutFolder(root, ref, folder);
    checkouts.add(dir);
    if (found && existsSync(join(dir, folder, 'openapi.yaml'))) {
      return join(dir, folder, 'openapi.yaml');
    }
  }
  return writeTemp(EMPTY_SPEC);
}

/** The APIs downstream checks: each --bundle with the --mock after it; else the working tree's. */
function downstreamApis() {
  const raw = process.argv.slice(2);
  /** @type {{ bundle: string, mock?: string | undefined }[]} */
  const apis = [];
  raw.forEach((arg, i) => {
    const value = raw[i + 1];
    const last = apis.at(-1);
    if (arg === '--bundle' && value) apis.push({ bundle: value });
    else if (arg === '--mock' && value && last) last.mock = value;
  });
  return apis.length > 0 ? apis : [{ bundle: revisionBundle() }];
}

/** The working tree's description: --bundle, or the sources under SPEC_DIR. */
function revisionSource() {
  return bundleOption ? resolve(bundleOption) : join(root, SPEC_DIR, 'openapi.yaml');
}

/** @param {string} file absolute */
function display(file) {
  for (const dir of [...checkouts, root]) {
    const rel = relative(dir, file);
    if (!rel.startsWith('..') && !isAbsolute(rel)) return rel;
  }
  return file;
}

async function diff() {
  const base = baseRef();
  const name = specPackage();
  const result = await compareDescriptions(sourceAt(base), revisionSource(), { display });
  const verdict = judge(result.changes, changesetsSince(root, base), name, audience());
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ base, verdict, ...result }, null, 2)}\n`);
  return {
    markdown: renderDiffMarkdown(result, verdict, base, audience()),
    ok: verdict.ok,
    result,
  };
}

/**
 * The type check: the base's samples against the working tree's types and client.
 * @param {import('./src/diff.mjs').Change[]} [changes] the diff's, to show disagreements
 */
async function types(changes) {
  const base = baseRef();
  const name = specPackage();
  const scope = name.includes('/') ? name.slice(0, name.indexOf('/')) : name;
  const setup = await loadSetup(root, {
    client: clientOption ?? `${scope}/client`,
    types: typesOption ?? `${scope}/types`,
    samples: samplesOption ?? `${scope}/docs/code-samples`,
    factory: 'createClient',
  });
  if ('skipped' in setup) {
    return { markdown: renderTypesMarkdown(setup, { ok: true, reason: '' }, base), ok: true };
  }
  const result = await checkTypes(bundle(sourceAt(base)), revisionBundle(), setup);
  const broken = new Set(result.breaks.map((b) => b.operation)).size;
  const verdict = judgeBreaks(
    broken,
    [
      'operation whose previous sample no longer type-checks',
      'operations whose previous samples no longer type-check',
    ],
    changesetsSince(root, base),
    name,
  );
  return { markdown: renderTypesMarkdown(result, verdict, base, changes), ok: verdict.ok, result };
}

function coverage() {
  const doc = JSON.parse(readFileSync(revisionBundle(), 'utf8'));
  const result = computeCoverage(
    doc,
    loadReference(referenceOption ?? join(root, 'tools/reference/activeplatform')),
  );
  return {
    markdown: renderCoverageMarkdown(result),
    json: `${JSON.stringify(coverageJson(result), null, 2)}\n`,
    ok: result.totals.percent >= 100,
  };
}

function lintSummary() {
  const r = runBin('@redocly/cli', 'redocly', [
    'lint',
    join(root, SPEC_DIR, 'openapi.yaml'),
    '--config',
    join(root, 'redocly.yaml'),
    '--format=json',
  ]);
  const start = r.stdout.indexOf('{');
  const problems = start < 0 ? [] : (JSON.parse(r.stdout.slice(start)).problems ?? []);
  const lines = ['## Lint (house rules)', ''];
  if (problems.length === 0) lines.push('✅ No errors, no warnings.');
  for (const p of problems) {
    const loc = p.location?.[0];
    const file = String(loc?.source?.ref ?? '').replace(`${root}/`, '');
    lines.push(`- ❌ \`${file}\` \`${loc?.pointer}\`: ${p.message} (${p.ruleId})`);
  }
  return { markdown: `${lines.join('\n')}\n`, ok: problems.length === 0 };
}

async function main() {
  switch (command) {
    case 'diff': {
      const r = await diff();
      emit(r.markdown);
      return r.ok ? 0 : 1;
    }
    case 'coverage': {
      const r = coverage();
      emit(args.includes('--json') ? r.json : r.markdown);
      return r.ok || reportOnly ? 0 : 1;
    }
    case 'downstream': {
      const apis = downstreamApis();
      let ok = true;
      const parts = apis.map(({ bundle: file, mock }) => {
        const results = checkDownstream(file);
        const go = checkGo(file, { mock });
        ok &&= results.every((x) => x.ok) && go.ok;
        return renderDownstreamMarkdown(results, go, apis.length > 1 ? file : undefined);
      });
      emit(parts.join('\n'));
      return ok ? 0 : 1;
    }
    case 'types': {
      const r = await types();
      emit(r.markdown);
      return r.ok ? 0 : 1;
    }
    case 'changesets': {
      const base = baseRef();
      const { missing, unreadable } = checkChangesets(root, base, publishedPackages(root));
      const lines = unreadable.map(
        (u) => `❌ ${u.file} cannot be read by changesets: ${u.error}\n`,
      );
      if (missing.length > 0) {
        lines.push(
          `❌ These packages changed since ${base} without a changeset: ${missing.join(', ')}.\n` +
            'Run `pnpm changeset`, pick the packages and the bump (see CONTRIBUTING.md for what is\n' +
            'breaking), write one line for the changelog and commit the file it creates in .changeset/.\n',
        );
      }
      if (lines.length === 0) {
        emit(
          `✅ Every changed package since ${base} has a changeset, and every changeset reads.\n`,
        );
        return 0;
      }
      emit(lines.join(''));
      return 1;
    }
    case 'changelog': {
      const version = JSON.parse(
        readFileSync(join(root, SPEC_DIR, 'package.json'), 'utf8'),
      ).version;
      const tags = git(['tag', '--list', `${specPackage()}@*`, '--sort=-v:refname'], root)
        .split('\n')
        .filter((t) => t && t !== `${specPackage()}@${version}`);
      const previous = tags[0];
      const base = previous ? sourceAt(previous) : writeTemp(EMPTY_SPEC);
      const report = await compareDescriptions(base, revisionSource(), { display });
      const file = join(root, SPEC_DIR, 'CHANGELOG.md');
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const note = previous ? `since ${previous}` : 'first release';
      const md = renderDiffMarkdown(
        report,
        { ok: true, reason: `API changes, ${note}.` },
        previous ?? 'nothing',
      );
      writeFileSync(file, insertApiChanges(current, version, md, specPackage()));
      emit(`${SPEC_DIR}/CHANGELOG.md: API changes of ${version} (${note}) written.\n`);
      return 0;
    }
    case 'report': {
      const changes = await diff();
      const parts = [lintSummary(), changes, await types(changes.result.changes), coverage()];
      const ok = parts.every((p) => p.ok);
      emit(`# Spec review ${ok ? '✅' : '❌'}\n\n${parts.map((p) => p.markdown).join('\n')}`);
      return 0;
    }
    case 'drift': {
      // Loaded here: the other commands run before the conformance package is built.
      const { applyToSource, driftOf } = await import('./src/drift.mjs');
      const specRoot = join(resolve(root, SPEC_DIR), 'openapi.yaml');
      if (positional === 'apply') {
        const file = args[2];
        if (!file) throw new Error('usage: spec-review drift apply <overlay> [--spec DIR]');
        const text = readFileSync(file, 'utf8');
        const { edits, actions } = applyToSource(YAML.parse(text), {
          root: specRoot,
          source: file,
        });
        const files = [...new Set(edits.map((e) => relative(root, e.file)))];
        const lines = edits.map((e) => `- ${relative(root, e.file)} ${e.pointer}: ${e.change}\n`);
        emit(
          `${actions} action${actions === 1 ? '' : 's'} of ${file} applied: ${edits.length} change${edits.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}.\n${lines.join('')}`,
        );
        return 0;
      }
      if (args.length < 2) throw new Error('usage: spec-review drift <report.json>… [--spec DIR]');
      const doc = JSON.parse(readFileSync(bundleOption ?? bundle(specRoot), 'utf8'));
      const overlayFile = overlayOption ?? 'drift-overlay.yaml';
      const { markdown, overlay } = driftOf(args.slice(1), doc, { overlayFile });
      writeFileSync(
        overlayFile,
        overlayFile.endsWith('.json')
          ? `${JSON.stringify(overlay, null, 2)}\n`
          : YAML.stringify(overlay, { lineWidth: 0, aliasDuplicateObjects: false }),
      );
      emit(markdown);
      return 0;
    }
    default:
      process.stderr.write(
        'usage: spec-review <diff [base] | types [base] | coverage | downstream | changesets [base] | changelog | report [base] | drift <report.json>… | drift apply <overlay>> [--spec DIR] [--out FILE] [--changes-json FILE] [--json] [--bundle FILE [--mock MODULE]]… [--overlay FILE]\n',
      );
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `spec-review: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
