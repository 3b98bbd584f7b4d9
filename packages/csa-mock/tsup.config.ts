import { defineConfig, type Options } from 'tsup';

const external = ['#precompiled', '@proseapi/csa-openapi/openapi.json'];
// The engine, the model and the XML codec are private workspace packages: bundled in, types included.
const bundled = ['@proseapi/mock-engine', '@proseapi/openapi-model', '@proseapi/xml-codec'];

// Node 20.10+ reads `import … with { type: 'json' }`; keep the attribute on the external spec import.
const esbuildOptions: Options['esbuildOptions'] = (options) => {
  options.supported = { ...options.supported, 'import-attributes': true };
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: { resolve: bundled },
    sourcemap: true,
    clean: true,
    target: 'node20',
    external,
    noExternal: bundled,
    esbuildOptions,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    external,
    noExternal: bundled,
    esbuildOptions,
  },
]);
