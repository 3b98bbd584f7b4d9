import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

// Node's own modules, which the bundled packages import for features the recorder does not use:
// left out, and marked free of side effects so that no bare `import 'fs'` stays behind.
const nodeBuiltins: Plugin = {
  name: 'node-builtins-unused',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|path|zlib|util|http|https)$/ }, (args) => ({
      path: args.path,
      external: true,
      sideEffects: false,
    }));
  },
};

// The recorder bundles what it needs: the description, its precompiled validators, and the
// private packages that judge traffic (types included), so that it adds no dependency.
const bundled = ['@proseapi/conformance', '@proseapi/mock-engine', '@proseapi/openapi-model'];

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { types: [] } },
    target: 'es2022',
    platform: 'neutral',
    sourcemap: true,
    clean: true,
    treeshake: true,
    tsconfig: 'tsconfig.lib.json',
  },
  {
    // Its own build, so that it shares no chunk with the default entry.
    entry: { recorder: 'src/recorder/index.ts' },
    format: ['esm', 'cjs'],
    dts: { resolve: bundled, compilerOptions: { types: [] } },
    target: 'es2022',
    platform: 'neutral',
    sourcemap: false,
    clean: false,
    treeshake: true,
    splitting: false,
    noExternal: [...bundled, 'ajv', 'ajv-formats', '@activeplatform/openapi'],
    esbuildPlugins: [nodeBuiltins],
    tsconfig: 'tsconfig.lib.json',
  },
]);
