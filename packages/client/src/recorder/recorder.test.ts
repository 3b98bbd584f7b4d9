import { createServer } from 'node:http';
import { createMockFetch, DEMO_TOKEN } from '@activeplatform/mock';
import { hashSpec } from '@proseapi/mock-engine';
import { describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import { documentedExample, spec } from '../test-support/spec.js';
import { createRecorder, formatReport } from './index.js';

const MT = 'application/vnd.api+json';
const baseUrl = 'https://test.activeplatform.com';
const ACCOUNT = '/api/v3/resellers/{reseller_id}/accounts/{account_id}';
const NOTES = '/api/v3/resellers/{reseller_id}/notes';
const params = { path: { reseller_id: 1, account_id: 505 } };
const CANARY = 'canary-6b0d2f-recorder-token';

/** The description's own answer to a created note. */
const note = documentedExample('createNote-201');
const noteBody = {
  data: { attributes: { id: 505, type: 'account' as const, content: 'Migrated' } },
};

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': MT, ...headers } });

describe('the conformance recorder', () => {
  it('finds nothing in the mock’s traffic, and counts every exchange', async () => {
    const recorder = createRecorder({ fetch: createMockFetch({ mode: 'stateful' }) });
    const client = createClient({ baseUrl, token: DEMO_TOKEN, fetch: recorder.fetch });
    expect((await client.GET(ACCOUNT, { params })).response.status).toBe(200);
    const created = await client.POST(NOTES, {
      params: { path: { reseller_id: 1 } },
      body: noteBody,
    });
    expect(created.response.status).toBe(201);
    await client.GET(ACCOUNT, { params: { path: { reseller_id: 1, account_id: 99999999 } } });
    await recorder.flush();
    const report = recorder.report();
    expect(report.exchanges).toBe(3);
    expect(report.findings).toEqual([]);
    expect(report.description.title).toBe((spec.info as { title: string }).title);
    expect(recorder.format()).toContain('Every exchange matched the description.');
  });

  it('records where real answers depart from the description, keyed and counted', async () => {
    const drifted = structuredClone(note) as { data: { attributes: Record<string, unknown> } };
    drifted.data.attributes.pinned = true;
    drifted.data.attributes.original_id = '3056';
    delete drifted.data.attributes.creator;
    const recorder = createRecorder({ fetch: async () => json(drifted, 200) });
    const client = createClient({ baseUrl, token: DEMO_TOKEN, fetch: recorder.fetch });
    for (let i = 0; i < 2; i++) {
      await client.POST(NOTES, { params: { path: { reseller_id: 1 } }, body: noteBody });
    }
    await recorder.flush();
    const findings = recorder.report().findings.map((f) => [f.status, f.kind, f.pointer, f.count]);
    expect(findings).toEqual([[200, 'undeclared-status', '', 2]]);

    const wrongBody = createRecorder({ fetch: async () => json(drifted, 201) });
    const second = createClient({ baseUrl, token: DEMO_TOKEN, fetch: wrongBody.fetch });
    await second.POST(NOTES, { params: { path: { reseller_id: 1 } }, body: noteBody });
    await wrongBody.flush();
    expect(
      wrongBody.report().findings.map((f) => [f.kind, f.detail ?? '', f.pointer, f.standing?.fact]),
    ).toEqual([
      ['invalid-value', 'required', '/data/attributes/creator', 'documented'],
      ['invalid-value', 'type', '/data/attributes/original_id', 'documented'],
      ['undeclared-member', '', '/data/attributes/pinned', 'documented'],
    ]);
    expect(formatReport(wrongBody.report())).toContain(
      'POST /api/v3/resellers/{reseller_id}/notes (createNote)',
    );
  });

  it('keeps the token and secrets out of the report, wherever the answer echoes them', async () => {
    const recorder = createRecorder({
      secrets: ['hunter2-password'],
      fetch: async (input) =>
        json(
          { errors: [{ title: `token ${CANARY} hunter2-password`, detail: String(input) }] },
          418,
          {
            'x-echo': CANARY,
            'set-cookie': `session=${CANARY}`,
          },
        ),
    });
    const client = createClient({ baseUrl, token: CANARY, fetch: recorder.fetch });
    await client.GET(ACCOUNT, { params });
    await recorder.flush();
    const text = JSON.stringify(recorder.report());
    expect(recorder.report().findings).toHaveLength(1);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('hunter2-password');
    expect(recorder.format()).not.toContain(CANARY);
  });

  it('keeps redacted answers as fixtures when asked', async () => {
    const recorder = createRecorder({ fixtures: true, fetch: createMockFetch() });
    const client = createClient({ baseUrl, token: DEMO_TOKEN, fetch: recorder.fetch });
    await client.GET(ACCOUNT, { params });
    await recorder.flush();
    expect(recorder.report().fixtures).toMatchObject([
      { method: 'GET', path: '/api/v3/resellers/1/accounts/505', status: 200 },
    ]);
  });
});

/** What a caller sees of one call: its result, or the error it threw. */
async function outcome(
  call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
) {
  try {
    const { data, error, response } = await call();
    return {
      status: response.status,
      data,
      error,
      headers: [...response.headers],
      url: response.url,
    };
  } catch (error) {
    return { threw: (error as Error).name, message: (error as Error).message };
  }
}

/** Answers no server should give, one per path. */
function hostile(path: string): Response {
  const encoder = new TextEncoder();
  if (path.endsWith('/505')) return json({ data: { id: 7, attributes: 'not an object' } }, 299);
  if (path.endsWith('/506'))
    return new Response('{not json', { status: 200, headers: { 'content-type': MT } });
  if (path.endsWith('/507')) {
    // A body that breaks off after its first chunk.
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(encoder.encode('{"data":'));
          controller.error(new TypeError('terminated'));
        },
      }),
      { status: 200, headers: { 'content-type': MT } },
    );
  }
  if (path.endsWith('/508')) return json({ filler: 'x'.repeat(200_000) }, 200);
  if (path.endsWith('/509')) return new Response(null, { status: 204 });
  return json({ errors: { title: 42 } }, 503, { 'retry-after': 'soon' });
}

