// @ts-check
import { describe, expect, it } from 'vitest';
import { insertApiChanges } from '../src/changelog.mjs';

const report =
  '## Breaking-change report\n\n✅ API changes.\n\n| Impact | Change |\n| --- | --- |\n| 🟢 minor | added |\n';

describe('API changelog', () => {
  it('goes right under the version heading changesets wrote', () => {
    const before =
      '# @activeplatform/openapi\n\n## 0.2.0\n\n### Minor Changes\n\n- abc: Add things.\n\n## 0.1.0\n';
    const after = insertApiChanges(before, '0.2.0', report, '@activeplatform/openapi');
    const lines = after.split('\n');
    expect(lines.indexOf('### API changes')).toBeGreaterThan(lines.indexOf('## 0.2.0'));
    expect(lines.indexOf('### API changes')).toBeLessThan(lines.indexOf('### Minor Changes'));
    expect(after).toContain('| 🟢 minor | added |');
    expect(after).toContain('## 0.1.0');
  });

  it('replaces its own block when run twice', () => {
    const once = insertApiChanges('', '1.0.0', report, 'pkg');
    const twice = insertApiChanges(once, '1.0.0', report.replace('added', 'removed'), 'pkg');
    expect(twice.match(/### API changes/g)).toHaveLength(1);
    expect(twice).toContain('removed');
    expect(twice).not.toContain('| 🟢 minor | added |');
  });

  it('starts a changelog when there is none', () => {
    expect(insertApiChanges('', '0.1.0', report, 'pkg')).toMatch(
      /^# pkg\n\n## 0\.1\.0\n\n<!-- api-changes/,
    );
  });
});
