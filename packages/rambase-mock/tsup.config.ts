import { defineConfig } from 'tsup';
import { mockBuild } from '../../tools/scripts/mock-build.mjs';

const { common, dts, cli } = mockBuild({
  description: '@proseapi/rambase-openapi/openapi.json',
  bundled: [
    '@proseapi/mock-engine',
    '@proseapi/openapi-model',
    '@proseapi/xml-codec',
    '@proseapi/conformance',
  ],
});

export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, dts, clean: true },
  // The command, and the layout of records the build compiles the validators with.
  { ...common, entry: { records: 'src/dialect/records.ts' }, clean: false },
  { ...cli, entry: { cli: 'src/cli.ts' }, clean: false },
]);
