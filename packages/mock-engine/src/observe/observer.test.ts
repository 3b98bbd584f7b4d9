import type { Report } from '@proseapi/conformance';
import { buildSpecModel } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { createConformance } from '../observe.js';
import { type Exchange, Observer } from './observer.js';

const JSON_TYPE = 'application/json';
const PAGE = 'https://docs.example/create-thing';

/** A small description: one documented creation, one assumed read, errors of both kinds. */
const spec = {
  openapi: '3.1.0',
  info: { title: 'Things', version: '1.0.0' },
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        'x-sources': [PAGE],
        requestBody: {
          required: true,
          content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/NewThing' } } },
        },
        responses: {
          '201': {
            description: 'created',
            content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/ThingDocument' } } },
          },
          '401': {
            description: 'no token',
            content: {
              [JSON_TYPE]: {
                schema: { $ref: '#/components/schemas/Errors' },
                examples: {
                  written: {
                    'x-assumed': 'Written here.',
                    value: { errors: [{ title: 'Unauthorized' }] },
                  },
                },
              },
            },
          },
          '422': {
            description: 'refused',
            content: {
              [JSON_TYPE]: {
                schema: { $ref: '#/components/schemas/Errors' },
                examples: {
                  shown: {
                    'x-sources': [PAGE],
                    value: { errors: [{ title: 'name is missing' }] },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        'x-sources': ['https://docs.example/get-thing'],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'X-Trace', in: 'header', schema: { type: 'integer' } },
        ],
        responses: {
          '2XX': {
            'x-assumed': 'The status is not shown.',
            description: 'the thing',
            content: {
              [JSON_TYPE]: {
                'x-assumed': 'No page shows this answer.',
                schema: { $ref: '#/components/schemas/ThingDocument' },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      NewThing: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, size: { type: 'integer' } },
      },
      ThingDocument: {
        type: 'object',
        required: ['data'],
        properties: { data: { $ref: '#/components/schemas/Thing' } },
      },
      Thing: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' } },
      },
      Errors: {
        type: 'object',
        properties: {
          errors: {
            type: 'array',
            items: { type: 'object', properties: { title: { type: 'string' } } },
          },
        },
      },
    },
  },
};

const encoder = new TextEncoder();
const TOKEN = 'canary-token-5d1e';

function exchange(overrides: Partial<Exchange> & { body?: unknown; sent?: unknown }): Exchange {
  const { body, sent, ...rest } = overrides;
  const path = rest.path ?? '/things';
  return {
    method: 'POST',
    url: `https://api.example${path}`,
    path,
    query: '',
    requestHeaders: [
      ['content-type', JSON_TYPE],
      ['x-api-token', TOKEN],
    ],
    requestBody: encoder.encode(JSON.stringify(sent ?? { name: 'a' })),
    status: 201,
    responseHeaders: [['content-type', JSON_TYPE]],
    responseBody: body === undefined ? undefined : encoder.encode(JSON.stringify(body)),
    ...rest,
  };
}

async function judge(...exchanges: Exchange[]): Promise<Report> {
  const { observer, recording } = createConformance({ spec, recordedBy: 'test' });
  for (const x of exchanges) await observer.observe(x);
  return recording.report();
}

const good = { data: { id: '1', name: 'a' } };

describe('Observer', () => {
  it('finds nothing in an exchange that fits the description', async () => {
    const report = await judge(exchange({ body: good }));
    expect(report.exchanges).toBe(1);
    expect(report.findings).toEqual([]);
    expect(report.description).toMatchObject({ title: 'Things', version: '1.0.0' });
  });

  it('reports an undeclared status against the documented ones, with the page', async () => {
    const [finding] = (await judge(exchange({ status: 200, body: good }))).findings;
    expect(finding).toMatchObject({
      operation: 'POST /things',
      operationId: 'createThing',
      status: 200,
      direction: 'response',
      kind: 'undeclared-status',
      pointer: '',
      schemaPointer: '#/paths/~1things/post/responses',
      standing: { fact: 'documented', sources: [PAGE] },
      count: 1,
    });
    expect(finding?.sample.body).toEqual(good);
  });

  it('locates a type mismatch and a missing member at the schema that states them', async () => {
    const report = await judge(exchange({ body: { data: { id: 7 } } }));
    const byDetail = Object.fromEntries(report.findings.map((f) => [f.detail, f]));
    expect(byDetail.type).toMatchObject({
      pointer: '/data/id',
      kind: 'invalid-value',
      schemaPointer: '#/components/schemas/Thing/properties/id',
      expected: 'string',
      observed: ['integer'],
      message: 'an integer where the description says a string',
    });
    expect(byDetail.required).toMatchObject({
      pointer: '/data/name',
      schemaPointer: '#/components/schemas/Thing',
      standing: { fact: 'documented' },
    });
  });

  it('reports members the description does not name, with the schema that would name them', async () => {
    const report = await judge(exchange({ body: { data: { id: '1', name: 'a', colour: 'red' } } }));
    expect(report.findings).toMatchObject([
      {
        kind: 'undeclared-member',
        pointer: '/data/colour',
        schemaPointer: '#/components/schemas/Thing',
        observed: ['string'],
      },
    ]);
  });

  it('says when a mismatch contradicts an assumption, with its reason', async () => {
    const report = await judge(
      exchange({
        method: 'GET',
        path: '/things/1',
        requestBody: undefined,
        status: 200,
        body: { data: { id: 1, name: 'a' } },
      }),
    );
    expect(report.findings[0]?.standing).toEqual({
      fact: 'assumed',
      reason: 'No page shows this answer.',
    });
  });

  it('reports a different error text only where the description documents texts', async () => {
    const report = await judge(
      exchange({ status: 422, body: { errors: [{ title: 'size is too large' }] } }),
      exchange({ status: 422, body: { errors: [{ title: 'name is missing' }] } }),
      exchange({ status: 401, body: { errors: [{ title: 'API token is invalid' }] } }),
    );
    expect(report.findings).toMatchObject([
      {
        status: 422,
        kind: 'error-text',
        pointer: '/errors/*/title',
        detail: 'size is too large',
        expected: ['name is missing'],
        schemaPointer: '#/paths/~1things/post/responses/422/content/application~1json',
        standing: { fact: 'documented', sources: [PAGE] },
      },
    ]);
    expect(report.errorTexts.map((t) => [t.status, t.text, t.inDescription])).toEqual([
      [401, 'API token is invalid', false],
      [422, 'name is missing', true],
      [422, 'size is too large', false],
    ]);
  });

  it('takes a shared example as documented only for the operations whose pages it names', async () => {
    const shared = structuredClone(spec);
    const refused = shared.paths['/things'].post.responses['422'].content[JSON_TYPE].examples.shown;
    refused['x-sources'] = ['https://docs.example/another-operation'];
    const { observer, recording } = createConformance({ spec: shared, recordedBy: 'test' });
    await observer.observe(
      exchange({ status: 422, body: { errors: [{ title: 'size is too large' }] } }),
    );
    expect(recording.report().findings).toEqual([]);
    expect(recording.report().errorTexts).toMatchObject([
      { text: 'size is too large', inDescription: false },
    ]);
  });

  it('reports an endpoint the description lacks when the API answers it, not when it says 404', async () => {
    const report = await judge(
      exchange({ method: 'GET', path: '/widgets/3', status: 200, body: { id: 3 } }),
      exchange({ method: 'GET', path: '/gadgets', status: 404, body: { errors: [] } }),
      exchange({ method: 'DELETE', path: '/things', status: 405 }),
    );
    expect(report.findings).toMatchObject([
      { operation: 'GET /widgets/3', kind: 'unknown-operation', standing: { fact: 'absent' } },
    ]);
  });

  it('judges a request only when the API accepted it', async () => {
    const accepted = await judge(exchange({ sent: { size: 'big' }, body: good }));
    expect(accepted.findings.map((f) => [f.direction, f.pointer, f.detail])).toEqual([
      ['request', '/name', 'required'],
      ['request', '/size', 'type'],
    ]);
    const refused = await judge(
      exchange({
        sent: { size: 'big' },
        status: 422,
        body: { errors: [{ title: 'name is missing' }] },
      }),
    );
    expect(refused.findings).toEqual([]);
    const badParam = await judge(
      exchange({
        method: 'GET',
        path: '/things/abc',
        requestBody: undefined,
        status: 200,
        body: good,
      }),
    );
    expect(badParam.findings).toMatchObject([
      { direction: 'request', pointer: '/path/id', detail: 'type', observed: ['string'] },
    ]);
  });

  it('judges the parameters of a request line seen before again, unless the line alone made them sound', async () => {
    const get = (path: string, headers: [string, string][] = []) =>
      exchange({
        method: 'GET',
        path,
        requestBody: undefined,
        requestHeaders: [['x-api-token', TOKEN], ...headers],
        status: 200,
        body: good,
      });
    const counts = (report: Report) => report.findings.map((f) => [f.pointer, f.count]);
    // A line whose parameters break their schema is judged, and counted, every time.
    expect(counts(await judge(get('/things/abc'), get('/things/abc')))).toEqual([['/path/id', 2]]);
    // The operation also reads a header: a line judged sound once is judged again with it.
    const sound = await judge(
      get('/things/1'),
      get('/things/1'),
      get('/things/1', [['x-trace', 'x']]),
    );
    expect(sound.exchanges).toBe(3);
    expect(counts(sound)).toEqual([['/header/x-trace', 1]]);
    // A line the description lacks is reported every time it is answered.
    expect(counts(await judge(get('/gadgets/1'), get('/gadgets/1')))).toEqual([['', 2]]);
    // The body of a sound line is judged every time.
    const posted = await judge(
      exchange({ body: good }),
      exchange({ sent: { size: 1 }, body: good }),
    );
    expect(counts(posted)).toEqual([['/name', 1]]);
  });

  it('reports bodies of the wrong media type, unreadable bodies and missing bodies', async () => {
    const report = await judge(
      exchange({ responseHeaders: [['content-type', 'text/html']], body: '<p>' }),
      exchange({ responseBody: encoder.encode('{not json'), status: 201 }),
      exchange({ status: 201 }),
    );
    expect(report.findings.map((f) => [f.kind, f.observed?.[0] ?? ''])).toEqual([
      ['undeclared-content-type', 'text/html'],
      ['unreadable-body', ''],
      ['undeclared-content-type', '(none)'],
    ]);
  });

  it('keeps the token out of samples, wherever the answer echoes it', async () => {
    const report = await judge(
      exchange({
        status: 200,
        url: `https://api.example/things?api_key=${TOKEN}`,
        responseHeaders: [
          ['content-type', JSON_TYPE],
          ['x-echo', TOKEN],
        ],
        body: { data: { id: '1', name: `token ${TOKEN}` }, password: 'p4ssw0rd' },
      }),
    );
    const text = JSON.stringify(report);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('p4ssw0rd');
  });

  it('keeps the token out of the operation of an unknown path and out of fixtures', async () => {
    const { observer, recording } = createConformance({
      spec,
      recordedBy: 'test',
      fixtures: true,
    });
    await observer.observe(
      exchange({ method: 'GET', path: `/tokens/${TOKEN}`, status: 200, body: good }),
    );
    await observer.observe(
      exchange({ path: '/things', query: `api_token=${TOKEN}&name=a`, body: good }),
    );
    const report = recording.report();
    expect(report.findings.map((f) => f.operation)).toEqual(['GET /tokens/[redacted]']);
    expect(report.fixtures?.map((f) => f.query)).toEqual(['api_token=[redacted]&name=a']);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it('never throws: a validator that throws leaves the exchange counted and nothing recorded', async () => {
    const { recording, redactor } = createConformance({ spec, recordedBy: 'test' });
    const observer = new Observer({
      spec: buildSpecModel(spec),
      validators: {
        precompiled: true,
        get: () => {
          throw new Error('broken validator');
        },
      },
      recording,
      redactor,
    });
    await expect(observer.observe(exchange({ body: good }))).resolves.toBeUndefined();
    expect(recording.report().exchanges).toBe(1);
  });

  it('gives the same report whether a codec reads a body at once or later', async () => {
    const traffic = [
      exchange({ body: good }),
      exchange({ body: { data: { id: 7, colour: 'red' } } }),
      exchange({ status: 422, body: { errors: [{ title: 'name is too long' }] } }),
      exchange({ responseBody: encoder.encode('{not json') }),
      exchange({ sent: { size: 'big' }, body: good }),
      exchange({
        method: 'GET',
        path: '/things/1',
        requestBody: undefined,
        status: 200,
        body: good,
      }),
    ];
    const TIMES = new Set(['started', 'updated', 'firstSeen', 'lastSeen']);
    const reportWith = async (later: boolean) => {
      const { observer, recording } = createConformance({
        spec,
        recordedBy: 'test',
        codecs: [
          {
            accepts: (mediaType) => mediaType === JSON_TYPE,
            parse: (body) => {
              const value = JSON.parse(new TextDecoder().decode(body));
              return later ? Promise.resolve(value) : value;
            },
          },
        ],
      });
      for (const x of traffic) await observer.observe(x);
      return JSON.parse(
        JSON.stringify(recording.report(), (key, value) => (TIMES.has(key) ? '' : value)),
      ) as Report;
    };
    const atOnce = await reportWith(false);
    expect(atOnce.exchanges).toBe(traffic.length);
    expect(atOnce.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['invalid-value', 'undeclared-member', 'unreadable-body']),
    );
    expect(await reportWith(true)).toEqual(atOnce);
  });
});

describe('Observer.judgeNow with a value its reader parsed', () => {
  const TIMES = new Set(['started', 'updated', 'firstSeen', 'lastSeen', 'recorded']);
  const timeless = (report: Report) =>
    JSON.parse(JSON.stringify(report, (key, value) => (TIMES.has(key) ? '' : value)));
  const bodies = [
    good,
    { data: { id: 7 } },
    { data: { id: '1', name: 'a', colour: 'red' } },
    { errors: [{ title: 'name is missing' }] },
  ];

  it('records what the bytes would, for answers right and wrong, without the bytes', async () => {
    for (const body of bodies) {
      for (const status of [201, 200, 422]) {
        const warm = exchange({ body: good });
        const fromBytes = await judge(warm, exchange({ status, body }));
        const { observer, recording } = createConformance({ spec, recordedBy: 'test' });
        // Once its validators are loaded, the observer judges at once.
        await observer.observe(warm);
        const parsed = exchange({ status, responseValue: { value: structuredClone(body) } });
        await observer.judgeNow(parsed);
        expect(timeless(recording.report()), JSON.stringify({ status, body })).toEqual(
          timeless(fromBytes),
        );
      }
    }
  });

  it('has judged the value, or copied it, when it returns: a later change records nothing', async () => {
    for (const loaded of [true, false]) {
      const { observer, recording } = createConformance({ spec, recordedBy: 'test' });
      if (loaded) await observer.observe(exchange({ body: good }));
      const value = { data: { id: 7 } } as { data: Record<string, unknown> };
      const left = observer.judgeNow(exchange({ responseValue: { value } }));
      value.data.id = '1';
      value.data.name = 'a';
      await left;
      expect(
        recording
          .report()
          .findings.map((f) => f.detail)
          .sort(),
      ).toEqual(['required', 'type']);
    }
  });

  it('records a body its reader could not parse as unreadable', async () => {
    const { observer, recording } = createConformance({ spec, recordedBy: 'test' });
    await observer.judgeNow(exchange({ responseMalformed: true }));
    expect(recording.report().findings.map((f) => f.kind)).toEqual(['unreadable-body']);
  });
});
