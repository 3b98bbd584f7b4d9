// @ts-check
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { applyToSource, differences, readOverlay } from '../src/drift.mjs';

/** A description in three files: the root, a path item, a schema (with a comment to keep). */
const FILES = {
  'openapi.yaml': `openapi: 3.1.0
info:
  title: Things
  version: "1"
paths:
  /things/{id}:
    $ref: paths/thing.yaml
`,
  'paths/thing.yaml': `get:
  operationId: getThing
  parameters:
    - name: id
      in: path
      required: true
      schema:
        type: string
  responses:
    200:
      description: One thing.
      content:
        application/json:
          schema:
            $ref: ../schemas/Thing.yaml
`,
  'schemas/Thing.yaml': `# What a thing is.
type: object
required: [name, size]
properties:
  name:
    type: [string, "null"]
  size:
    type: integer
`,
};

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'drift-apply-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (/** @type {string} */ name) => readFileSync(join(dir, name), 'utf8');

/** @param {unknown[]} actions */
const overlay = (actions) => ({ overlay: '1.0.0', info: { title: 't', version: '1' }, actions });

describe('applyToSource', () => {
  it('writes each change into the file its node comes from, references as file paths', () => {
    const { edits } = applyToSource(
      overlay([
        { target: "$.components.schemas.Thing.required[?(@ == 'size')]", remove: true },
        { target: '$.components.schemas.Thing.properties', update: { colour: { type: 'string' } } },
        {
          target: "$.paths['/things/{id}'].get.responses",
          update: {
            '2XX': {
              description: 'seen',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      ]),
      { root: join(dir, 'openapi.yaml') },
    );
    const thing = read('schemas/Thing.yaml');
    expect(thing.startsWith('# What a thing is.\n')).toBe(true);
    expect(thing).toContain('required: [name]');
    expect(thing).toContain('type: [string, "null"]');
    expect(YAML.parse(thing).properties.colour).toEqual({ type: 'string' });
    const path = YAML.parse(read('paths/thing.yaml'));
    expect(path.get.responses['200'].description).toBe('One thing.');
    expect(path.get.responses['2XX'].content['application/json'].schema).toEqual({
      $ref: '../schemas/Thing.yaml',
    });
    expect(read('openapi.yaml')).toBe(FILES['openapi.yaml']);
    expect(edits.map((e) => `${e.file.slice(dir.length + 1)} ${e.pointer} ${e.change}`)).toEqual([
      'paths/thing.yaml #/get/responses/2XX set',
      'schemas/Thing.yaml #/required set',
      'schemas/Thing.yaml #/properties/colour set',
    ]);
  });

  it('appends an update to the lists it selects', () => {
    applyToSource(overlay([{ target: '$.components.schemas.Thing.required', update: 'colour' }]), {
      root: join(dir, 'openapi.yaml'),
    });
    expect(read('schemas/Thing.yaml')).toContain('required: [name, size, colour]');
  });

  it('refuses an action that selects nothing, naming it, and writes nothing', () => {
    expect(() =>
      applyToSource(
        overlay([
          { target: '$.components.schemas.Thing', update: { description: 'x' } },
          { target: '$.components.schemas.Nothing', update: { description: 'x' } },
        ]),
        { root: join(dir, 'openapi.yaml'), source: 'o.yaml' },
      ),
    ).toThrow('o.yaml: action 2 selects nothing in the description ($.components.schemas.Nothing)');
    expect(read('schemas/Thing.yaml')).toBe(FILES['schemas/Thing.yaml']);
  });
});

describe('readOverlay', () => {
  it('names what is wrong with a document that is not an overlay', () => {
    expect(() => readOverlay({ openapi: '3.1.0' }, 'x.yaml')).toThrow(
      'x.yaml is not an OpenAPI Overlay 1.0 document: "overlay" is not 1.0.x',
    );
    expect(() => readOverlay(overlay([{ target: '$.a' }]), 'x.yaml')).toThrow(
      'action 1 ($.a) has neither "update" nor "remove: true"',
    );
  });
});

describe('differences', () => {
  it('lists members added, changed and removed; a changed list whole', () => {
    expect(differences({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { b: 2, c: [1], e: true } })).toEqual(
      [
        { segments: ['d'], remove: true },
        { segments: ['a', 'b'], value: 2 },
        { segments: ['a', 'c'], value: [1] },
        { segments: ['a', 'e'], value: true },
      ],
    );
  });
});
