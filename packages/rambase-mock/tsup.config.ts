import { defineConfig, type Options } from 'tsup';
import { bundledTypes } from '../../tools/scripts/bundled-types.mjs';

const external = ['#precompiled', '@proseapi/rambase-openapi/openapi.json'];
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

const common: Options = {
  format: ['esm'],
  sourcemap: true,
  target: 'node20',
  external,
  noExternal: bundled,
  esbuildOptions,
};

export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, dts: bundledTypes(bundled), clean: true },
  // The command, and the layout of records the build compiles the validators with.
  { ...common, entry: { cli: 'src/cli.ts', records: 'src/dialect/records.ts' }, clean: false },
]);
