import { defineConfig } from 'tsup';

const external = ['#precompiled', '@activeplatform/openapi/openapi.json'];

// Node 20.10+ reads `import … with { type: 'json' }`; keep the attribute on the external spec import.
const esbuildOptions = (options: { supported?: Record<string, boolean> }) => {
  options.supported = { ...options.supported, 'import-attributes': true };
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external,
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
