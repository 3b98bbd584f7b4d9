#!/usr/bin/env node
// @ts-check
/**
 * spec-review: the checks a reviewer of a spec pull request sees.
 *
 *   spec-review diff [base]        breaking-change report; fails on a break without a major changeset
 *   spec-review coverage           documented actions against the bundle; fails below 100%
 *   spec-review downstream         generate clients with two other generators and type-check them;
 *                                  load the 3.0 variant in Go (kin-openapi) and check mock pairs
 *   spec-review changesets [base]  fails when a published package changed without a changeset
 *   spec-review changelog          at release: write the API changes into spec/activeplatform/CHANGELOG.md
 *   spec-review report [base]      lint, diff and coverage as one markdown comment
 *
 * Options: --out FILE writes the markdown there too; --bundle FILE uses that bundle;
 * --report-only makes coverage exit 0 whatever it finds (for building the docs);
 * --json makes coverage print (and --out write) JSON instead of markdown;
 * --reference DIR reads the documented actions from DIR (default tools/reference/activeplatform);
 * --root DIR is the repository (default: the current directory's repository).
 * downstream takes --bundle once per API, each optionally followed by --mock MODULE (a built
 * mock exporting createMockFetch) whose answers are recorded and checked in Go.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, EMPTY_SPEC, writeTemp } from './src/bundle.mjs';
import { insertApiChanges } from './src/changelog.mjs';
import { changesetsSince, checkChangesets } from './src/changesets.mjs';
import {
  computeCoverage,
  coverageJson,
  loadReference,
  renderCoverageMarkdown,
} from './src/coverage.mjs';
import { diffBundles, judge, renderDiffMarkdown } from './src/diff.mjs';
import { checkDownstream, checkGo, renderDownstreamMarkdown } from './src/downstream.mjs';
import { runBin } from './src/exec.mjs';
import { checkoutFolder, firstExistingRef, git } from './src/git.mjs';

const SPEC_PACKAGE = '@activeplatform/openapi';
/** The folder of the description this tool reviews, relative to the repository. */
const SPEC_DIR = 'spec/activeplatform';
/** Published packages by folder. */
const PUBLISHED = {
  [SPEC_DIR]: SPEC_PACKAGE,
  'packages/types': '@activeplatform/types',
  'packages/client': '@activeplatform/client',
  'packages/mock': '@activeplatform/mock',
  'packages/docs': '@activeplatform/docs',
};

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
const bundleOption = option('--bundle');
const referenceOption = option('--reference');
const reportOnly = args.includes('--report-only');
if (reportOnly) args.splice(args.indexOf('--report-only'), 1);
const root = option('--root') ?? git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
const [command, positional] = args;

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

/** Where the description lived in older revisions, newest first. */
const SPEC_DIR_HISTORY = [SPEC_DIR, 'spec'];

/** @param {string} ref */
function bundleAt(ref) {
  for (const folder of SPEC_DIR_HISTORY) {
    const { dir, found } = checkoutFolder(root, ref, folder);
    if (found && existsSync(join(dir, folder, 'openapi.yaml'))) {
      return bundle(join(dir, folder, 'openapi.yaml'));
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

function diff() {
  const base = baseRef();
  const report = diffBundles(bundleAt(base), revisionBundle());
  const verdict = judge(report.summary, changesetsSince(root, base), SPEC_PACKAGE);
  return { markdown: renderDiffMarkdown(report, verdict, base), ok: verdict.ok, report };
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

function main() {
  switch (command) {
    case 'diff': {
      const r = diff();
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
    case 'changesets': {
      const base = baseRef();
      const { missing, unreadable } = checkChangesets(root, base, PUBLISHED);
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
      const tags = git(['tag', '--list', `${SPEC_PACKAGE}@*`, '--sort=-v:refname'], root)
        .split('\n')
        .filter((t) => t && t !== `${SPEC_PACKAGE}@${version}`);
      const previous = tags[0];
      const base = previous ? bundleAt(previous) : writeTemp(EMPTY_SPEC);
      const report = diffBundles(base, revisionBundle());
      const file = join(root, SPEC_DIR, 'CHANGELOG.md');
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const note = previous ? `since ${previous}` : 'first release';
      const md = renderDiffMarkdown(
        report,
        { ok: true, reason: `API changes, ${note}.` },
        previous ?? 'nothing',
      );
      writeFileSync(file, insertApiChanges(current, version, md, SPEC_PACKAGE));
      emit(`${SPEC_DIR}/CHANGELOG.md: API changes of ${version} (${note}) written.\n`);
      return 0;
    }
    case 'report': {
      const parts = [lintSummary(), diff(), coverage()];
      const ok = parts.every((p) => p.ok);
      emit(`# Spec review ${ok ? '✅' : '❌'}\n\n${parts.map((p) => p.markdown).join('\n')}`);
      return 0;
    }
    default:
      process.stderr.write(
        'usage: spec-review <diff [base] | coverage | downstream | changesets [base] | changelog | report [base]> [--out FILE] [--bundle FILE [--mock MODULE]]…\n',
      );
      return 2;
  }
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`spec-review: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
