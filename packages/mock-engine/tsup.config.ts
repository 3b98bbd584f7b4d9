import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      server: 'src/server.ts',
      msw: 'src/msw.ts',
      compile: 'src/compile.ts',
      observe: 'src/observe.ts',
      proxy: 'src/proxy.ts',
      testing: 'src/testing.ts',
      xml: 'src/xml.ts',
      entries: 'src/entries.ts',
      cli: 'src/cli.ts',
    },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry: { 'compile/cli': 'src/compile/cli.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
  },
]);
