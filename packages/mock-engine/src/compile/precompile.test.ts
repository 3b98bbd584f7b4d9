import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSpecModel } from '@proseapi/openapi-model';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyKey, paramsKey, resourceKey, responseKey } from '../engine/validation.js';
import { createMock, type PrecompiledValidators, selectValidators } from '../mock.js';
import { plainJson } from '../state/representation.js';
import { precompileValidators, resourceSchemaOf } from './precompile.js';

const MT = 'application/json';
const spec = {
  openapi: '3.1.0',
  info: { title: 'Tags', version: '1' },
  paths: {
    '/tags': {
      post: {
        requestBody: {
          content: {
            [MT]: {
              schema: {
                type: 'object',
                required: ['name'],
                properties: {
                  // Run-time helpers of Ajv's code: string length, formats.
                  name: { type: 'string', minLength: 1 },
                  day: { type: 'string', format: 'date' },
                  shape: { enum: [{ round: true }] },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'tag',
            content: { [MT]: { schema: { $ref: '#/components/schemas/Tag' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Tag: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'integer' }, name: { type: 'string' } },
      },
    },
  },
};
// Inside the package, so that the modules find Ajv's run-time helpers.
const scratch = mkdtempSync(fileURLToPath(new URL('../../.precompile-', import.meta.url)));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('validators compiled at build time', () => {
  it('compile every parameter, body, answer and record schema into standalone code', async () => {
    const op = buildSpecModel(spec).operations[0];
    if (!op) throw new Error('no operation');
    const { cjs, esm, count } = precompileValidators(spec, { representation: plainJson });
    const file = join(scratch, 'validators.cjs');
    writeFileSync(file, cjs);
    const built = createRequire(import.meta.url)(file) as PrecompiledValidators;
    // The ES module holds the same validators, and imports what the CommonJS one requires.
    expect(esm).not.toMatch(/\brequire\(/);
    expect(esm).toContain('export const validators = {');
    const esmFile = join(scratch, 'validators.js');
    writeFileSync(esmFile, esm);
    // Loaded by Node itself, as a mock loads it (the test runner would resolve more loosely).
    const script = `import(${JSON.stringify(pathToFileURL(esmFile).href)}).then((m) => {
      const body = m.validators[${JSON.stringify(bodyKey(op, MT))}];
      console.log(JSON.stringify([m.specHash, Object.keys(m.validators), body({ name: 'x' }), body({})]));
    })`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([built.specHash, Object.keys(built.validators), true, false]);
    // And through a bundler's reading of CommonJS (the test runner's): the same validators.
    const bundled = (await import(pathToFileURL(esmFile).href)) as PrecompiledValidators;
    expect(bundled.validators[bodyKey(op, MT)]?.({ name: 'x', day: '2024-02-30' })).toBe(false);
    expect(bundled.validators[bodyKey(op, MT)]?.({ name: 'x', day: '2024-02-29' })).toBe(true);
    expect(bundled.validators[bodyKey(op, MT)]?.({ name: 'x', shape: { round: true } })).toBe(true);
    expect(bundled.validators[bodyKey(op, MT)]?.({ name: 'x', shape: { round: 1 } })).toBe(false);
    const keys = [
      paramsKey(op),
      bodyKey(op, MT),
      responseKey(op, '201', MT),
      resourceKey(op, '201', MT),
    ];
    expect(Object.keys(built.validators).sort()).toEqual([...keys].sort());
    expect(count).toBe(4);
    const body = built.validators[bodyKey(op, MT)];
    expect(body?.({ name: 'x' })).toBe(true);
    expect(body?.({})).toBe(false);
    expect(built.validators[resourceKey(op, '201', MT)]?.({ id: 'no' })).toBe(false);

    // The mock takes them for this description only.
    const model = buildSpecModel(spec);
    expect(selectValidators(model, built, resourceSchemaOf(plainJson)).precompiled).toBe(true);
    const other = buildSpecModel({ ...spec, info: { title: 'Other', version: '2' } });
    expect(selectValidators(other, built, resourceSchemaOf(plainJson)).precompiled).toBe(false);
    expect(createMock({ spec, precompiled: built }).engine.options.validators.precompiled).toBe(
      true,
    );
  });

  it('write texts past ASCII as escapes that mean the same', () => {
    const unicode = {
      openapi: '3.1.0',
      info: { title: 'Größen — Maße…', version: '1' },
      paths: {
        '/labels': {
          post: {
            requestBody: {
              content: {
                [MT]: {
                  schema: {
                    type: 'object',
                    description: 'Ein Etikett, 🙂',
                    properties: {
                      size: { enum: ['Größe', '🙂'] },
                      word: { type: 'string', pattern: '^[ä-ü]+$' },
                      mark: { const: '—' },
                    },
                  },
                },
              },
            },
            responses: { '204': { description: 'stored' } },
          },
        },
      },
    };
    const op = buildSpecModel(unicode).operations[0];
    if (!op) throw new Error('no operation');
    const { cjs, esm } = precompileValidators(unicode);
    for (const code of [cjs, esm]) {
      expect([...code].filter((char) => char.charCodeAt(0) > 0x7f)).toEqual([]);
    }
    const file = join(scratch, 'unicode.cjs');
    writeFileSync(file, cjs);
    const built = createRequire(import.meta.url)(file) as PrecompiledValidators;
    const body = built.validators[bodyKey(op, MT)];
    expect(body?.({ size: 'Größe', word: 'äöü', mark: '—' })).toBe(true);
    expect(body?.({ size: '🙂' })).toBe(true);
    expect(body?.({ size: 'Grosse' })).toBe(false);
    expect(body?.({ word: 'abc' })).toBe(false);
    expect(body?.({ mark: '-' })).toBe(false);
  });
});
