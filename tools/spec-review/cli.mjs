#!/usr/bin/env node
// @ts-check
/**
 * spec-review: the checks a reviewer of a spec pull request sees.
 *
 *   spec-review diff [base]        breaking-change report; fails on a break without a major changeset
 *   spec-review coverage           documented actions against the bundle; fails below 100%
 *                                  (every description of the workspace, or the one --spec names)
 *   spec-review downstream         generate clients with two other generators and type-check them;
 *                                  load the 3.0 variant in Go (kin-openapi) and check mock pairs
 *   spec-review types [base]       compiles the base's TypeScript samples against the new types and
 *                                  client; fails on a type error without a major changeset
 *   spec-review changesets [base]  fails when a published package changed without a changeset
 *   spec-review changelog          at release: write the API changes into spec/activeplatform/CHANGELOG.md
 *   spec-review report [base]      lint, diff, types and coverage as one markdown comment, a section
 *                                  for each description that changed since base (or the one --spec names)
 *   spec-review apis [base]        the folders of the descriptions that changed since base, one a line
 *                                  (without base: every description of the workspace)
 *   spec-review drift <report.json>…  merges conformance reports of real traffic, prints the
 *                                  drift as markdown and writes an OpenAPI Overlay 1.0 document
 *                                  proposing the changes that make the traffic valid
 *   spec-review drift apply <overlay>  applies an overlay to the description's source files
 *
 * diff and types review one description (--spec DIR, default spec/activeplatform), or with
 * --changed every description of the workspace that changed since base, a section each.
 * Options: --out FILE writes the markdown there too; --changes-json FILE writes the diff's
 * changes there as JSON; --spec DIR (or --api DIR) is the description's folder (default for diff, types
 * and changelog: spec/activeplatform; its package.json names the package a breaking change needs a
 * major changeset of); --breaking-for clients|servers
 * is whose breaks fail the diff (default clients); --client PKG, --types PKG and --samples MODULE
 * name the TypeScript client, the types package its declarations import and the sample
 * generator (default <prefix>client and <prefix>types, after the description's package name
 * without its final "openapi", and @proseapi/docs-site/code-samples); --bundle FILE uses that bundle;
 * --report-only makes coverage exit 0 whatever it finds (for building the docs);
 * --json makes coverage print (and --out write) JSON instead of markdown;
 * --reference DIR reads the documented actions from DIR through its actions.mjs (default
 * tools/reference/<name of the description's folder>);
 * --root DIR is the repository (default: the current directory's repository).
 * drift reads the reports against --bundle FILE, else against a fresh bundle of --spec DIR, and
 * writes the overlay to --overlay FILE (default drift-overlay.yaml; JSON when the name ends in
 * .json); drift apply writes into the source files of --spec DIR.
 * downstream takes --bundle once per API, each optionally followed by --mock MODULE (a built
 * mock exporting createMockFetch) whose answers are recorded and checked in Go.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
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
import { changedFiles, checkoutFolder, firstExistingRef, git } from './src/git.mjs';
import { demoteHeadings } from './src/markdown.mjs';
import { renderTypesMarkdown } from './src/types-report.mjs';
import { descriptionFolders, packageNameOf, publishedPackages } from './src/workspace.mjs';

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
/** The folder of the description named on the command line, relative to the repository. */
const specOption = (option('--spec') ?? option('--api'))?.replace(/\/+$/, '');
/** The description diff, types and changelog review when none is named. */
const SPEC_DIR = specOption ?? 'spec/activeplatform';
const audienceOption = option('--breaking-for') ?? 'clients';
const clientOption = option('--client');
const typesOption = option('--types');
const samplesOption = option('--samples');
const bundleOption = option('--bundle');
const referenceOption = option('--reference');
const overlayOption = option('--overlay');
const reportOnly = args.includes('--report-only');
if (reportOnly) args.splice(args.indexOf('--report-only'), 1);
const changedOnly = args.includes('--changed');
if (changedOnly) args.splice(args.indexOf('--changed'), 1);
const root = option('--root') ?? git(['rev-parse', '--show-toplevel'], process.cwd()).trim();
const [command, positional] = args;
/**
 * The package a description is published as, from its package.json.
 * @param {string} [dir] the description's folder
 */
const specPackage = (dir = SPEC_DIR) => packageNameOf(join(root, dir));
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

