#!/usr/bin/env node
/**
 * `proseapi-precompile --spec <bundle.json> --out <dir> [--name precompiled]
 * [--representation <module>] [--description <file>]`: writes `<name>.cjs` and `<name>.js`
 * with the validators of a bundled description, and the same split by path for Node.js (see
 * `writePrecompiled`). The module given to `--representation` exports a `representation`
 * (default: plain JSON). With `--description`, the compact copy of the description
 * (`compactDocument`) is written to `<out>/<file>` and the validators are compiled from it:
 * the copy a mock serves by default.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { asciiJson, compactDocument, loadBundle } from '@proseapi/openapi-model';
import { plainJson, type Representation } from '../state/representation.js';
import { precompileValidators } from './precompile.js';
import { writePrecompiled } from './write.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spec: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string' },
      representation: { type: 'string' },
      description: { type: 'string' },
    },
  });
  if (!values.spec || !values.out) {
    throw new Error(
      'usage: proseapi-precompile --spec <bundle.json> --out <dir> [--name precompiled] [--representation <module>] [--description <file>]',
    );
  }
  let representation: Representation = plainJson;
  if (values.representation) {
    const module = (await import(pathToFileURL(resolve(values.representation)).href)) as {
      representation?: Representation;
    };
    if (!module.representation) {
      throw new Error(`${values.representation} exports no "representation"`);
    }
    representation = module.representation;
  }
  const name = values.name ?? 'precompiled';
  let doc = loadBundle(values.spec);
  if (values.description) {
    doc = compactDocument(doc);
    mkdirSync(values.out, { recursive: true });
    // In ASCII: a start reads and parses it as one byte per character.
    writeFileSync(join(values.out, values.description), asciiJson(doc));
  }
  const sources = precompileValidators(doc, {
    representation,
    partsDir: `${name}-parts`,
  });
  writePrecompiled(values.out, name, sources);
  process.stdout.write(`precompiled ${sources.count} validators from ${values.spec}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`proseapi-precompile: ${(error as Error).message}\n`);
  process.exit(1);
});