describe('what the caller gets', () => {
  const ids = [505, 506, 507, 508, 509, 510];
  const run = async (fetch: typeof globalThis.fetch) => {
    const client = createClient({
      baseUrl,
      token: DEMO_TOKEN,
      fetch,
      retry: false,
      maxResponseBytes: 100_000,
    });
    const results = [];
    for (const id of ids) {
      results.push(
        await outcome(() =>
          client.GET(ACCOUNT, { params: { path: { reseller_id: 1, account_id: id } } }),
        ),
      );
    }
    return results;
  };
  const answer = async (input: RequestInfo | URL) => hostile(new URL(String(input)).pathname);

  it('is the same, to the byte, with and without the recorder, for hostile answers', async () => {
    const recorder = createRecorder({ fetch: answer, maxBodyBytes: 50_000 });
    const plain = await run(answer);
    const recorded = await run(recorder.fetch);
    expect(recorded).toEqual(plain);
    await recorder.flush();
    // Every answer was looked at; the broken ones were judged or passed over, never thrown.
    expect(recorder.report().exchanges).toBeGreaterThanOrEqual(ids.length - 1);
  });

  it('is the same when the inner fetch itself fails or returns something that is no Response', async () => {
    const failing = async () => {
      throw new TypeError('fetch failed');
    };
    const recorder = createRecorder({ fetch: failing });
    expect(await run(recorder.fetch)).toEqual(await run(failing));
    const odd = (async () => ({ status: 200 })) as unknown as typeof globalThis.fetch;
    const oddRecorder = createRecorder({ fetch: odd });
    expect(await run(oddRecorder.fetch)).toEqual(await run(odd));
    await oddRecorder.flush();
    expect(oddRecorder.report().findings).toEqual([]);
  });

  it('is the same, and nothing throws, when every validator throws', async () => {
    const throwing = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('a validator that throws');
        },
      },
    );
    const recorder = createRecorder({
      fetch: createMockFetch(),
      spec,
      precompiled: { specHash: hashSpec(spec), validators: throwing },
    });
    const plain = await run(createMockFetch());
    const recorded = await run(recorder.fetch);
    expect(recorded).toEqual(plain);
    await expect(recorder.flush()).resolves.toBeUndefined();
    expect(recorder.report().exchanges).toBe(ids.length);
    expect(recorder.report().findings).toEqual([]);
  });
});

describe('the answer handed over', () => {
  it('keeps the status text, URL, headers and bytes of a real answer, whose body it reads ahead', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, 'Fine Thanks', { 'content-type': MT, 'x-trace': 'abc' });
      response.end(JSON.stringify(note));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}${NOTES.replace('{reseller_id}', '1')}`;
      const recorder = createRecorder();
      const seen = async (response: Response) => ({
        status: response.status,
        statusText: response.statusText,
        url: response.url,
        type: response.type,
        redirected: response.redirected,
        headers: [...response.headers].filter(([name]) => name !== 'date'),
        body: await response.text(),
      });
      const direct = await seen(await fetch(url));
      const recorded = await seen(await recorder.fetch(url));
      expect(recorded).toEqual(direct);
      expect(recorded.statusText).toBe('Fine Thanks');
      await recorder.flush();
      expect(recorder.report().exchanges).toBe(1);
    } finally {
      server.close();
    }
  });

  it('hands over a stream of events before it ends, and judges a copy once it has', async () => {
    const encoder = new TextEncoder();
    let finish: (() => void) | undefined;
    const events = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(encoder.encode('data: one\n\n'));
            finish = () => {
              controller.enqueue(encoder.encode('data: two\n\n'));
              controller.close();
            };
          },
        }),
        { status: 200, headers: { 'content-type': 'text/event-stream' } },
      );
    const recorder = createRecorder({ fetch: events });
    const response = await recorder.fetch(`${baseUrl}/api/v3/resellers/1/accounts/505`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: one\n\n');
    finish?.();
    expect(decoder.decode((await reader.read()).value)).toBe('data: two\n\n');
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
    expect(recorder.report().findings.map((f) => f.kind)).toEqual(['undeclared-content-type']);
  });

  it('judges exchanges after the caller has its answer, and flush() waits for all of them', async () => {
    const recorder = createRecorder({ fetch: async () => json(note, 201) });
    const client = createClient({ baseUrl, token: DEMO_TOKEN, fetch: recorder.fetch });
    const calls = Array.from({ length: 5 }, () =>
      client.POST(NOTES, { params: { path: { reseller_id: 1 } }, body: noteBody }),
    );
    // Not even answered yet: flush() waits for the calls under way as well.
    const flushed = recorder.flush();
    expect(recorder.report().exchanges).toBe(0);
    await flushed;
    expect(recorder.report().exchanges).toBe(5);
    for (const call of await Promise.all(calls)) expect(call.data).toEqual(note);
    expect(recorder.report().findings).toEqual([]);
  });
});
