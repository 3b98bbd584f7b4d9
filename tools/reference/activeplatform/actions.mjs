// @ts-check
/**
 * The documented actions of the ActivePlatform API v3, from this folder's facts: the coverage
 * list (`seed-coverage-list.tsv`), the v3 endpoints documented beyond it (`conventions.json`),
 * and each action's parameters and fields (`operations.json`). See
 * tools/spec-review/README.md for the form.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Header parameters are the token and transport headers, which the description declares as
 * its security scheme and media types; `base_url` is the server's variable.
 * @param {{ name: string, in?: string }} parameter
 */
const isParameter = (parameter) => parameter.in !== 'header' && parameter.name !== 'base_url';

/**
 * @param {string} dir this folder
 * @returns {import('../../spec-review/src/coverage.mjs').Reference}
 */
export function documentedActions(dir) {
  const [, ...lines] = readFileSync(join(dir, 'seed-coverage-list.tsv'), 'utf8').trim().split('\n');
  const listed = lines.map((line) => {
    const [section = '', method = '', path = '', action = ''] = line.split('\t');
    return { section, method, path, action };
  });
  const conventions = JSON.parse(readFileSync(join(dir, 'conventions.json'), 'utf8'));
  /** @type {Array<{ method: string, path: string, action: string }>} */
  const extra = conventions.extra_v3_endpoints_not_in_endpoints_tsv ?? [];
  /** @type {any[]} */
  const operations = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8'));
  const facts = (/** @type {{ method: string, path: string, action: string }} */ a) =>
    operations.find((o) => o.action === a.action && o.method === a.method && o.path === a.path);
  const withFacts = (
    /** @type {{ section: string, method: string, path: string, action: string, note?: string }} */ a,
  ) => {
    const f = facts(a);
    return {
      ...a,
      parameters: (f?.parameters ?? [])
        .filter(isParameter)
        .map((/** @type {{ name: string, in: string }} */ p) => ({ name: p.name, in: p.in })),
      requestFields: (f?.requestBody ?? []).map((/** @type {{ name: string }} */ x) => x.name),
      responseFields: (f?.responseFields ?? []).map((/** @type {{ name: string }} */ x) => x.name),
    };
  };
  return {
    actions: [
      ...listed.map(withFacts),
      ...extra.map((e) =>
        withFacts({
          section: '',
          method: e.method,
          path: e.path,
          action: e.action,
          note: 'beyond the coverage list',
        }),
      ),
    ],
    // Fields are named as JSON:API attributes: from the document, its resources or their
    // attributes.
    fieldRoots: [[], ['data'], ['data', 'attributes'], ['included'], ['included', 'attributes']],
  };
}
