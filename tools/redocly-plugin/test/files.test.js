// @ts-check
import { expect, it } from 'vitest';
import { lint, where } from './lint.js';

it('reports each description file of resources/ the root does not reach, at its own file', () => {
  const run = lint('files/openapi.yaml', 'files/redocly.yaml');
  expect(where(run.problems, 'files/no-unreferenced', 'files')).toEqual([
    'resources/things/schemas/Orphan.yaml #/',
    'resources/things/thing.yaml #/',
  ]);
  expect(run.problems.map((p) => p.message)).toContain(
    'resources/things/thing.yaml is not referenced from openapi.yaml: register it (or what uses it) there, or delete it.',
  );
  expect(run.status).not.toBe(0);
});

it('looks in the folders it is given', () => {
  const run = lint('files/openapi.yaml', 'files/redocly-shared.yaml');
  expect(where(run.problems, 'files/no-unreferenced', 'files')).toEqual([
    'resources/things/schemas/Orphan.yaml #/',
    'resources/things/thing.yaml #/',
    'shared/Unused.yaml #/',
  ]);
});
