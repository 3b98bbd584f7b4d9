// @ts-check
/**
 * A second opinion on breaking changes, from the generated types: the previous version's
 * TypeScript samples (one per operation, from the docs' sample generator) are compiled against
 * the new version's types and client.
 *
 * Each sample becomes a module with two copies of its code: `current()` calls the client typed
 * by the new types, `previous()` the same client typed by the previous ones. Then
 * `const seen: previous answer = current answer` reads the new answer as the previous version
 * described it. A type error in `current()` means the call no longer compiles (a request-side
 * break); one on that line means the answer no longer fits (a response-side break); one in
 * `previous()` means the sample did not compile against its own version either, which is
 * reported and not counted. Every component schema is compared both ways as well, so that a
 * break can be traced to the exported type names behind it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { METHODS } from './openapi.mjs';
import { workspaceExport } from './workspace.mjs';

/**
 * @typedef {{ key: string, operation: string, side: 'request' | 'response',
 *   types: string[], message: string }} TypeBreak
 * @typedef {{ breaks: TypeBreak[], unchecked: Array<{ operation: string, message: string }>,
 *   removedTypes: string[], operations: number }} TypeCheckResult
 * @typedef {{ clientPackage: string, clientTypes: string, typesPackage: string,
 *   clientFactory: string, addCodeSamples: (doc: any, options: any) => any }} TypeCheckSetup
 */

/**
 * Finds what the check needs in the workspace: the client's type declarations, and the docs'
 * sample generator (a module exporting `addCodeSamples(document, options)`).
 * @param {string} root
 * @param {{ client: string, types: string, samples: string, factory: string }} names
 * @returns {Promise<TypeCheckSetup | { skipped: string }>}
 */
export async function loadSetup(root, names) {
  const clientTypes = workspaceExport(root, names.client, 'types');
  if (!clientTypes) return { skipped: `${names.client} is not a package of this workspace` };
  const samples = workspaceExport(root, names.samples, 'default');
  if (!samples) return { skipped: `${names.samples} is not in this workspace` };
  for (const file of [clientTypes, samples]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` first.`);
  }
  const generator = await import(pathToFileURL(samples).href);
  if (typeof generator.addCodeSamples !== 'function') {
    throw new Error(`${names.samples} exports no addCodeSamples(document, options).`);
  }
  return {
    clientPackage: names.client,
    clientTypes,
    typesPackage: names.types,
    clientFactory: names.factory,
    addCodeSamples: generator.addCodeSamples,
  };
}

/** @param {string} name */
const quote = (name) => JSON.stringify(name);

/**
 * Component schemas that nodes of a bundle reach through their `$ref`s.
 * @param {any} doc bundle (local references only)
 * @param {any[]} nodes
 */
