// @ts-check
/**
 * Declarations for a published package that bundles private workspace packages.
 *
 * The private packages are built into several entries whose declaration files share chunks
 * (`./entries.js`, `./web-….js`); bundling their built declarations would leave imports of
 * chunks a published tarball does not carry. Instead the declaration build reads their
 * sources through `paths`, so the published `index.d.ts` holds every type it names.
 */
import { fileURLToPath } from 'node:url';

/** The private packages, by name, with the folder under `packages/` that holds each. */
const PRIVATE = {
  '@proseapi/conformance': 'conformance',
  '@proseapi/mock-engine': 'mock-engine',
  '@proseapi/openapi-model': 'openapi-model',
  '@proseapi/xml-codec': 'xml-codec',
};

const packages = fileURLToPath(new URL('../../packages/', import.meta.url));

/**
 * tsup's `dts` option for a package that bundles the named private packages.
 * @param {import('./bundled-types.d.mts').PrivatePackage[]} names
 */
export function bundledTypes(names) {
  /** @type {Record<string, string[]>} */
  const paths = {};
  for (const name of names) {
    const source = `${packages}${PRIVATE[name]}/src`;
    paths[name] = [`${source}/index.ts`];
    paths[`${name}/*`] = [`${source}/*.ts`];
  }
  return { compilerOptions: { paths } };
}
