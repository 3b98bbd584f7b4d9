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
import { readFileSync } from 'node:fs';
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
 * The file a package import (`#name`) names for `require` in Node.js: the target its
 * `node`, `require` or `default` condition gives, in that order.
 * @param {unknown} target
 * @returns {string | undefined}
 */
function requiredFile(target) {
  if (typeof target === 'string') return target;
  if (typeof target !== 'object' || target === null) return undefined;
  for (const condition of ['node', 'require', 'default']) {
    if (condition in target)
      return requiredFile(/** @type {Record<string, unknown>} */ (target)[condition]);
  }
  return undefined;
}

/**
 * An esbuild plugin for the command, which sits in `dist/` beside the files the package's
 * imports name there: `require("#description")` becomes `require("./description.json")`, so a
 * start does not resolve the import through `package.json`.
 * @param {Record<string, unknown>} imports the package's own `imports`
 */
function importsBesideTheCommand(imports) {
  /** @type {Record<string, string>} */
  const beside = {};
  for (const [name, target] of Object.entries(imports)) {
    const file = requiredFile(target);
    if (file?.startsWith('./dist/')) beside[name] = `./${file.slice('./dist/'.length)}`;
  }
  return {
    name: 'imports-beside-the-command',
    /** @param {{ onResolve: (options: { filter: RegExp }, callback: (args: { path: string }) => { path: string; external: boolean } | undefined) => void }} build */
    setup(build) {
      build.onResolve({ filter: /^#/ }, (args) => {
        const path = beside[args.path];
        return path ? { path, external: true } : undefined;
      });
    },
  };
}

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
  // The package's own imports (`#description`, `#precompiled` …), read where tsup runs: the
  // package's folder. They stay outside every bundle.
  const { imports = {} } = JSON.parse(readFileSync('package.json', 'utf8'));
  const base = { sourcemap: true, target: 'node20', external: [description] };
  return {
    common: {
      ...base,
      external: [...Object.keys(imports), description],
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
    // Its package imports are required by their paths in `dist/` (see above).
    cli: {
      ...base,
      format: ['cjs'],
      noExternal: [...bundled, 'json-schema-faker'],
      esbuildPlugins: [importsBesideTheCommand(imports)],
    },
  };
}
