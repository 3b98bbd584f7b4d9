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
 * Every published (not private) package of the workspace: folder relative to the root → name.
 * Workspace entries are folders or `folder/*` patterns.
 * @param {string} root repository root
 * @returns {Record<string, string>}
 */
export function publishedPackages(root) {
  const file = join(root, 'pnpm-workspace.yaml');
  const patterns = existsSync(file) ? (parse(readFileSync(file, 'utf8'))?.packages ?? []) : [];
  /** @type {Record<string, string>} */
  const out = {};
  for (const pattern of /** @type {string[]} */ (patterns)) {
    const folders = pattern.endsWith('/*')
      ? listFolders(root, pattern.slice(0, -2)).map((name) => `${pattern.slice(0, -2)}/${name}`)
      : [pattern];
    for (const folder of folders) {
      const manifest = join(root, folder, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.private !== true && typeof pkg.name === 'string') out[folder] = pkg.name;
    }
  }
  return out;
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
