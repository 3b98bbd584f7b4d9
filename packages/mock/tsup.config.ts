import { defineConfig, type Options } from 'tsup';

const external = ['#precompiled', '@activeplatform/openapi/openapi.json'];

// Node 20.10+ reads `import … with { type: 'json' }`; keep the attribute on the external spec import.
const esbuildOptions: Options['esbuildOptions'] = (options) => {
  options.supported = { ...options.supported, 'import-attributes': true };
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external,
    esbuildOptions,
  },
  {
    // json-schema-faker ships ES modules only: the CommonJS build carries it inside.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    external,
    noExternal: ['json-schema-faker'],
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
    esbuildOptions,
  },
]);
