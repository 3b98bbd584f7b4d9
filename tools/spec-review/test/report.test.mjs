// @ts-check
import { describe, expect, it } from 'vitest';
import { judge, renderDiffMarkdown, summarize } from '../src/diff.mjs';

/**
 * @param {number} i
 * @param {'major' | 'minor' | 'patch'} impact
 * @returns {import('../src/diff.mjs').Change}
 */
const change = (i, impact) => ({
  words: `GET …/things/${i}: response 200 member \`m${i}\` was ${impact === 'major' ? 'removed' : 'added'}`,
  clients: {
    impact,
    decidedBy: impact === 'major' ? 'redocly diff: property-removed' : 'redocly diff',
  },
  servers: { impact: 'minor', decidedBy: 'redocly diff' },
  file: `spec/api/resources/things/thing${i % 4}.yaml`,
  pointer: `#/properties/m${i}`,
  operations: [`getThing${i}`, 'listThings', 'listMoreThings', 'listEvenMoreThings'],
  path: `#/paths/~1things~1${i}/get/responses/200/content/application~1json/schema/properties/m${i}`,
  kind: impact === 'major' ? 'removed' : 'added',
  typeName: 'Schema',
  messages: [],
});

describe('the breaking-change report', () => {
  const changes = [
    ...Array.from({ length: 20 }, (_, i) => change(i, 'major')),
    ...Array.from({ length: 40 }, (_, i) => change(100 + i, 'minor')),
  ];
  const result = { changes, summary: summarize(changes) };
  const markdown = renderDiffMarkdown(result, judge(changes, [], '@api/openapi'), 'main');

  it('puts the verdict and the counts first', () => {
    const [title, , verdict, , counts] = markdown.split('\n');
    expect(title).toBe('## Breaking-change report (against `main`)');
    expect(verdict).toMatch(
      /^❌ 20 changes breaking for clients and no major changeset for @api\/openapi\./,
    );
    expect(counts).toBe(
      '**20** breaking for clients · **0** breaking for servers · **40** compatible changes · ' +
        '**0** documentation only · clients need a **major** release',
    );
  });

  it('lists the first breaking changes in words with their file, then folds the rest', () => {
    const summary = markdown.slice(0, markdown.indexOf('<details>'));
    expect(summary).toContain(
      '- GET …/things/0: response 200 member `m0` was removed — `spec/api/resources/things/thing0.yaml` (redocly diff: property-removed)',
    );
    expect(summary.match(/^- GET/gm)).toHaveLength(15);
    expect(summary).toContain('- … and 5 more, listed below.');
    expect(summary).not.toContain('was added');
  });

  it('keeps all 60 changes in a folded table per source file, breaking ones first', () => {
    const details = markdown.slice(markdown.indexOf('<details>'));
    expect(details).toMatch(/^<details><summary>All 60 changes, by file<\/summary>/);
    expect(details.match(/^#### `spec\/api\/resources\/things\/thing\d\.yaml`$/gm)).toHaveLength(4);
    expect(details.match(/^\| 🔴 major/gm)).toHaveLength(20);
    expect(details.match(/^\| 🟡 minor/gm)).toHaveLength(40);
    const firstTable = details.slice(0, details.indexOf('####', details.indexOf('####') + 1));
    expect(firstTable.indexOf('🔴')).toBeLessThan(firstTable.indexOf('| 🟡'));
    expect(details).toContain('`getThing0`, `listThings`, `listMoreThings` and 1 more');
    expect(details.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('passes once a major changeset announces the breaks', () => {
    const verdict = judge(
      changes,
      [{ file: '.changeset/x.md', bumps: { '@api/openapi': 'major' } }],
      '@api/openapi',
    );
    expect(verdict).toEqual({
      ok: true,
      reason: '20 changes breaking for clients, announced by the major changeset .changeset/x.md.',
    });
    expect(
      judge(changes, [{ file: 'm.md', bumps: { '@api/openapi': 'minor' } }], '@api/openapi').ok,
    ).toBe(false);
  });

  it('judges by what servers see when asked to', () => {
    expect(judge(changes, [], '@api/openapi', 'servers')).toEqual({
      ok: true,
      reason: 'No change breaking for servers.',
    });
  });
});
