import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSpecModel, compactDocument, type JsonObject } from '@proseapi/openapi-model';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyKey, paramsKey, resourceKey, responseKey } from '../engine/validation.js';
import { createMock, type PrecompiledValidators, selectValidators } from '../mock.js';
import { plainJson } from '../state/representation.js';
import { precompileValidators, resourceSchemaOf } from './precompile.js';
import { writePrecompiled } from './write.js';

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

  it('compiled from the compact copy, serve the compact copy and the whole description', () => {
    const described = structuredClone(spec) as typeof spec & { info: { description?: string } };
    described.info.description = 'Tags, described.';
    Object.assign(described.paths['/tags'].post, { summary: 'Adds a tag', 'x-assumed': 'guess' });
    const compact = compactDocument(described);
    expect(compact).not.toEqual(described);
    const { cjs } = precompileValidators(compact, { representation: plainJson });
    const file = join(scratch, 'compact.cjs');
    writeFileSync(file, cjs);
    const built = createRequire(import.meta.url)(file) as PrecompiledValidators;
    const of = (doc: object) =>
      selectValidators(buildSpecModel(doc as JsonObject), built, resourceSchemaOf(plainJson));
    expect(of(compact).precompiled).toBe(true);
    expect(of(described).precompiled).toBe(true);
    // A change to what a server reads is a different description.
    const changed = structuredClone(described);
    changed.components.schemas.Tag.required = ['id', 'name'];
    expect(of(changed).precompiled).toBe(false);
    // The document a package holds beside its validators is taken as it is, unhashed.
    const held = { ...built, specHash: 'not computed', doc: changed };
    const model = buildSpecModel(changed as unknown as JsonObject);
    expect(selectValidators(model, held, resourceSchemaOf(plainJson)).precompiled).toBe(true);
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

  it('split by path for Node.js: the index loads the code of a path when one of its validators is first read', () => {
    const twoPaths = {
      ...spec,
      paths: {
        ...spec.paths,
        '/labels/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: {
              '200': {
                description: 'label',
                content: { [MT]: { schema: { type: 'object', required: ['text'] } } },
              },
            },
          },
        },
      },
    };
    const model = buildSpecModel(twoPaths);
    const [tags, labels] = model.operations;
    if (!tags || !labels) throw new Error('two operations expected');
    const sources = precompileValidators(twoPaths, {
      representation: plainJson,
      partsDir: 'split-parts',
    });
    // Tags' and labels' validators, and the stored-record one apart.
    expect(sources.split?.parts.size).toBe(3);
    writePrecompiled(scratch, 'split', sources);
    expect(readdirSync(join(scratch, 'split-parts')).sort()).toEqual([
      'p0.cjs',
      'p1.cjs',
      'p2.cjs',
    ]);
    const label = responseKey(labels, '200', MT);
    const tagBody = bodyKey(tags, MT);
    // In a process of its own, through both the CommonJS and the ES index.
    const script = `const parts = () => Object.keys(require.cache).filter((f) => f.includes('split-parts')).length;
      const whole = require(${JSON.stringify(join(scratch, 'split.cjs'))});
      const m = require(${JSON.stringify(join(scratch, 'split-node.cjs'))});
      const before = parts();
      const label = m.validators[${JSON.stringify(label)}];
      const after = parts();
      const verdicts = [label({ text: 'a' }), label({}), m.validators[${JSON.stringify(tagBody)}]({})];
      import(${JSON.stringify(pathToFileURL(join(scratch, 'split-node.js')).href)}).then((e) => {
        console.log(JSON.stringify({
          before, after, verdicts, errors: label.errors,
          same: m.specHash === whole.specHash && e.specHash === whole.specHash,
          own: [Object.hasOwn(m.validators, ${JSON.stringify(tagBody)}), Object.hasOwn(m.validators, 'GET /nowhere'), 'GET /nowhere' in m.validators, m.validators['GET /nowhere'] === undefined, typeof m.validators.toString],
          keys: [Object.keys(m.validators), Object.keys(e.validators), Object.keys(whole.validators)],
        }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out.before).toBe(0);
    expect(out.after).toBe(1);
    expect(out.verdicts).toEqual([true, false, false]);
    expect(out.errors).toEqual([expect.objectContaining({ keyword: 'required' })]);
    expect(out.same).toBe(true);
    // A key the build did not compile is no member: not even an inherited one.
    expect(out.own).toEqual([true, false, false, true, 'undefined']);
    expect(out.keys[0]).toEqual(out.keys[2]);
    expect(out.keys[1]).toEqual(out.keys[2]);
  });

  it("list the collections whose example records fit, and a world seeds those without loading a record's validator", () => {
    const list = (item: JsonObject, example: unknown[]) => ({
      get: {
        responses: {
          '200': {
            description: 'list',
            content: { [MT]: { schema: { type: 'array', items: item }, example } },
          },
        },
      },
    });
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Shelves', version: '1' },
      paths: {
        '/tags': list(
          { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
          [{ id: 1 }, { id: 2 }],
        ),
        // The example leaves out a required member: it does not fit.
        '/labels': list(
          {
            type: 'object',
            required: ['id', 'text'],
            properties: { id: { type: 'integer' }, text: { type: 'string' } },
          },
          [{ id: 7 }],
        ),
      },
    };
    const sources = precompileValidators(doc, { representation: plainJson });
    expect(sources.fittingExamples).toEqual(['/tags']);
    const file = join(scratch, 'shelves.cjs');
    writeFileSync(file, sources.cjs);
    const built = createRequire(import.meta.url)(file) as Required<PrecompiledValidators>;
    expect(built.fittingExamples).toEqual(['/tags']);
    expect(sources.esm).toContain('export const fittingExamples = ["/tags"];');

    const read: string[] = [];
    const counted = (fittingExamples: readonly string[]) => ({
      ...built,
      fittingExamples,
      validators: new Proxy(built.validators, {
        get(target, key) {
          if (typeof key === 'string') read.push(key);
          return target[key as string];
        },
      }),
    });
    const seeded = createMock({ spec: doc, mode: 'stateful', precompiled: counted(['/tags']) });
    const [tags, labels] = buildSpecModel(doc).operations;
    if (!tags || !labels) throw new Error('two operations expected');
    // Only the collection the build did not vouch for is checked.
    expect(read.filter((key) => key.startsWith('I '))).toEqual([resourceKey(labels, '200', MT)]);
    read.length = 0;
    const checked = createMock({ spec: doc, mode: 'stateful', precompiled: counted([]) });
    expect(read.filter((key) => key.startsWith('I ')).sort()).toEqual(
      [resourceKey(labels, '200', MT), resourceKey(tags, '200', MT)].sort(),
    );
    // The same world either way: the tags as the description shows them, the label bent to fit.
    expect(seeded.snapshot()).toEqual(checked.snapshot());
    expect(JSON.stringify(seeded.snapshot())).toContain('"text"');
  });

  it('leave the texts of the schemas out of the code', () => {
    const described = {
      ...spec,
      components: {
        schemas: {
          Tag: {
            ...spec.components.schemas.Tag,
            description: 'A tag: this text is in no validator.',
            properties: { id: { type: 'integer', examples: [4242] }, name: { type: 'string' } },
          },
        },
      },
    };
    const { cjs, esm } = precompileValidators(described);
    for (const code of [cjs, esm]) {
      expect(code).not.toContain('this text is in no validator');
      expect(code).not.toContain('4242');
    }
  });
});