/** @type {Map<string, string>} */
const revisions = new Map();
/**
 * The working tree's bundle of a description: --bundle, or a fresh bundle of its sources
 * (made once).
 * @param {string} dir the description's folder
 */
function revisionBundle(dir = SPEC_DIR) {
  if (bundleOption) return bundleOption;
  let file = revisions.get(dir);
  if (!file) {
    file = bundle(join(root, dir, 'openapi.yaml'));
    revisions.set(dir, file);
  }
  return file;
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
 * The root file of a description at `ref`, checked out into a temporary folder (an empty
 * description when the ref has none).
 * @param {string} ref
 * @param {string} [dir] the description's folder
 */
function sourceAt(ref, dir = SPEC_DIR) {
  for (const folder of [dir, ...(MOVED[dir] ?? [])]) {
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

/**
 * The working tree's description: --bundle, or the sources in its folder.
 * @param {string} [dir]
 */
function revisionSource(dir = SPEC_DIR) {
  return bundleOption ? resolve(bundleOption) : join(root, dir, 'openapi.yaml');
}

/** @param {string} file absolute */
function display(file) {
  for (const dir of [...checkouts, root]) {
    const rel = relative(dir, file);
    if (!rel.startsWith('..') && !isAbsolute(rel)) return rel;
  }
  return file;
}

/** @param {string} [dir] the description's folder */
async function diff(dir = SPEC_DIR) {
  const base = baseRef();
  const name = specPackage(dir);
  const result = await compareDescriptions(sourceAt(base, dir), revisionSource(dir), { display });
  const verdict = judge(result.changes, changesetsSince(root, base), name, audience());
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ base, verdict, ...result }, null, 2)}\n`);
  return {
    markdown: renderDiffMarkdown(result, verdict, base, audience()),
    ok: verdict.ok,
    result,
  };
}

/**
 * The packages a description's TypeScript check needs, after its package's name:
 * `@scope/x-openapi` → `@scope/x-client`, `@scope/x-types`; a name that does not end in
 * "openapi" gives `@scope/client`, `@scope/types`.
 * @param {string} name
 */
function sdkPrefix(name) {
  if (name.endsWith('openapi')) return name.slice(0, -'openapi'.length);
  return name.includes('/') ? `${name.slice(0, name.indexOf('/'))}/` : `${name}-`;
}

/**
 * The type check: the base's samples against the working tree's types and client.
 * @param {import('./src/diff.mjs').Change[]} [changes] the diff's, to show disagreements
 * @param {string} [dir] the description's folder
 */
async function types(changes, dir = SPEC_DIR) {
  const base = baseRef();
  const name = specPackage(dir);
  const prefix = sdkPrefix(name);
  // TypeScript and openapi-typescript take seconds to load: only this command needs them.
  const { checkTypes, loadSetup } = await import('./src/typecheck.mjs');
  const setup = await loadSetup(root, {
    client: clientOption ?? `${prefix}client`,
    types: typesOption ?? `${prefix}types`,
    samples: samplesOption ?? '@proseapi/docs-site/code-samples',
    factory: 'createClient',
  });
  if ('skipped' in setup) {
    return { markdown: renderTypesMarkdown(setup, { ok: true, reason: '' }, base), ok: true };
  }
  const result = await checkTypes(bundle(sourceAt(base, dir)), revisionBundle(dir), setup);
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

/**
 * Coverage of a description against its reference folder.
 * @param {string} [dir] the description's folder
 */
async function coverage(dir = SPEC_DIR) {
  const doc = JSON.parse(readFileSync(revisionBundle(dir), 'utf8'));
  const result = computeCoverage(
    doc,
    await loadReference(referenceOption ?? join(root, 'tools/reference', basename(dir))),
  );
  return {
    markdown: renderCoverageMarkdown(result),
    json: coverageJson(result),
    ok: result.totals.percent >= 100,
  };
}

/** @param {string} [dir] the description's folder */
function lintSummary(dir = SPEC_DIR) {
  const r = runBin('@redocly/cli', 'redocly', [
    'lint',
    join(root, dir, 'openapi.yaml'),
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

/**
 * Files whose change concerns every description: the house rules and their plugins.
 */
const SHARED_INPUTS = ['redocly.yaml', 'tools/redocly-plugin'];

/**
 * The descriptions a command covers: the one --spec names, else every description of the
 * workspace; with `base`, only those whose folder or reference folder changed since it (all
 * of them when the house rules changed).
 * @param {string} [base]
 */
function descriptions(base) {
  if (specOption) return [specOption];
  const all = descriptionFolders(root);
  if (base === undefined) return all;
  if (changedFiles(root, base, SHARED_INPUTS).length > 0) return all;
  return all.filter(
    (dir) =>
      changedFiles(root, base, [dir, join('tools/reference', basename(dir))]).filter(
        (f) => !f.startsWith(`${dir}/dist/`),
      ).length > 0,
  );
}

/**
 * The review of one description: lint, diff, types and coverage.
 * @param {string} dir
 */
async function review(dir) {
  const changes = await diff(dir);
  const parts = [
    lintSummary(dir),
    changes,
    await types(changes.result.changes, dir),
    await coverage(dir),
  ];
  return { ok: parts.every((p) => p.ok), markdown: parts.map((p) => p.markdown).join('\n') };
}

/**
 * A check of one description run over every description that changed since the base (with
 * --changed), a section each; else over the one --spec names (default spec/activeplatform).
 * @param {(dir: string) => Promise<{ markdown: string, ok: boolean }>} check
 * @param {string} what the check's name, for the message when nothing changed
 */
async function eachDescription(check, what) {
  if (!changedOnly) {
    const r = await check(SPEC_DIR);
    emit(r.markdown);
    return r.ok ? 0 : 1;
  }
  if (specOption) throw new Error('--changed and --spec exclude each other.');
  const base = baseRef();
  const apis = descriptions(base);
  if (apis.length > 1 && jsonOut) {
    throw new Error('--changes-json takes one description: name it with --spec DIR.');
  }
  const results = [];
  for (const dir of apis) results.push({ dir, ...(await check(dir)) });
  emit(
    results.length === 0
      ? `No description changed since \`${base}\`: no ${what} to check.\n`
      : results.map((r) => `# \`${r.dir}\` (${specPackage(r.dir)})\n\n${r.markdown}`).join('\n'),
  );
  return results.every((r) => r.ok) ? 0 : 1;
}

