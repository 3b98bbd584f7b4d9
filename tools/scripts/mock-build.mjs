// @ts-check
/**
 * The tsup options every published mock shares. A mock bundles the private workspace packages
 * (the engine, the model, the XML codec, the report format) and leaves its description's
 * bundle and its precompiled validators outside.
 *
 * Declarations: the private packages are built into several entries whose declaration files
 * share chunks (`./entries.js`, `./web-….js`); bundling their built declarations would leave
 * imports of chunks a published tarball does not carry. The declaration build reads their
 * sources through `paths` instead, so the published `index.d.ts` holds every type it names.
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
 * @param {import('./mock-build.d.mts').MockBuildInput} input
 * @returns {import('./mock-build.d.mts').MockBuild}
 */
export function mockBuild({ description, bundled }) {
  /** @type {Record<string, string[]>} */
  const paths = {};
  for (const name of bundled) {
    const source = `${packages}${PRIVATE[name]}/src`;
    paths[name] = [`${source}/index.ts`];
    paths[`${name}/*`] = [`${source}/*.ts`];
  }
  const base = {
    sourcemap: true,
    target: 'node20',
    external: ['#precompiled', '#description', '#start', description],
  };
  return {
    common: {
      ...base,
      format: ['esm'],
      noExternal: [...bundled],
      // Node 20.10+ reads `import … with { type: 'json' }`: keep the attribute on the
      // description's import, which stays outside the bundle.
      esbuildOptions(options) {
        options.supported = { ...options.supported, 'import-attributes': true };
      },
    },
    dts: { compilerOptions: { paths } },
    // The command, as one CommonJS file with everything it runs built in (json-schema-faker
    // ships ES modules only): a process that starts it loads one file synchronously, with
    // no ES module resolving and linking, and reads the description's JSON without the ES
    // loader's decoding. Code it reaches only through `import()` (Ajv, the proxy) is still
    // run only when first asked for.
    cli: { ...base, format: ['cjs'], noExternal: [...bundled, 'json-schema-faker'] },
  };
}
