import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts'],
  format: ['esm', 'cjs'],
  // The test helper (src/testing.ts) uses Node's util; nothing else does.
  dts: { compilerOptions: { types: ['node'] } },
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  clean: true,
  treeshake: true,
  tsconfig: 'tsconfig.lib.json',
});
