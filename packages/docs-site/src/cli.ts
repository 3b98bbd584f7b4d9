#!/usr/bin/env node
/**
 * docs-site: builds, serves, measures and photographs the docs site of the package it runs
 * in, as its `docs.config.mjs` describes it.
 *
 *   docs-site build                  dist/index.html and dist/openapi.json
 *   docs-site serve                  serves dist/ on loopback (port from PORT, default 8080)
 *   docs-site bench                  page size and render times in Chromium
 *   docs-site screenshot [opId]      screenshot.png of the page opened at an operation
 *
 * `--config FILE` reads another configuration file.
 */
import { join, relative } from 'node:path';
import { bench } from './bench.js';
import { loadConfig } from './config.js';
import { screenshot } from './screenshot.js';
import { startDocsServer } from './server.js';
import { buildSite } from './site.js';

const args = process.argv.slice(2);
const at = args.indexOf('--config');
const configFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
const [command, operationId] = args;

async function serve(dist: string, name: string) {
  const requested = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  }
  const server = await startDocsServer({ root: dist, port: requested });
  if (server.port !== requested && requested !== 0) {
    console.log(`Port ${requested} is taken; using ${server.port} instead.`);
  }
  console.log(`${name}: ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close().then(() => process.exit(0));
    });
  }
}

async function main() {
  const { root, config } = await loadConfig(configFile);
  const dist = join(root, 'dist');
  switch (command) {
    case 'build': {
      const started = performance.now();
      const result = await buildSite(config, { outDir: dist });
      const kib = (result.htmlBytes / 1024).toFixed(0);
      console.log(
        `docs: ${relative(process.cwd(), result.htmlPath)} (${kib} KiB, ${result.operations} operations with code samples) in ${Math.round(performance.now() - started)} ms`,
      );
      return;
    }
    case 'serve':
      return serve(dist, config.name);
    case 'bench':
      return bench(dist);
    case 'screenshot':
      return screenshot(root, operationId);
    default:
      throw new Error(
        'usage: docs-site <build | serve | bench | screenshot [operationId]> [--config FILE]',
      );
  }
}

main().catch((error: unknown) => {
  console.error(`docs-site: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
