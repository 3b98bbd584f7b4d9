import { defineConfig } from 'tsup';

// One build per entry: the declarations of each stand alone (no shared chunk), so that a
// package bundling them (the client's recorder) finds every type in the file it reads.
// Neither build cleans dist/: they run side by side, and one would delete the other's files.
const entry = (name: string) =>
  defineConfig({
    entry: { [name]: `src/${name}.ts` },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
  });

export default [entry('index'), entry('drift')];
