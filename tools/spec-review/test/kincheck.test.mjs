// @ts-check
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downconvert } from '@activeplatform/openapi-downconvert';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkGo,
  checkWithKin,
  renderDownstreamMarkdown,
  SYSTEM_GOPATH,
} from '../src/downstream.mjs';
import { runCli } from './helpers.mjs';

// CI installs Go and kin-openapi (.ci/run); elsewhere these tests need them too, or are skipped.
const hasGo =
  spawnSync('go', ['version']).status === 0 &&
  existsSync(join(SYSTEM_GOPATH, 'src/github.com/getkin/kin-openapi'));

const BASE = 'https://api.example.com';
const error = {
  description: 'An error.',
  content: {
    'application/vnd.api+json': {
      schema: { $ref: '#/components/schemas/Errors' },
      example: { errors: [{ title: 'No', status: '400' }] },
    },
  },
};

/** A 3.1 description with the constructs kin-openapi must read through the 3.0 variant. */
function description() {
  return {
    openapi: '3.1.0',
    info: { title: 'Things', version: '1', summary: 'Things' },
    servers: [{ url: '{base}', variables: { base: { default: BASE } } }],
    security: [{ Token: [] }],
    paths: {
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          'x-sources': ['https://docs.example.com/things'],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 7 },
            {
              name: 'filter',
              in: 'query',
              style: 'deepObject',
              explode: true,
              schema: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  size: { type: 'integer' },
                  ids: { type: 'array', items: { type: 'integer' } },
                  created: {
                    oneOf: [
                      { type: 'string', format: 'date' },
                      { type: 'object', properties: { gt: { type: 'string', format: 'date' } } },
                    ],
                  },
                },
              },
              example: { name: 'a' },
            },
          ],
          responses: {
            '2XX': {
              description: 'The thing.',
              'x-assumed': 'The status is not shown.',
              content: {
                'application/vnd.api+json': {
                  schema: { $ref: '#/components/schemas/Thing' },
                  examples: { one: { value: { id: 7, note: null, kind: 'things' } } },
                },
              },
            },
            401: error,
            404: error,
          },
        },
        patch: {
          operationId: 'updateThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          requestBody: {
            required: true,
            content: {
              'application/vnd.api+json': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: { name: { type: 'string' } },
                },
                example: { name: 'b' },
              },
            },
          },
          responses: {
            200: {
              description: 'Updated.',
              content: {
                'application/vnd.api+json': {
                  schema: { $ref: '#/components/schemas/Thing' },
                  examples: { none: { summary: 'Nothing to say', value: null } },
                },
              },
            },
            401: error,
            422: error,
          },
        },
      },
    },
    components: {
      securitySchemes: { Token: { type: 'apiKey', in: 'header', name: 'X-Token' } },
      schemas: {
        Thing: {
          type: ['object', 'null'],
          required: ['id'],
          properties: {
            id: { type: ['string', 'integer'] },
            note: { type: ['string', 'null'] },
            kind: { const: 'things' },
          },
        },
        Errors: {
          type: 'object',
          required: ['errors'],
          properties: { errors: { type: 'array', items: { type: 'object' } } },
        },
      },
    },
  };
}

