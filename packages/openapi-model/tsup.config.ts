import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', generate: 'src/generate.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // json-schema-faker stays a dependency; the `./generate` entry alone loads it.
  external: ['json-schema-faker'],
});
