import { defineConfig } from 'tsup';
import { mockBuild } from '../../tools/scripts/mock-build.mjs';

const { common, dts, cli } = mockBuild({
  description: '@activeplatform/openapi/openapi.json',
  bundled: ['@proseapi/mock-engine', '@proseapi/openapi-model', '@proseapi/conformance'],
});

export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, dts, clean: true },
  {
    // json-schema-faker ships ES modules only: the CommonJS build carries it inside.
    ...common,
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts,
    clean: false,
    noExternal: [...common.noExternal, 'json-schema-faker'],
  },
  { ...common, entry: { codegen: 'src/codegen.ts' }, clean: false },
  { ...cli, entry: { cli: 'src/cli.ts' }, clean: false },
  // The validating proxy (Node.js only), for programs: `@activeplatform/mock/proxy`.
  { ...common, entry: { proxy: 'src/proxy.ts' }, dts, clean: false },
  // A build step, not published: writes the start states (`dist/start.json`).
  {
    ...common,
    entry: { 'prepare-start': 'src/prepare-start.ts' },
    outDir: 'dist-build',
    sourcemap: false,
    clean: true,
  },
]);
