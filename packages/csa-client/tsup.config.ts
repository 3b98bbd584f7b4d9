import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // The XML codec and the client kit are private packages of this repository: bundled in, types included.
  noExternal: ['@proseapi/xml-codec', '@proseapi/client-kit'],
  dts: { compilerOptions: { types: [] }, resolve: ['@proseapi/xml-codec', '@proseapi/client-kit'] },
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  clean: true,
  treeshake: true,
  tsconfig: 'tsconfig.lib.json',
});
