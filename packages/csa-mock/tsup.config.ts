import { defineConfig } from 'tsup';
import { mockBuild } from '../../tools/scripts/mock-build.mjs';

const { common, dts, cli } = mockBuild({
  description: '@proseapi/csa-openapi/openapi.json',
  bundled: [
    '@proseapi/mock-engine',
    '@proseapi/openapi-model',
    '@proseapi/xml-codec',
    '@proseapi/conformance',
  ],
});

export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, dts, clean: true },
  { ...cli, entry: { cli: 'src/cli.ts' }, clean: false },
]);
