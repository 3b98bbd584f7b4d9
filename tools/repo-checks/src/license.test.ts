import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, workspacePackages } from './workspace.js';

const licence = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
const published = workspacePackages().filter((p) => !p.private);

describe('the licence', () => {
  it('is MIT at the root, as package.json declares', () => {
    expect(licence.split('\n')[0]).toBe('MIT License');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
  });

  it('finds the published packages', () => {
    expect(published.map((p) => p.name)).toEqual(
      expect.arrayContaining(['@activeplatform/openapi', '@activeplatform/client']),
    );
  });

  it.each(published.map((p) => [p.name, p] as const))(
    '%s declares MIT and packs the same LICENSE file',
    (_name, pkg) => {
      expect(pkg.license).toBe('MIT');
      expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(licence);
      const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: pkg.dir,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      const [tarball] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
      expect(tarball?.files.map((f) => f.path)).toContain('LICENSE');
    },
  );
});