function schemasUsed(doc, nodes) {
  /** @type {Set<string>} */
  const names = new Set();
  /** @type {Set<unknown>} */
  const seen = new Set();
  /** @param {any} n */
  const walk = (n) => {
    if (n === null || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (typeof n.$ref === 'string') {
      const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(n.$ref);
      if (m) {
        const [, kind = '', raw = ''] = m;
        const name = raw.replaceAll('~1', '/').replaceAll('~0', '~');
        if (kind === 'schemas') names.add(name);
        walk(doc.components?.[kind]?.[name]);
      }
    }
    for (const v of Object.values(n)) walk(v);
  };
  for (const node of nodes) walk(node);
  return names;
}

/**
 * The sample's code without its import line, and the line that imports the client.
 * @param {string} source
 */
function splitSample(source) {
  const lines = source.trimEnd().split('\n');
  const index = lines.findIndex((l) => l.startsWith('import '));
  return { imports: lines[index] ?? '', body: lines.filter((_, i) => i !== index) };
}

/**
 * @param {string} baseBundle JSON bundle of the previous version
 * @param {string} revisionBundle JSON bundle of the new version
 * @param {TypeCheckSetup} setup
 * @returns {Promise<TypeCheckResult>}
 */
export async function checkTypes(baseBundle, revisionBundle, setup) {
  const base = JSON.parse(readFileSync(baseBundle, 'utf8'));
  const revision = JSON.parse(readFileSync(revisionBundle, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'spec-types-'));
  try {
    writeFileSync(join(dir, 'current.d.ts'), astToString(await openapiTS(revision)));
    writeFileSync(join(dir, 'previous.d.ts'), astToString(await openapiTS(base)));
    writeFileSync(
      join(dir, 'env.d.ts'),
      'declare const process: { env: Record<string, string | undefined> };\n',
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM'],
          types: [],
          paths: {
            [setup.typesPackage]: ['./current.d.ts'],
            [setup.clientPackage]: [setup.clientTypes],
          },
        },
        include: ['*.ts', 'samples/*.ts'],
      }),
    );
    mkdirSync(join(dir, 'samples'));

    // One module per operation of the previous version.
    const withSamples = setup.addCodeSamples(base, {
      clientPackage: setup.clientPackage,
      clientFactory: setup.clientFactory,
    });
    /** @type {Map<string, { key: string, operation: string, current: [number, number],
     *   previous: [number, number], read: number,
     *   schemas: { request: Set<string>, response: Set<string> } }>} */
    const modules = new Map();
    let n = 0;
    for (const [path, item] of Object.entries(withSamples.paths ?? {})) {
      for (const method of METHODS) {
        const op = /** @type {any} */ (item)?.[method];
        const sample = op?.['x-codeSamples']?.find(
          (/** @type {any} */ s) => s.lang === 'TypeScript',
        );
        if (!sample) continue;
        const key = `${method.toUpperCase()} ${path}`;
        const { imports, body } = splitSample(sample.source);
        const factory = `${setup.clientFactory}(`;
        const earlier = body.map((l) => l.replace(factory, `${setup.clientFactory}<Previous>(`));
        const lines = [
          imports,
          "import type { paths as Previous } from '../previous';",
          '',
          'async function current() {',
        ];
        const current = /** @type {[number, number]} */ ([lines.length, 0]);
        lines.push(...body.map((l) => `  ${l}`), '  return data;', '}', '');
        current[1] = lines.length;
        lines.push('async function previous() {');
        const previous = /** @type {[number, number]} */ ([lines.length, 0]);
        lines.push(...earlier.map((l) => `  ${l}`), '  return data;', '}', '');
        previous[1] = lines.length;
        lines.push('export async function check(): Promise<unknown> {');
        const read = lines.length;
        lines.push('  const seen: Awaited<ReturnType<typeof previous>> = await current();');
        lines.push('  return seen;', '}', '');
        const file = join(dir, 'samples', `${String(++n).padStart(3, '0')}.ts`);
        writeFileSync(file, lines.join('\n'));
        modules.set(file, {
          key,
          operation: op.operationId ?? key,
          current,
          previous,
          read,
          schemas: {
            request: schemasUsed(base, [
              base.paths?.[path]?.parameters,
              base.paths?.[path]?.[method]?.parameters,
              base.paths?.[path]?.[method]?.requestBody,
            ]),
            response: schemasUsed(base, [base.paths?.[path]?.[method]?.responses]),
          },
        });
      }
    }

    // Every component schema both versions have, compared both ways.
    const before = Object.keys(base.components?.schemas ?? {});
    const after = new Set(Object.keys(revision.components?.schemas ?? {}));
    const removedTypes = before.filter((name) => !after.has(name));
    const shared = before.filter((name) => after.has(name));
    const componentLines = [
      `import type { components as Now } from ${quote(setup.typesPackage)};`,
      "import type { components as Before } from './previous';",
      '',
    ];
    /** @type {Map<number, { name: string, side: 'request' | 'response' }>} */
    const componentAt = new Map();
    shared.forEach((name, i) => {
      const now = `Now['schemas'][${quote(name)}]`;
      const was = `Before['schemas'][${quote(name)}]`;
      componentAt.set(componentLines.length, { name, side: 'response' });
      componentLines.push(`export const read${i} = (x: ${now}): ${was} => x;`);
      componentAt.set(componentLines.length, { name, side: 'request' });
      componentLines.push(`export const write${i} = (x: ${was}): ${now} => x;`);
    });
    const componentsFile = join(dir, 'components.ts');
    writeFileSync(componentsFile, `${componentLines.join('\n')}\n`);

    const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!parsed) throw new Error('The type check could not read its own tsconfig.json.');
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    /** @type {Map<string, Array<{ line: number, message: string }>>} */
    const errors = new Map();
    for (const d of ts.getPreEmitDiagnostics(program)) {
      if (!d.file) throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      const list = errors.get(d.file.fileName) ?? [];
      list.push({ line, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') });
      errors.set(d.file.fileName, list);
    }

    /** @type {{ request: Set<string>, response: Set<string> }} */
    const brokenTypes = { request: new Set(), response: new Set() };
    for (const e of errors.get(componentsFile) ?? []) {
      const at = componentAt.get(e.line);
      if (at) brokenTypes[at.side].add(at.name);
    }
    /** @type {TypeBreak[]} */
    const breaks = [];
    /** @type {TypeCheckResult['unchecked']} */
    const unchecked = [];
    for (const [file, m] of modules) {
      const list = errors.get(file) ?? [];
      const inside = (/** @type {[number, number]} */ [a, b]) =>
        list.filter((e) => e.line >= a && e.line < b);
      const stale = inside(m.previous);
      if (stale.length > 0) {
        unchecked.push({ operation: m.operation, message: stale[0]?.message ?? '' });
        continue;
      }
      const request = inside(m.current);
      // When the call itself no longer compiles, its answer has no type to compare.
      const response = request.length > 0 ? [] : list.filter((e) => e.line === m.read);
      for (const [side, found] of /** @type {const} */ ([
        ['request', request],
        ['response', response],
      ])) {
        if (found.length === 0) continue;
        const names = [...m.schemas[side]].filter(
          (s) => brokenTypes[side].has(s) || removedTypes.includes(s),
        );
        const self =
          m.operation === m.key
            ? `paths[${quote(m.key.slice(m.key.indexOf(' ') + 1))}]`
            : `operations[${quote(m.operation)}]`;
        breaks.push({
          key: m.key,
          operation: m.operation,
          side,
          types: [self, ...names.sort().map((s) => `components["schemas"][${quote(s)}]`)],
          message: found[0]?.message ?? '',
        });
      }
    }
    return {
      breaks,
      unchecked,
      removedTypes: removedTypes.map((s) => `components["schemas"][${quote(s)}]`),
      operations: modules.size,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
