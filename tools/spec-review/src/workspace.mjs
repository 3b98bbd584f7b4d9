// @ts-check
/** The packages of the pnpm workspace, read from pnpm-workspace.yaml and each package.json. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The name in a folder's package.json.
 * @param {string} dir absolute
 */
export function packageNameOf(dir) {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: the description's folder must be a package with a name.`);
  }
  const name = JSON.parse(readFileSync(file, 'utf8')).name;
  if (typeof name !== 'string' || name === '') throw new Error(`${file} has no "name".`);
  return name;
}

/**
 * Every package of the workspace, with its folder relative to the root. Workspace entries are
 * folders or `folder/*` patterns.
 * @param {string} root repository root
 * @returns {Array<{ folder: string, manifest: any }>}
 */
export function workspacePackages(root) {
  const file = join(root, 'pnpm-workspace.yaml');
  const patterns = existsSync(file) ? (parse(readFileSync(file, 'utf8'))?.packages ?? []) : [];
  const out = [];
  for (const pattern of /** @type {string[]} */ (patterns)) {
    const folders = pattern.endsWith('/*')
      ? listFolders(root, pattern.slice(0, -2)).map((name) => `${pattern.slice(0, -2)}/${name}`)
      : [pattern];
    for (const folder of folders) {
      const manifest = join(root, folder, 'package.json');
      if (existsSync(manifest))
        out.push({ folder, manifest: JSON.parse(readFileSync(manifest, 'utf8')) });
    }
  }
  return out;
}

/**
 * The folders of the descriptions of the workspace: every package whose folder holds an
 * `openapi.yaml` at its top, relative to the root, in the workspace's order.
 * @param {string} root repository root
 * @returns {string[]}
 */
export function descriptionFolders(root) {
  return workspacePackages(root)
    .map((p) => p.folder)
    .filter((folder) => existsSync(join(root, folder, 'openapi.yaml')));
}

/**
 * Every published (not private) package of the workspace: folder relative to the root → name.
 * @param {string} root repository root
 * @returns {Record<string, string>}
 */
export function publishedPackages(root) {
  return Object.fromEntries(
    workspacePackages(root)
      .filter((p) => p.manifest.private !== true && typeof p.manifest.name === 'string')
      .map((p) => [p.folder, p.manifest.name]),
  );
}

/**
 * The file a workspace package's export resolves to (`types` for ".", `default` or `import`
 * for a subpath), or undefined when the package is not in the workspace.
 * @param {string} root
 * @param {string} specifier e.g. "@scope/client" or "@scope/docs/code-samples"
 * @param {'types' | 'default'} condition
 */
export function workspaceExport(root, specifier, condition) {
  const pkg = workspacePackages(root).find(
    (p) => specifier === p.manifest.name || specifier.startsWith(`${p.manifest.name}/`),
  );
  if (!pkg) return undefined;
  const subpath = `.${specifier.slice(pkg.manifest.name.length)}`;
  /** @type {any} */
  let target = pkg.manifest.exports?.[subpath];
  if (target === undefined && subpath === '.')
    target = pkg.manifest[condition === 'types' ? 'types' : 'main'];
  for (let i = 0; i < 4 && target && typeof target === 'object'; i++) {
    target = target[condition] ?? target.import ?? target.default;
  }
  if (typeof target !== 'string') {
    throw new Error(`${pkg.folder}/package.json exports no ${condition} for ${subpath}.`);
  }
  return join(root, pkg.folder, target);
}

/**
 * @param {string} root
 * @param {string} folder
 */
function listFolders(root, folder) {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'node_modules')
    .map((e) => e.name)
    .sort();
}
