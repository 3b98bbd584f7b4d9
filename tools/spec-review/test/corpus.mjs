// @ts-check
/**
 * The corpus of breaking-change cases: `corpus/<case>/before/` and `after/` hold a small
 * description each (root `openapi.yaml`, maybe more files), `expected.yaml` the verdict the
 * policy of CONTRIBUTING.md gives the change.
 *
 * To run many cases through one `spec-review diff`, they become one description in a copy of
 * this repository, under `spec/<batch>/`: its root refers to each case's paths under
 * `/<case>` and to each case's security schemes (whose names are unique across the corpus).
 * The base commit holds every `before`, the working tree every `after`.
 *
 * `redocly diff` pairs a removed path with a similar added one as a rename, even across
 * cases (and a path added by one case is a removed one when the diff reads backwards); so
 * every case that adds, removes or renames a path gets a description of its own.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
export const CORPUS_PACKAGE = '@spec-review/corpus';

/**
 * @typedef {'none' | 'patch' | 'minor' | 'major'} Impact
 * @typedef {{ change: string, clients: Impact, servers: Impact,
 *   decidedBy: { clients: string, servers: string } }} Expected
 */

/** @returns {Array<{ name: string, expected: Expected }>} */
export function corpusCases() {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({
      name: e.name,
      expected: parse(readFileSync(join(CORPUS, e.name, 'expected.yaml'), 'utf8')),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * @param {string} name
 * @param {'before' | 'after'} side
 * @returns {any}
 */
const readCase = (name, side) =>
  parse(readFileSync(join(CORPUS, name, side, 'openapi.yaml'), 'utf8'));

/**
 * The cases in batches that can share one description, by folder: `spec/corpus` for the cases
 * that keep their paths, `spec/corpus-<case>` for each case that adds, removes or renames one.
 * @returns {Record<string, string[]>}
 */
export function corpusBatches() {
  /** @type {Record<string, string[]>} */
  const batches = { 'spec/corpus': [] };
  for (const { name } of corpusCases()) {
    const before = Object.keys(readCase(name, 'before').paths ?? {}).sort();
    const after = Object.keys(readCase(name, 'after').paths ?? {}).sort();
    if (before.join('\n') === after.join('\n')) batches['spec/corpus']?.push(name);
    else batches[`spec/corpus-${name}`] = [name];
  }
  return batches;
}

/** @param {string} s */
const pointerKey = (s) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Writes one side of the named cases as the description in `<repo>/<folder>/`, and returns
 * which case each security scheme belongs to.
 * @param {string} repo
 * @param {string} folder
 * @param {string[]} names
 * @param {'before' | 'after'} side
 */
export function writeCorpus(repo, folder, names, side) {
  const dir = join(repo, folder);
  rmSync(dir, { recursive: true, force: true });
  /** @type {Record<string, unknown>} */
  const paths = {};
  /** @type {Record<string, unknown>} */
  const schemes = {};
  /** @type {Map<string, string>} */
  const schemeCase = new Map();
  for (const name of names) {
    cpSync(join(CORPUS, name, side), join(dir, 'cases', name), { recursive: true });
    const doc = readCase(name, side);
    for (const key of ['security', 'servers', 'webhooks']) {
      if (doc[key]) throw new Error(`corpus/${name}/${side}: put ${key} on the operations`);
    }
    for (const path of Object.keys(doc.paths ?? {})) {
      paths[`/${name}${path}`] = { $ref: `cases/${name}/openapi.yaml#/paths/${pointerKey(path)}` };
    }
    for (const scheme of Object.keys(doc.components?.securitySchemes ?? {})) {
      const owner = schemeCase.get(scheme);
      if (owner && owner !== name) {
        throw new Error(`security scheme ${scheme} is in corpus/${owner} and corpus/${name}`);
      }
      schemeCase.set(scheme, name);
      schemes[scheme] = {
        $ref: `cases/${name}/openapi.yaml#/components/securitySchemes/${pointerKey(scheme)}`,
      };
    }
  }
  const root = {
    openapi: '3.1.0',
    info: { title: 'Breaking-change corpus', version: '1.0.0' },
    paths,
    ...(Object.keys(schemes).length ? { components: { securitySchemes: schemes } } : {}),
  };
  writeFileSync(join(dir, 'openapi.yaml'), stringify(root));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: CORPUS_PACKAGE, version: '1.0.0', private: true }, null, 2)}\n`,
  );
  return schemeCase;
}

/**
 * The case a change of the combined description belongs to.
 * @param {{ path: string }} change
 * @param {Map<string, string>} schemeCase
 */
export function caseOf(change, schemeCase) {
  const segments = change.path
    .replace(/^#\//, '')
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (segments[0] === 'paths') return (segments[1] ?? '').split('/')[1];
  if (segments[0] === 'components' && segments[1] === 'securitySchemes') {
    return schemeCase.get(segments[2] ?? '');
  }
  return undefined;
}
