import type { JsonObject } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import {
  type Finding,
  mergeReports,
  REPORT_FORMAT,
  REPORT_VERSION,
  type Report,
} from '../report.js';
import { jsonPathOf } from './jsonpath.js';
import { formatDrift } from './markdown.js';
import { analyzeDrift, EVIDENCE, guessTemplate } from './propose.js';

const PAGE = 'https://docs.example/things';
const json = 'application/json';

/** A small description: one collection, one record, a shared error answer. */
const doc: JsonObject = {
  openapi: '3.1.0',
  info: { title: 'Things', version: '1' },
  paths: {
    '/things': {
      post: {
        'x-sources': [PAGE],
        responses: {
          '201': {
            description: 'made',
            content: { [json]: { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '422': { $ref: '#/components/responses/Refused' },
        },
      },
    },
    '/things/{thing_id}': {
      get: {
        'x-sources': [PAGE],
        parameters: [
          { name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
        ],
        responses: {
          '200': {
            description: 'one',
            content: { [json]: { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['name', 'size'],
        properties: {
          name: { type: 'string' },
          size: { type: 'integer' },
          tags: { type: ['string', 'null'] },
          kind: { enum: ['a', 'b'] },
          code: { type: 'string', pattern: '^[A-Z]+$' },
        },
      },
    },
    responses: {
      Refused: {
        description: 'refused',
        content: {
          [json]: {
            examples: {
              documented: { 'x-sources': [PAGE], value: { errors: [{ title: 'Name is taken' }] } },
            },
          },
        },
      },
    },
  },
};

let clock = 0;
function finding(input: Partial<Finding> & Pick<Finding, 'kind' | 'operation'>): Finding {
  const time = new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
  return {
    status: 200,
    direction: 'response',
    pointer: '',
    message: 'm',
    count: 2,
    firstSeen: time,
    lastSeen: time,
    standing: { fact: 'documented', sources: [PAGE] },
    sample: {
      method: 'GET',
      url: 'https://api.example/things/1',
      status: 200,
      contentType: json,
      body: { name: 'x' },
    },
    ...input,
  };
}

function reportOf(findings: Finding[]): Report {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    description: { title: 'Things', version: '1', fingerprint: 'abc' },
    recordedBy: 'proxy',
    started: '2026-01-01T00:00:00.000Z',
    updated: '2026-01-02T00:00:00.000Z',
    exchanges: 10,
    findings,
    errorTexts: [],
  };
}

const THING = '#/components/schemas/Thing';
const GET = 'GET /things/{thing_id}';

describe('jsonPathOf', () => {
  it('names members by name, odd names quoted, array items by index', () => {
    expect(jsonPathOf(doc, '#/paths/~1things~1{thing_id}/get/parameters/1/schema')).toBe(
      "$.paths['/things/{thing_id}'].get.parameters[1].schema",
    );
    expect(jsonPathOf({ a: { "it's": 1 } }, "#/a/it's")).toBe("$.a['it\\'s']");
  });
});

describe('guessTemplate', () => {
  it('keeps the parameter names of templates with the same beginning, and reads ids', () => {
    expect(guessTemplate('/things/7/parts/9', ['/things/{thing_id}'])).toEqual({
      template: '/things/{thing_id}/parts/{id}',
      params: ['thing_id', 'id'],
    });
    expect(guessTemplate('/things/abc/history', ['/things/{thing_id}']).template).toBe(
      '/things/{thing_id}/history',
    );
    expect(guessTemplate('/other/list', ['/things/{thing_id}']).template).toBe('/other/list');
  });
});

describe('analyzeDrift', () => {
  it('proposes the smallest change for each kind of drift, with its evidence', () => {
    const findings = [
      finding({
        kind: 'undeclared-status',
        operation: 'POST /things',
        status: 200,
        schemaPointer: '#/paths/~1things/post/responses',
      }),
      finding({
        kind: 'undeclared-status',
        operation: 'POST /things',
        status: 202,
        schemaPointer: '#/paths/~1things/post/responses',
      }),
      finding({
        kind: 'undeclared-member',
        operation: GET,
        pointer: '/colour',
        observed: ['string'],
        schemaPointer: THING,
      }),
      finding({
        kind: 'invalid-value',
        operation: GET,
        pointer: '/size',
        detail: 'required',
        schemaPointer: THING,
      }),
      finding({
        kind: 'invalid-value',
        operation: GET,
        pointer: '/name',
        detail: 'type',
        observed: ['number'],
        schemaPointer: `${THING}/properties/name`,
      }),
      finding({
        kind: 'invalid-value',
        operation: GET,
        pointer: '/tags',
        detail: 'type',
        observed: ['array'],
        schemaPointer: `${THING}/properties/tags`,
      }),
      finding({
        kind: 'invalid-value',
        operation: GET,
        pointer: '/kind',
        detail: 'enum',
        schemaPointer: `${THING}/properties/kind`,
        sample: { method: 'GET', url: 'u', status: 200, body: { kind: 'c' } },
      }),
      finding({
        kind: 'invalid-value',
        operation: GET,
        pointer: '/code',
        detail: 'pattern',
        schemaPointer: `${THING}/properties/code`,
      }),
      finding({
        kind: 'invalid-value',
        operation: GET,
        direction: 'request',
        pointer: '/query/limit',
        detail: 'type',
        observed: ['string'],
        schemaPointer: '#/paths/~1things~1{thing_id}/get/parameters/1',
      }),
      finding({
        kind: 'error-text',
        operation: 'POST /things',
        status: 422,
        pointer: '/errors/*/title',
        detail: 'Name exists',
        schemaPointer: `#/components/responses/Refused/content/application~1json`,
        sample: {
          method: 'POST',
          url: 'u',
          status: 422,
          contentType: json,
          body: { errors: [{ title: 'Name exists' }] },
        },
      }),
      finding({
        kind: 'unknown-operation',
        operation: 'GET /things/7/history',
        standing: { fact: 'absent' },
        sample: { method: 'GET', url: 'u', status: 200, contentType: json, body: '{"n":1}' },
      }),
      finding({ kind: 'unreadable-body', operation: GET }),
    ];
    const drift = analyzeDrift(reportOf(findings), doc);
    const { actions } = drift.overlay;
    const byTarget = (target: string) => actions.filter((a) => a.target === target);

    // Both undeclared successes become one 2XX with the body the 201 declares.
    const [status] = byTarget("$.paths['/things'].post.responses");
    expect(status?.update).toMatchObject({
      '2XX': {
        'x-assumed': 'No page shows this status; real traffic answered 200, 202.',
        content: { [json]: { schema: { $ref: THING } } },
      },
    });
    expect(status?.[EVIDENCE].map((e) => e.status)).toEqual([200, 202]);

    expect(byTarget('$.components.schemas.Thing')[0]?.update).toEqual({
      properties: {
        colour: expect.objectContaining({ type: 'string', 'x-assumed': expect.any(String) }),
      },
    });
    expect(byTarget("$.components.schemas.Thing.required[?(@ == 'size')]")[0]?.remove).toBe(true);
    expect(byTarget('$.components.schemas.Thing.properties.name')[0]?.update).toEqual({
      type: ['string', 'number'],
    });
    // A keyword that already holds a list is removed, then set whole: appliers differ on merging lists.
    expect(byTarget('$.components.schemas.Thing.properties.tags.type')[0]?.remove).toBe(true);
    expect(byTarget('$.components.schemas.Thing.properties.tags')[0]?.update).toEqual({
      type: ['string', 'null', 'array'],
    });
    expect(byTarget('$.components.schemas.Thing.properties.kind')[0]?.update).toEqual({
      enum: ['a', 'b', 'c'],
    });
    expect(byTarget('$.components.schemas.Thing.properties.code.pattern')[0]?.remove).toBe(true);
    expect(byTarget("$.paths['/things/{thing_id}'].get.parameters[1].schema")[0]?.update).toEqual({
      type: ['integer', 'string'],
    });
    expect(
      byTarget("$.components.responses.Refused.content['application/json']")[0]?.update,
    ).toEqual({
      examples: {
        'observed-422': expect.objectContaining({ value: { errors: [{ title: 'Name exists' }] } }),
      },
    });
    // The endpoint joins its path item; its recorded JSON text is read back as JSON.
    const path = byTarget('$.paths')[0]?.update as JsonObject;
    const added = (path['/things/{thing_id}/history'] as JsonObject).get as JsonObject;
    expect(added['x-assumed']).toEqual(expect.any(String));
    expect(added.parameters).toEqual([
      expect.objectContaining({ name: 'thing_id', in: 'path', required: true }),
    ]);
    expect(added.responses).toMatchObject({
      '2XX': { content: { [json]: { schema: {}, examples: { observed: { value: { n: 1 } } } } } },
    });

    // The unreadable body gets no action, and says why.
    const unreadable = drift.items.find((i) => i.finding.kind === 'unreadable-body');
    expect(unreadable?.action).toBeUndefined();
    expect(unreadable?.note).toMatch(/API/);
    for (const item of drift.items.filter((i) => i.finding.kind !== 'unreadable-body')) {
      expect(item.action, item.finding.kind).toBeTypeOf('number');
    }
    for (const action of actions) expect(action[EVIDENCE].length).toBeGreaterThan(0);
  });

  it('does not add the path item parameters an existing path already declares', () => {
    const withPathParams = structuredClone(doc);
    const item = (withPathParams.paths as JsonObject)['/things/{thing_id}'] as JsonObject;
    item.parameters = [
      { name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } },
    ];
    const drift = analyzeDrift(
      reportOf([
        finding({
          kind: 'unknown-operation',
          operation: 'DELETE /things/4',
          status: 204,
          sample: { method: 'DELETE', url: 'u', status: 204 },
        }),
      ]),
      withPathParams,
    );
    const [action] = drift.overlay.actions;
    expect(action?.target).toBe("$.paths['/things/{thing_id}']");
    expect(action?.update).toEqual({
      delete: expect.not.objectContaining({ parameters: expect.anything() }),
    });
    expect(((action?.update ?? {}) as JsonObject).delete).toMatchObject({
      responses: { '2XX': { description: expect.any(String) } },
    });
  });
});

describe('formatDrift', () => {
  it('lists each kind, what it contradicts and the proposal, and every error text seen', () => {
    const report = mergeReports([
      reportOf([
        finding({
          kind: 'undeclared-status',
          operation: 'POST /things',
          status: 200,
          schemaPointer: '#/paths/~1things/post/responses',
        }),
        finding({
          kind: 'invalid-value',
          operation: GET,
          pointer: '/name',
          detail: 'type',
          observed: ['number'],
          schemaPointer: `${THING}/properties/name`,
          standing: { fact: 'assumed', reason: 'Not shown | anywhere.' },
        }),
      ]),
      {
        ...reportOf([]),
        errorTexts: [
          {
            operation: 'POST /things',
            status: 422,
            pointer: '/errors/*/title',
            text: 'Name is taken',
            inDescription: true,
            count: 3,
            firstSeen: '2026-01-01T00:00:00.000Z',
          },
        ],
      },
    ]);
    const markdown = formatDrift(analyzeDrift(report, doc), { reports: 2 });
    expect(markdown).toContain('20 exchanges checked against Things 1');
    expect(markdown).toContain('(2 reports: proxy)');
    expect(markdown).toContain(
      'Contradicted: 1 documented fact, 1 assumption; 0 where the description is silent.',
    );
    expect(markdown).toContain(`a documented fact (<${PAGE}>)`);
    expect(markdown).toContain('an assumption: Not shown \\| anywhere.');
    expect(markdown.split('## Missing fields\n')[1]?.startsWith('\nNone.')).toBe(true);
    expect(markdown).toContain(
      '| POST /things | 422 | `/errors/*/title` | "Name is taken" | 3 | yes |',
    );
    expect(markdown).not.toContain('has changed since');
    expect(
      formatDrift(analyzeDrift(report, doc), {
        readAgainst: { title: 'Things', fingerprint: 'def' },
      }),
    ).toContain('> The description has changed since the traffic was checked (now Things (def))');
    expect(markdown).toMatch(/2\. `\$\.paths\['\/things'\]\.post\.responses` \(update\)/);
  });
});
