// @ts-check
/**
 * Scaffolds a new operation into an API description folder laid out as
 * `openapi.yaml` (root, paths registered under `# --- <Section> ---` marker comments),
 * `resources/<section>/<path item>.yaml`, `resources/<section>/{parameters,examples}/`,
 * `shared/parameters/`, and an optional `scaffold.yaml` with the API's conventions.
 * Every check runs before anything is written; a refusal writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parse, parseDocument, stringify } from 'yaml';
import { buildOperation } from './model.mjs';
import { collectionSegment, fileNameFor, operationIdFor } from './names.mjs';
import { findAction, loadActions, templateKey } from './reference.mjs';

/** A refusal: the message says what is wrong and what to do. */
export class ScaffoldError extends Error {}

/** @typedef {import('./model.mjs').ScaffoldConfig} ScaffoldConfig */

const YAML_OPTIONS = /** @type {const} */ ({ lineWidth: 0, blockQuote: 'literal' });

/**
 * The API's conventions from `scaffold.yaml`, or plain defaults.
 * @param {string} apiDir
 * @returns {ScaffoldConfig & { changeset: Record<string, string> }}
 */
export function loadConfig(apiDir) {
  const file = join(apiDir, 'scaffold.yaml');
  const raw = existsSync(file) ? parse(readFileSync(file, 'utf8')) : {};
  const errors = raw?.errorResponses ?? {};
  const packageName = JSON.parse(readFileSync(join(apiDir, 'package.json'), 'utf8')).name;
  return {
    mediaType: raw?.mediaType ?? 'application/json',
    errorResponses: {
      always: errors.always ?? {},
      whenPathNamesResource: errors.whenPathNamesResource ?? {},
      exceptParameters: errors.exceptParameters ?? [],
      whenBody: errors.whenBody ?? {},
    },
    errorSchema: raw?.errorSchema,
    errorExample: raw?.errorExample,
    changeset: raw?.changeset ?? { [packageName]: 'minor' },
  };
}

/**
 * What the root document registers: its section markers and its paths.
 * @param {string} text
 */
export function readRoot(text) {
  const lines = text.split('\n');
  /** @type {Map<string, { line: number, last: number, folder: string | undefined }>} */
  const sections = new Map();
  /** @type {Array<{ path: string, file: string, section: string | undefined }>} */
  const paths = [];
  /** @type {string | undefined} */
  let current;
  let pending = '';
  for (const [i, line] of lines.entries()) {
    const marker = /^ {2}# --- (.+) ---\s*$/.exec(line);
    if (marker?.[1]) {
      current = marker[1];
      sections.set(current, { line: i, last: i, folder: undefined });
      continue;
    }
    const path = /^ {2}(\/\S*):\s*$/.exec(line);
    if (path?.[1]) pending = path[1];
    const ref = /^ {4}\$ref:\s*['"]?([^'"\s]+)/.exec(line);
    if (ref?.[1] && pending) {
      paths.push({ path: pending, file: ref[1], section: current });
      const section = current ? sections.get(current) : undefined;
      if (section) {
        section.last = i;
        section.folder ??= dirname(ref[1]);
      }
      pending = '';
    }
  }
  const tags = (parse(text)?.tags ?? []).map((/** @type {{ name: string }} */ t) => t.name);
  return { lines, sections, paths, tags };
}

/**
 * Every parameter file of the given folders, with what it declares.
 * @param {string[]} folders
 */
function parameterFiles(folders) {
  return folders.flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => /\.ya?ml$/.test(f))
          .map((f) => ({
            file: join(folder, f),
            node: parse(readFileSync(join(folder, f), 'utf8')),
          }))
      : [],
  );
}

/**
 * Every operationId the description's files declare.
 * @param {string} dir
 * @returns {string[]}
 */
function operationIds(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return operationIds(path);
    if (!/\.ya?ml$/.test(entry.name)) return [];
    return [...readFileSync(path, 'utf8').matchAll(/^\s*operationId:\s*['"]?([\w-]+)/gm)].map(
      (m) => m[1] ?? '',
    );
  });
}

/** @param {string} text */
const kebab = (text) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * @typedef {{
 *   apiDir: string, referenceDir: string, repoRoot: string, method: string, path: string,
 *   section?: string | undefined, operationId?: string | undefined, file?: string | undefined,
 * }} ScaffoldOptions
 */

/**
 * Scaffolds one operation; returns the files written (relative to the repository) and notes
 * for the author.
 * @param {ScaffoldOptions} options
 */
