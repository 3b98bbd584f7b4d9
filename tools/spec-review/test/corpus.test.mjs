// @ts-check
/**
 * Every case of the corpus gets the verdict the policy expects, through the repository's own
 * command (`node tools/spec-review/cli.mjs diff`) and configuration, in a copy of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseOf, corpusBatches, corpusCases, writeCorpus } from './corpus.mjs';
import { removeRepositories, repositoryCopy, runCliAsync } from './helpers.mjs';

/** @typedef {import('../src/diff.mjs').Change} Change */

const IMPACTS = ['none', 'patch', 'minor', 'major'];
const cases = corpusCases();
/** @type {Map<string, Change[]>} */
const byCase = new Map();
/** @type {Array<{ status: number | null, stdout: string, stderr: string }>} */
const runs = [];

/**
 * The verdict of one case: the highest rating of its changes, and what decided it.
 * @param {Change[]} changes
 * @param {'clients' | 'servers'} audience
 */
function verdict(changes, audience) {
  const impact = changes.reduce(
    (top, c) =>
      IMPACTS.indexOf(c[audience].impact) > IMPACTS.indexOf(top) ? c[audience].impact : top,
    'none',
  );
  const deciders = [
    ...new Set(
      changes.filter((c) => c[audience].impact === impact).map((c) => c[audience].decidedBy),
    ),
  ].sort();
  return {
    impact,
    decidedBy: impact === 'none' && changes.length === 0 ? 'redocly diff' : deciders.join('; '),
  };
}

afterAll(removeRepositories, 120_000);

beforeAll(async () => {
  const repo = repositoryCopy();
  const batches = Object.entries(corpusBatches());
  for (const [folder, names] of batches) writeCorpus(repo.dir, folder, names, 'before');
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'corpus before');
  // Two runs at a time: one per core.
  const queue = [...batches];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [folder, names] = next;
      const schemeCase = writeCorpus(repo.dir, folder, names, 'after');
      const json = join(repo.dir, `${folder.replace('/', '-')}.json`);
      const run = await runCliAsync(
        ['diff', 'main', '--spec', folder, '--changes-json', json],
        repo.dir,
      );
      if (run.stderr.includes('spec-review:')) throw new Error(run.stderr);
      runs.push(run);
      const result = JSON.parse(readFileSync(json, 'utf8'));
      for (const change of /** @type {Change[]} */ (result.changes)) {
        const name = caseOf(change, schemeCase);
        if (!name || !names.includes(name)) {
          throw new Error(`A change outside the cases of ${folder}: ${change.path}`);
        }
        byCase.set(name, [...(byCase.get(name) ?? []), change]);
      }
    }
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

describe(`breaking-change corpus (${cases.length} cases)`, () => {
  it('has at least 30 cases, and every run reports on them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const run of runs) expect(run.stdout).toContain('## Breaking-change report');
  });

  it.each(cases)('$name: $expected.change', ({ name, expected }) => {
    const changes = byCase.get(name) ?? [];
    const clients = verdict(changes, 'clients');
    const servers = verdict(changes, 'servers');
    expect({
      clients: clients.impact,
      servers: servers.impact,
      decidedBy: { clients: clients.decidedBy, servers: servers.decidedBy },
    }).toEqual({
      clients: expected.clients,
      servers: expected.servers,
      decidedBy: expected.decidedBy,
    });
  });
});
