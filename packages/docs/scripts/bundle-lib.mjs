// The published entry `@activeplatform/docs/code-samples` carries the private
// `@proseapi/openapi-model` inside it, so that installing the package needs nothing that is
// not published. The site's own build runs on the compiled files as they are.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/code-samples.ts', import.meta.url).pathname],
  outfile: new URL('../dist/lib/code-samples.js', import.meta.url).pathname,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
