import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { types: [] }, resolve: ['@proseapi/xml-codec', '@proseapi/client-kit'] },
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  clean: true,
  treeshake: true,
  tsconfig: 'tsconfig.lib.json',
  // The XML codec and the client kit are private packages of this repository: bundled in (fast-xml-parser stays a dependency).
  noExternal: ['@proseapi/xml-codec', '@proseapi/client-kit'],
});
