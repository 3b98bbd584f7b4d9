// The published entry `@activeplatform/docs/code-samples` is the generator of
// `@proseapi/docs-site`, a private package: its code is bundled here with the private
// packages it uses, so that installing this package needs nothing that is not published, and
// its declarations (which import nothing but each other) are copied beside it.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const out = new URL('../dist/lib/', import.meta.url).pathname;
const generator = require.resolve('@proseapi/docs-site/code-samples');

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [generator],
  outfile: join(out, 'code-samples.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['fast-xml-parser'],
  logLevel: 'warning',
});
for (const file of ['code-samples.d.ts', 'openapi.d.ts']) {
  const from = join(dirname(generator), file);
  const text = readFileSync(from, 'utf8');
  for (const [, imported] of text.matchAll(/from '([^']+)'/g)) {
    if (!['./openapi.js'].includes(imported)) {
      throw new Error(`${from} imports ${imported}: the published declarations would not resolve`);
    }
  }
  copyFileSync(from, join(out, file));
}
