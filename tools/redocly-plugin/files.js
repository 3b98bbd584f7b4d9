// @ts-check
/**
 * Redocly plugin `files`: rules about the files of a multi-file description rather than its
 * content. Redocly reads only the files the root document references, so a file nobody
 * references is never linted nor bundled; this plugin notices it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';

/** Extensions of the files a description is written in. */
const DESCRIPTION_FILES = new Set(['.yaml', '.yml', '.json']);

/**
 * @typedef {{ absoluteRef: string }} Source
 * @typedef {{ source: Source, pointer: string }} Location
 * @typedef {{ report: (problem: { message: string, location?: Location }) => void, location: Location }} Ctx
 */

/**
 * Every description file below `folder`, recursively, as absolute paths.
 * @param {string} folder
 * @returns {string[]}
 */
export function descriptionFiles(folder) {
  /** @type {import('node:fs').Dirent[]} */
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return descriptionFiles(path);
    return entry.isFile() && DESCRIPTION_FILES.has(extname(entry.name)) ? [resolve(path)] : [];
  });
}

/**
 * Every description file in the configured folders (relative to the root document; default
 * `resources`) must be reached from the root through `$ref`s. Each file that is not is
 * reported at its own location, `#/`.
 * @param {{ folders?: string[] }} options
 */
function NoUnreferenced(options) {
  const folders = options.folders ?? ['resources'];
  /** @type {Set<string>} */
  const reached = new Set();
  return {
    any: {
      /** @param {unknown} _node @param {Ctx} ctx */
      enter(_node, ctx) {
        reached.add(resolve(ctx.location.source.absoluteRef));
      },
    },
    ref: {
      /** @param {unknown} _ref @param {Ctx} _ctx @param {{ location?: Location }} resolved */
      enter(_ref, _ctx, resolved) {
        if (resolved.location) reached.add(resolve(resolved.location.source.absoluteRef));
      },
    },
    Root: {
      /** @param {unknown} _root @param {Ctx} ctx */
      leave(_root, ctx) {
        const rootFile = resolve(ctx.location.source.absoluteRef);
        const base = dirname(rootFile);
        // A problem's location needs a Source; the one Redocly uses is built the same way.
        const SourceClass = /** @type {new (ref: string, body: string) => Source} */ (
          ctx.location.source.constructor
        );
        for (const folder of folders) {
          for (const file of descriptionFiles(join(base, folder))) {
            if (reached.has(file)) continue;
            ctx.report({
              message: `${relative(base, file)} is not referenced from ${relative(base, rootFile)}: register it (or what uses it) there, or delete it.`,
              location: {
                source: new SourceClass(file, readFileSync(file, 'utf8')),
                pointer: '#/',
              },
            });
          }
        }
      },
    },
  };
}

/** The Redocly plugin. Enable its rule in redocly.yaml as `files/no-unreferenced`. */
export default function filesPlugin() {
  return {
    id: 'files',
    rules: {
      oas3: {
        'no-unreferenced': NoUnreferenced,
      },
    },
  };
}