export function scaffold(options) {
  const { apiDir, referenceDir, repoRoot } = options;
  const method = options.method.toUpperCase();
  const lower = method.toLowerCase();
  const config = loadConfig(apiDir);
  const action = findAction(loadActions(referenceDir), method, options.path);
  if (!action) {
    throw new ScaffoldError(
      `Unknown action: ${method} ${options.path} is neither in ${relative(repoRoot, referenceDir)}/operations.json nor among the extra endpoints of its conventions.json. Add it to the reference data first.`,
    );
  }
  if (action.sources.length === 0) {
    throw new ScaffoldError(
      `${method} ${action.path} (${action.action}) has no documentation page in the reference data, so the operation could not name its sources. Record the page's URL there first.`,
    );
  }

  const rootFile = join(apiDir, 'openapi.yaml');
  const root = readRoot(readFileSync(rootFile, 'utf8'));
  const registered = root.paths.find((p) => templateKey(p.path) === templateKey(action.path));
  const path = registered?.path ?? action.path;
  if (registered) {
    const item = parse(readFileSync(join(apiDir, registered.file), 'utf8')) ?? {};
    if (item[lower]) {
      throw new ScaffoldError(
        `Already present: ${method} ${path} is \`${item[lower].operationId}\` in ${relative(repoRoot, join(apiDir, registered.file))}.`,
      );
    }
  }

  // The section: asked for, documented, or that of the list or item beside it.
  const sibling = root.paths.find(
    (p) => collectionSegment(p.path) === collectionSegment(action.path) && p.section,
  );
  const section = options.section ?? action.section ?? registered?.section ?? sibling?.section;
  if (!section) {
    throw new ScaffoldError(
      `The reference data names no section for ${method} ${action.path}, and no registered path shares its resource. Pass --section with one of: ${[...root.sections.keys()].join(', ')}.`,
    );
  }
  const marker = root.sections.get(section);
  if (!marker || !root.tags.includes(section)) {
    throw new ScaffoldError(
      `Section "${section}" needs a tag and a \`# --- ${section} ---\` marker in ${relative(repoRoot, rootFile)}; the sections there are: ${[...root.sections.keys()].join(', ')}.`,
    );
  }
  const folder = registered
    ? dirname(registered.file)
    : (marker.folder ?? `resources/${kebab(section)}`);
  const itemFile = registered?.file ?? join(folder, options.file ?? fileNameFor(action.path));
  if (!registered && existsSync(join(apiDir, itemFile))) {
    throw new ScaffoldError(
      `${relative(repoRoot, join(apiDir, itemFile))} exists already for another path; choose another file name with --file.`,
    );
  }

  const operationId = options.operationId ?? operationIdFor(method, action.path);
  if (operationIds(apiDir).includes(operationId)) {
    throw new ScaffoldError(
      `operationId ${operationId} is taken; choose another with --operation-id.`,
    );
  }

  const itemDir = join(apiDir, folder);
  const parameters = parameterFiles([
    join(itemDir, 'parameters'),
    join(apiDir, 'shared/parameters'),
  ]);
  const model = buildOperation(action, path, config, {
    operationId,
    tag: section,
    findParameter: (name, location, deepObject) => {
      const found = parameters.find(
        ({ file, node }) =>
          node?.name === name &&
          node?.in === location &&
          (node?.style === 'deepObject') === deepObject &&
          (location === 'path' || file.startsWith(join(apiDir, 'shared'))),
      );
      return found ? relative(itemDir, found.file) : undefined;
    },
    sharedFile: (file) => relative(itemDir, join(apiDir, file)),
  });

  const exampleFiles = model.examples.map((e) => ({ ...e, path: join(itemDir, e.file) }));
  const taken = exampleFiles.filter((e) => existsSync(e.path));
  if (taken.length > 0) {
    throw new ScaffoldError(
      `Example files exist already: ${taken.map((e) => relative(repoRoot, e.path)).join(', ')}.`,
    );
  }
  const changesetFile = join(repoRoot, '.changeset', `add-${kebab(operationId)}.md`);
  if (existsSync(changesetFile)) {
    throw new ScaffoldError(`${relative(repoRoot, changesetFile)} exists already.`);
  }

  // Everything checked: write.
  /** @type {string[]} */
  const written = [];
  const write = (/** @type {string} */ file, /** @type {string} */ text) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(relative(repoRoot, file));
  };
  for (const e of exampleFiles) write(e.path, stringify(e.content, YAML_OPTIONS));

  const itemPath = join(apiDir, itemFile);
  if (registered) {
    const document = parseDocument(readFileSync(itemPath, 'utf8'));
    document.set(lower, document.createNode(model.operation));
    write(itemPath, document.toString(YAML_OPTIONS));
  } else {
    /** @type {Record<string, unknown>} */
    const item = {};
    if (model.pathParameters.length > 0) item.parameters = model.pathParameters;
    item[lower] = model.operation;
    write(itemPath, stringify(item, YAML_OPTIONS));
    const lines = [...root.lines];
    lines.splice(marker.last + 1, 0, `  ${path}:`, `    $ref: ${itemFile}`);
    write(rootFile, lines.join('\n'));
  }

  const bumps = Object.entries(config.changeset)
    .map(([name, bump]) => `"${name}": ${bump}`)
    .join('\n');
  write(
    changesetFile,
    `---\n${bumps}\n---\n\nNew operation \`${operationId}\` (${method} \`${path}\`): ${action.action}.\n`,
  );

  const notes = [
    'Write the description in your own words; it now only says what the pages do not show.',
    'Check the parameter descriptions, the examples and the x-sources of each official example (it lists every page of the action).',
    ...action.notes.map((n) => `The reference notes: ${n}`),
  ];
  return { operationId, section, file: relative(repoRoot, itemPath), written, notes };
}

/** The reference folder that goes with an API folder: tools/reference/<api>. */
export function defaultReferenceDir(/** @type {string} */ repoRoot, /** @type {string} */ apiDir) {
  return join(repoRoot, 'tools', 'reference', basename(apiDir));
}