async function main() {
  switch (command) {
    case 'diff':
      return eachDescription(diff, 'breaking change');
    case 'coverage': {
      const json = args.includes('--json');
      if (bundleOption || specOption) {
        const r = await coverage();
        emit(json ? `${JSON.stringify(r.json, null, 2)}\n` : r.markdown);
        return r.ok || reportOnly ? 0 : 1;
      }
      if (referenceOption) throw new Error('--reference goes with --spec DIR or --bundle FILE.');
      const apis = descriptions();
      const results = [];
      for (const dir of apis)
        results.push({ dir, name: specPackage(dir), ...(await coverage(dir)) });
      emit(
        json
          ? `${JSON.stringify({ apis: results.map((r) => ({ folder: r.dir, package: r.name, ...r.json })) }, null, 2)}\n`
          : results.map((r) => `# \`${r.dir}\` (${r.name})\n\n${r.markdown}`).join('\n'),
      );
      return results.every((r) => r.ok) || reportOnly ? 0 : 1;
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
    case 'types':
      return eachDescription((dir) => types(undefined, dir), 'type check');
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
      const base = baseRef();
      const apis = descriptions(base);
      const sections = [];
      for (const dir of apis) {
        const r = await review(dir);
        sections.push({
          ...r,
          heading: `## \`${dir}\` (${specPackage(dir)}) ${r.ok ? '✅' : '❌'}`,
        });
      }
      const ok = sections.every((r) => r.ok);
      const body =
        sections.length === 0
          ? `No description changed since \`${base}\`: nothing to review.\n`
          : sections.map((r) => `${r.heading}\n\n${demoteHeadings(r.markdown)}`).join('\n');
      emit(`# Spec review ${ok ? '✅' : '❌'}\n\n${body}`);
      return 0;
    }
    case 'apis': {
      emit(
        descriptions(positional === undefined ? undefined : baseRef())
          .map((d) => `${d}\n`)
          .join(''),
      );
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
        'usage: spec-review <diff [base] | types [base] | coverage | downstream | changesets [base] | changelog | report [base] | apis [base] | drift <report.json>… | drift apply <overlay>> [--spec DIR | --changed] [--out FILE] [--changes-json FILE] [--json] [--bundle FILE [--mock MODULE]]… [--overlay FILE]\n',
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