/** @param {unknown} doc */
function writeJson(doc) {
  const file = join(mkdtempSync(join(tmpdir(), 'kincheck-test-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/**
 * @param {string} label
 * @param {string} operationId
 * @param {boolean} requestValid
 * @param {{ method: string, path: string, token?: boolean, body?: unknown }} request
 * @param {{ status: number, body?: unknown }} response
 */
function pair(label, operationId, requestValid, request, response) {
  const body = request.body === undefined ? null : JSON.stringify(request.body);
  return {
    label,
    operationId,
    requestValid,
    request: {
      method: request.method,
      url: `${BASE}${request.path}`,
      headers: {
        ...(request.token === false ? {} : { 'X-Token': 'redacted' }),
        ...(body === null ? {} : { 'Content-Type': 'application/vnd.api+json' }),
      },
      body,
    },
    response: {
      status: response.status,
      headers: { 'content-type': 'application/vnd.api+json' },
      body: response.body === undefined ? '' : JSON.stringify(response.body),
    },
  };
}

const thing = { id: '7', note: null, kind: 'things' };
const errors = { errors: [{ title: 'No', status: '422' }] };
/** A sample that covers both operations with success and error answers. */
const sound = [
  pair('get', 'getThing', true, { method: 'GET', path: '/things/7' }, { status: 200, body: thing }),
  pair(
    'get, nested deepObject member',
    'getThing',
    true,
    {
      method: 'GET',
      path: '/things/7?filter[created][gt]=2024-01-02&filter[size]=3&filter[ids]=4,5',
    },
    { status: 203, body: { id: 7, note: 'n', kind: 'things' } },
  ),
  pair(
    'get, 404',
    'getThing',
    true,
    { method: 'GET', path: '/things/8' },
    { status: 404, body: errors },
  ),
  pair(
    'get, no token',
    'getThing',
    false,
    { method: 'GET', path: '/things/7', token: false },
    { status: 401, body: errors },
  ),
  pair(
    'patch',
    'updateThing',
    true,
    { method: 'PATCH', path: '/things/7', body: { name: 'b' } },
    { status: 200, body: null },
  ),
  pair(
    'patch, body without name',
    'updateThing',
    false,
    { method: 'PATCH', path: '/things/7', body: {} },
    { status: 422, body: errors },
  ),
];

/** @param {unknown[]} pairs */
function check(pairs) {
  const { document } = downconvert(description());
  const pairsFile = join(mkdtempSync(join(tmpdir(), 'kincheck-pairs-')), 'pairs.json');
  writeFileSync(pairsFile, JSON.stringify({ pairs }));
  return checkWithKin(writeJson(document), pairsFile);
}

describe.skipIf(!hasGo)('kin-openapi on the 3.0 variant (Go, offline)', () => {
  it('cannot load the 3.1 description itself: its type arrays are what 3.0 readers choke on', () => {
    const result = checkWithKin(writeJson(description()));
    expect(result.ok).toBe(false);
    expect(result.report?.loaded).toBe(false);
    expect(result.log).toMatch(
      /cannot unmarshal array into Go (struct field .* of )?type string|cannot unmarshal array into Go value of type string/,
    );
  });

  it('loads and validates the 3.0 variant, null example values included', () => {
    const result = checkWithKin(writeJson(downconvert(description()).document));
    expect(result.log).toBe('');
    expect(result.report).toMatchObject({
      loaded: true,
      valid: true,
      operations: 2,
      nullExamples: 1,
    });
  });

  it('leaves XML examples to the description’s own tests instead of reading them as JSON', () => {
    /** @type {Record<string, any>} */
    const doc = downconvert(description()).document;
    const success = doc.paths['/things/{id}'].get.responses['2XX'];
    success.content['application/xml'] = {
      schema: { type: 'object', xml: { name: 'Thing' }, properties: { id: { type: 'string' } } },
      examples: { thing: { 'x-assumed': 'Written here.', value: '<Thing><id>7</id></Thing>' } },
    };
    const result = checkWithKin(writeJson(doc));
    expect(result.log).toBe('');
    expect(result.report).toMatchObject({ loaded: true, valid: true, xmlExamples: 1 });
  });

  it('validates a sample that covers every operation, 2XX ranges and deepObject members', () => {
    const result = check(sound);
    expect(result.report?.failures).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.report).toMatchObject({ pairs: 6, passed: 6, refusedRequests: 2 });
    expect(result.report?.coverage).toEqual([
      { operationId: 'getThing', method: 'GET', path: '/things/{id}', success: 2, error: 2 },
      { operationId: 'updateThing', method: 'PATCH', path: '/things/{id}', success: 1, error: 1 },
    ]);
    expect(result.report?.deepObjects).toEqual(['getThing: filter (query, deepObject)']);
  });

  it.each([
    [
      'an answer body that breaks its schema',
      pair(
        'bad body',
        'getThing',
        true,
        { method: 'GET', path: '/things/7' },
        { status: 200, body: { id: 7, kind: 'others' } },
      ),
      /answer 200 \(declared as 2XX\) refused: .*kind/s,
    ],
    [
      'an undeclared status',
      pair(
        'teapot',
        'getThing',
        true,
        { method: 'GET', path: '/things/7' },
        { status: 418, body: errors },
      ),
      /answer status 418 is not declared/,
    ],
    [
      'a request built valid that the description refuses',
      pair(
        'bad filter',
        'getThing',
        true,
        { method: 'GET', path: '/things/7?filter[size]=big' },
        { status: 200, body: thing },
      ),
      /request refused: parameter "filter" in query/,
    ],
    [
      'a deepObject list member with an item of the wrong type',
      pair(
        'bad list',
        'getThing',
        true,
        { method: 'GET', path: '/things/7?filter[ids]=4,x' },
        { status: 200, body: thing },
      ),
      /request refused: parameter "filter" in query has an error: .*ids/s,
    ],
    [
      'a request built invalid that the description accepts',
      pair(
        'fine body',
        'updateThing',
        false,
        { method: 'PATCH', path: '/things/7', body: { name: 'x' } },
        { status: 422, body: errors },
      ),
      /request accepted, though it was built to be refused/,
    ],
    [
      'a success answer to an invalid request',
      pair(
        'lenient',
        'updateThing',
        false,
        { method: 'PATCH', path: '/things/7', body: {} },
        { status: 200, body: thing },
      ),
      /answer 200 is a success, though the request breaks the description/,
    ],
    [
      'a request no operation matches',
      pair(
        'lost',
        'getThing',
        true,
        { method: 'GET', path: '/elsewhere' },
        { status: 200, body: thing },
      ),
      /no operation for GET https:\/\/api.example.com\/elsewhere/,
    ],
    [
      'a pair recorded for another operation',
      pair(
        'mixed up',
        'updateThing',
        true,
        { method: 'GET', path: '/things/7' },
        { status: 200, body: thing },
      ),
      /routed to "getThing", recorded for "updateThing"/,
    ],
  ])('fails %s, naming the pair', (_what, bad, problem) => {
    const result = check([...sound, bad]);
    expect(result.ok).toBe(false);
    expect(result.report?.failures).toEqual([
      { label: bad.label, problem: expect.stringMatching(problem) },
    ]);
  });

  it('fails an operation without a validated error answer', () => {
    const result = check(sound.filter((p) => p.label !== 'patch, body without name'));
    expect(result.report?.failures).toEqual([
      { label: 'PATCH /things/{id}', problem: 'no error answer validated' },
    ]);
  });

  it('fails an example whose null value its schema refuses', () => {
    const doc = downconvert(description()).document;
    doc.components.schemas.Thing.nullable = false;
    const result = checkWithKin(writeJson(doc));
    expect(result.ok).toBe(false);
    expect(result.log).toMatch(
      /examples whose value is null break their schema: .*updateThing|value is null/,
    );
  });
});

describe.skipIf(!hasGo)('checkGo', () => {
  it('writes the 3.0 variant beside a bundle, records the mock, and validates in Go', () => {
    const bundle = writeJson(description());
    const mock = fileURLToPath(new URL('./fixtures/example-mock.mjs', import.meta.url));
    const go = checkGo(bundle, { mock });
    expect(go.variant).toBe(bundle.replace(/openapi\.json$/, 'openapi.3.0.json'));
    expect(JSON.parse(readFileSync(go.variant, 'utf8')).openapi).toBe('3.0.3');
    expect(go.report?.failures).toEqual([]);
    expect(go.ok).toBe(true);
    expect(go.report?.pairs).toBeGreaterThan(8);
    const recorded = readFileSync(/** @type {string} */ (go.pairsFile), 'utf8');
    expect(recorded).not.toContain('fixture-secret');
    expect(recorded).toContain('"X-Token": "redacted"');
    const markdown = renderDownstreamMarkdown([], go);
    expect(markdown).toMatch(
      /\| kin-openapi \(Go\), OpenAPI 3.0 variant \| ✅ loads and validates \(2 operations\); \d+ recorded exchanges validated/,
    );
  });

  it('reports a mock that answers what the description refuses, with the pairs file', () => {
    const mock = fileURLToPath(new URL('./fixtures/example-mock-lenient.mjs', import.meta.url));
    const go = checkGo(writeJson(description()), { mock });
    expect(go.ok).toBe(false);
    expect(go.report?.failures).toEqual(
      expect.arrayContaining([
        {
          label: 'getThing (stateless, no credential)',
          problem: expect.stringMatching(/^answer 200 is a success, though the request breaks/),
        },
      ]),
    );
    const markdown = renderDownstreamMarkdown([], go);
    expect(markdown).toMatch(/❌ \d+ of \d+ recorded exchanges refused/);
    expect(markdown).toContain(`Recorded pairs: \`${go.pairsFile}\``);
  });
});

describe.skipIf(!hasGo)('spec-review downstream', () => {
  it('checks each --bundle with the --mock after it, one section per description', () => {
    const things = parse(
      readFileSync(fileURLToPath(new URL('./fixtures/things-v1.yaml', import.meta.url)), 'utf8'),
    );
    const first = writeJson(description());
    const second = writeJson(things);
    const mock = fileURLToPath(new URL('./fixtures/example-mock.mjs', import.meta.url));
    const r = runCli(['downstream', '--bundle', first, '--mock', mock, '--bundle', second]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sections = r.stdout.split(/^## /m).slice(1);
    expect(sections.map((/** @type {string} */ s) => s.split('\n')[0])).toEqual([
      `Downstream generators: \`${first}\``,
      `Downstream generators: \`${second}\``,
    ]);
    expect(sections[0]).toMatch(/✅ loads and validates \(2 operations\); \d+ recorded exchanges/);
    expect(sections[1]).toMatch(
      /\| kin-openapi \(Go\), OpenAPI 3.0 variant \| ✅ loads and validates \(2 operations\) \|/,
    );
  }, 300_000);
});
