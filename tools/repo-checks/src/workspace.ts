/** The repository's workspace packages, read from their package.json files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface WorkspacePackage {
  dir: string;
  name: string;
  private: boolean;
  license?: string;
}

/** Every package under the workspace folders (`spec/*`, `packages/*`, `tools/*`). */
export function workspacePackages(): WorkspacePackage[] {
  const globs = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .flatMap((line) => /^\s+-\s+([\w-]+)\/\*\s*$/.exec(line)?.[1] ?? []);
  return globs.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = join(ROOT, folder, entry.name);
        try {
          const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
          return [{ dir, name: pkg.name, private: pkg.private === true, license: pkg.license }];
        } catch {
          return [];
        }
      }),
  );
}
