// @ts-check
import { expect, it } from 'vitest';
import { lint } from './lint.js';

const run = lint('fixture.yaml', 'redocly.yaml');
const found = run.problems.map((p) => `${p.location[0]?.pointer} ${p.message}`);

it('asks nothing more of a list without a body than 401, 403, 4XX and 500', () => {
  expect(found.filter((f) => f.includes('~1things/get'))).toEqual([]);
});

it('requires 422 when an operation takes a body', () => {
  expect(found).toContain(
    '#/paths/~1api~1v3~1resellers~1{reseller_id}~1things/post/responses Operation with a request body must declare a 422 response.',
  );
});

it('requires 404 on a path with a resource id, and shared responses by reference', () => {
  const item = found.filter((f) => f.includes('~1{thing_id}/get'));
  expect(item).toHaveLength(2);
  expect(item.join('\n')).toMatch(/must declare a 404 response/);
  expect(item.join('\n')).toMatch(/responses\/403 Response 403 must be a \$ref/);
  expect(run.status).not.toBe(0);
});
