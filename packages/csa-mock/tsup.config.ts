import { defineConfig, type Options } from 'tsup';
import { bundledTypes } from '../../tools/scripts/bundled-types.mjs';

const external = ['#precompiled', '@proseapi/csa-openapi/openapi.json'];
// The engine, the model, the XML codec and the report format are private workspace packages:
// bundled in, their types built from source.
const bundled: Parameters<typeof bundledTypes>[0] = [
  '@proseapi/mock-engine',
  '@proseapi/openapi-model',
  '@proseapi/xml-codec',
  '@proseapi/conformance',
];

// Node 20.10+ reads `import … with { type: 'json' }`; keep the attribute on the external spec import.
const esbuildOptions: Options['esbuildOptions'] = (options) => {
  options.supported = { ...options.supported, 'import-attributes': true };
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: bundledTypes(bundled),
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
