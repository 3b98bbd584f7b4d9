import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parseChangeset from '@changesets/parse';
import { describe, expect, it } from 'vitest';
import { ROOT, workspacePackages } from './workspace.js';

const dir = join(ROOT, '.changeset');
const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
const publishable = new Set(workspacePackages().flatMap((p) => (p.private ? [] : [p.name])));

describe('pending changesets', () => {
  it.each(files)('%s reads with the changesets parser and names published packages', (file) => {
    const { releases, summary } = parseChangeset(readFileSync(join(dir, file), 'utf8'));
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) expect(publishable).toContain(release.name);
    expect(summary.length).toBeGreaterThan(0);
  });
});
