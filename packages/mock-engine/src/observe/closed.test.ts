import { Recording, Redactor, type Report } from '@proseapi/conformance';
import {
  buildSpecModel,
  closedDocument,
  closesExactly,
  type JsonObject,
} from '@proseapi/openapi-model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../engine/ajv.js';
import {
  CLOSED_ID,
  collectClosedSchemas,
  collectSchemas,
  type ValidateFn,
  type Validators,
} from '../engine/validation.js';
import { type Exchange, Observer } from './observer.js';

const JSON_TYPE = 'application/json';

/** Answers with members in arrays, in a type-chosen `oneOf`, in a map and in a free-form object. */
const spec = {
  openapi: '3.1.0',
  info: { title: 'Shelves', version: '1.0.0' },
  paths: {
    '/shelves': {
      get: {
        responses: {
          '200': {
            description: 'the shelves',
            content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/ShelfList' } } },
          },
        },
      },
    },
    '/loose': {
      get: {
        responses: {
          '200': {
            description: 'branches the walk cannot tell apart by type',
            content: {
              [JSON_TYPE]: {
                schema: {
                  anyOf: [
                    { type: 'object', properties: { a: { type: 'string' } } },
                    { type: 'object', properties: { b: { type: 'string' } } },
                  ],
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      ShelfList: {
        type: 'object',
        required: ['data'],
        properties: {
          data: { type: 'array', items: { $ref: '#/components/schemas/Shelf' } },
          meta: { type: 'object', description: 'Free-form.' },
        },
      },
      Shelf: {
        allOf: [
          { $ref: '#/components/schemas/Named' },
          {
            type: 'object',
            required: ['books'],
            properties: {
              books: { type: 'array', items: { $ref: '#/components/schemas/Book' } },
              labels: { type: 'object', additionalProperties: { type: 'string' } },
              owner: {
                oneOf: [{ $ref: '#/components/schemas/Person' }, { type: 'null' }],
              },
            },
          },
        ],
      },
      Named: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' } },
      },
      Book: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string' }, pages: { type: 'integer' } },
      },
      Person: {
        type: 'object',
        properties: { first: { type: 'string' }, last: { type: 'string' } },
      },
    },
  },
} as const satisfies JsonObject;

/** Validators compiled from the description, with or without the closed ones, counting their use. */
function validatorsOf(doc: JsonObject, closed: boolean) {
  const model = buildSpecModel(doc);
  const ajv = createAjv(doc);
  const schemas = collectSchemas(model);
  if (closed) {
    const copy = closedDocument(doc);
    ajv.addSchema({ ...copy, $id: CLOSED_ID }, CLOSED_ID);
    for (const [key, schema] of collectClosedSchemas(model, copy)) schemas.set(key, schema);
  }
  const compiled = new Map<string, ValidateFn>();
  const verdicts: { key: string; valid: boolean }[] = [];
  const validators: Validators = {
    precompiled: true,
    get(key) {
      const schema = schemas.get(key);
      if (schema === undefined) return undefined;
      let fn = compiled.get(key);
      if (!fn) {
        const inner = ajv.compile(schema as object) as ValidateFn;
        fn = Object.assign(
          (data: unknown) => {
            const valid = inner(data);
            fn = fn as ValidateFn;
            fn.errors = inner.errors ?? null;
            verdicts.push({ key, valid });
            return valid;
          },
          { errors: null },
        ) as ValidateFn;
        compiled.set(key, fn);
      }
      return fn;
    },
  };
  return { model, validators, verdicts };
}

const encoder = new TextEncoder();
function answer(path: string, body: unknown): Exchange {
  return {
    method: 'GET',
    url: `https://api.example${path}`,
    path,
    query: '',
    requestHeaders: [],
    requestBody: undefined,
    status: 200,
    responseHeaders: [['content-type', JSON_TYPE]],
    responseBody: encoder.encode(JSON.stringify(body)),
  };
}

/** The report of one answer, judged with or without the closed validators. */
async function judge(doc: JsonObject, closed: boolean, path: string, body: unknown) {
  const { model, validators, verdicts } = validatorsOf(doc, closed);
  const recording = new Recording({
    recordedBy: 'test',
    description: Observer.describe(model),
    fixtures: false,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  const observer = new Observer({
    spec: model,
    validators,
    recording,
    redactor: new Redactor({ secrets: [] }),
  });
  await observer.observe(answer(path, body));
  const report: Report = recording.report();
  const fast = verdicts.some(({ key, valid }) => key.startsWith('C ') && valid);
  return { report, fast };
}

const book = { title: 'Dune', pages: 412 };
const conforming = {
  data: [
    {
      name: 'north',
      books: [book, { title: 'Emma' }],
      labels: { colour: 'red', any: 'thing' },
      owner: { first: 'Ada', last: 'L' },
    },
    { name: 'south', books: [], owner: null },
  ],
  meta: { page: 1, anything: { goes: true } },
};
const variants: [string, unknown][] = [
  ['a conforming answer', conforming],
  [
    'a member the description does not name, in an item of an array',
    { data: [{ name: 'n', books: [{ title: 't', isbn: '0-00' }] }] },
  ],
  [
    'a member the description does not name, in the object branch of a oneOf',
    { data: [{ name: 'n', books: [], owner: { first: 'A', middle: 'B' } }] },
  ],
  [
    'a member the description does not name, beside those of an allOf',
    { data: [{ name: 'n', books: [], shelf: 3 }] },
  ],
  ['a missing required member', { data: [{ name: 'n' }] }],
  ['a wrong type', { data: [{ name: 'n', books: [{ title: 7 }] }] }],
  [
    'a wrong type and an undeclared member together',
    { data: [{ name: 4, books: [{ title: 't', extra: 1 }] }] },
  ],
];

describe('closed validators of answers', () => {
  it('are made only for schemas whose undeclared members they find exactly', () => {
    expect(
      closesExactly(spec, spec.paths['/shelves'].get.responses['200'].content[JSON_TYPE].schema),
    ).toBe(true);
    expect(
      closesExactly(spec, spec.paths['/loose'].get.responses['200'].content[JSON_TYPE].schema),
    ).toBe(false);
    const model = buildSpecModel(spec);
    expect([...collectClosedSchemas(model, closedDocument(spec)).keys()]).toEqual([
      'C GET /shelves 200 application/json',
    ]);
  });

  it('close the objects that name members and leave maps and free-form objects open', () => {
    const copy = closedDocument(spec) as typeof spec & JsonObject;
    const schemas = copy.components.schemas as unknown as Record<string, JsonObject>;
    const list = schemas.ShelfList as { properties: Record<string, JsonObject> };
    expect(schemas.Named).not.toHaveProperty('unevaluatedProperties');
    expect(list.properties.data).not.toHaveProperty('unevaluatedProperties');
    expect(list.properties.data?.items).toMatchObject({ unevaluatedProperties: false });
    expect(list.properties.meta).not.toHaveProperty('unevaluatedProperties');
    const shelf = (schemas.Shelf as { allOf: { properties?: Record<string, JsonObject> }[] })
      .allOf[1];
    expect(shelf?.properties?.labels).not.toHaveProperty('unevaluatedProperties');
    expect(shelf?.properties?.owner).toMatchObject({ unevaluatedProperties: false });
    // The original is untouched.
    expect(JSON.stringify(spec)).not.toContain('unevaluatedProperties');
  });

  it.each(variants)('give the same findings as the full walk for %s', async (_name, body) => {
    const full = await judge(spec, false, '/shelves', body);
    const quick = await judge(spec, true, '/shelves', body);
    expect(quick.report).toEqual(full.report);
    expect(full.fast).toBe(false);
    // Only an answer with no finding at all takes the quick way.
    expect(quick.fast).toBe(full.report.findings.length === 0);
  });

  it('take the quick way for a conforming answer and find the undeclared members otherwise', async () => {
    const ok = await judge(spec, true, '/shelves', conforming);
    expect(ok.fast).toBe(true);
    expect(ok.report.findings).toEqual([]);
    const [, extra] = variants[1] as [string, unknown];
    const found = await judge(spec, true, '/shelves', extra);
    expect(found.fast).toBe(false);
    expect(found.report.findings).toMatchObject([
      { kind: 'undeclared-member', pointer: '/data/*/books/*/isbn' },
    ]);
  });

  it('give the same findings as the full walk for any member added anywhere (fixed runs)', async () => {
    // A member added to a random object of the conforming answer, under a random name.
    const places: unknown[] = [];
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') {
        places.push(value);
        Object.values(value).forEach(collect);
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom('name', 'title', 'first', 'pages', 'extra', 'colour', 'goes'),
        fc.jsonValue({ maxDepth: 1 }),
        async (at, name, member) => {
          const body = structuredClone(conforming);
          places.length = 0;
          collect(body);
          const place = places[at % places.length] as Record<string, unknown>;
          place[name] = member;
          const full = await judge(spec, false, '/shelves', body);
          const quick = await judge(spec, true, '/shelves', body);
          expect(quick.report).toEqual(full.report);
          if (quick.fast) expect(full.report.findings).toEqual([]);
        },
      ),
      { numRuns: 60, seed: 20261130 },
    );
  }, 60_000);
});
