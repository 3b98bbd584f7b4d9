import { relative } from 'node:path';
import { buildSite } from '../site.js';

const started = performance.now();
const result = await buildSite();
const kib = (result.htmlBytes / 1024).toFixed(0);
console.log(
  `docs: ${relative(process.cwd(), result.htmlPath)} (${kib} KiB, ${result.operations} operations with code samples) in ${Math.round(performance.now() - started)} ms`,
);
