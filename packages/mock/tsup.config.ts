import { defineConfig, type Options } from 'tsup';
import { bundledTypes } from '../../tools/scripts/bundled-types.mjs';

const external = ['#precompiled', '@activeplatform/openapi/openapi.json'];
// The engine, the model and the report format are private workspace packages: bundled in,
// their types built from source.
const bundled: Parameters<typeof bundledTypes>[0] = [
  '@proseapi/mock-engine',
  '@proseapi/openapi-model',
  '@proseapi/conformance',
];
const dts: Options['dts'] = bundledTypes(bundled);

// Node 20.10+ reads `import … with { type: 'json' }`; keep the attribute on the external spec import.
const esbuildOptions: Options['esbuildOptions'] = (options) => {
  options.supported = { ...options.supported, 'import-attributes': true };
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external,
    noExternal: bundled,
    esbuildOptions,
  },
  {
    // json-schema-faker ships ES modules only: the CommonJS build carries it inside.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts,
    sourcemap: true,
    clean: false,
    target: 'node20',
    external,
    noExternal: [...bundled, 'json-schema-faker'],
    esbuildOptions,
  },
  {
    entry: { cli: 'src/cli.ts', codegen: 'src/codegen.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    external,
    noExternal: bundled,
    esbuildOptions,
  },
  {
    // The validating proxy (Node.js only), for programs: `@activeplatform/mock/proxy`.
    entry: { proxy: 'src/proxy.ts' },
    format: ['esm'],
    dts,
    sourcemap: true,
    clean: false,
    target: 'node20',
    external,
    noExternal: bundled,
    esbuildOptions,
  },
]);
