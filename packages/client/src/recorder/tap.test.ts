// The caller gets the very answer the inner fetch gave; the recorder judges whichever of its
// reads comes first (or a clone at flush() when none does), and nothing the caller does with
// the result afterwards changes the report.
import { DEMO_TOKEN } from '@activeplatform/mock';
import createOpenApiClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import { PARSED } from '../parsed.js';
import { documentedExample } from '../test-support/spec.js';
import { createRecorder } from './index.js';

const MT = 'application/vnd.api+json';
const baseUrl = 'https://test.activeplatform.com';
const NOTES = '/api/v3/resellers/{reseller_id}/notes';
const notesUrl = `${baseUrl}/api/v3/resellers/1/notes`;
const noteBody = {
  data: { attributes: { id: 505, type: 'account' as const, content: 'Migrated' } },
};
/** The description's own answer to a created note. */
const note = documentedExample('createNote-201');
type Note = { data: { attributes: Record<string, unknown> } };
/** The note without its required `creator`: one finding. */
const drifted = (() => {
  const copy = structuredClone(note) as Note;
  delete copy.data.attributes.creator;
  return copy;
})();

const json = (value: unknown, status = 201) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': MT } });
const post = { method: 'POST', headers: { 'content-type': MT }, body: JSON.stringify(noteBody) };
const kinds = (recorder: ReturnType<typeof createRecorder>) =>
  recorder.report().findings.map((f) => [f.kind, f.detail ?? '', f.pointer, f.count]);
const MISSING_CREATOR = [['invalid-value', 'required', '/data/attributes/creator', 1]];

/** A recorder whose inner fetch answers `value`, keeping each answer it gave. */
function recording(value: unknown, status = 201) {
  const given: Response[] = [];
  const recorder = createRecorder({
    baseUrl,
    fetch: async () => {
      const answer = json(value, status);
      given.push(answer);
      return answer;
    },
  });
  return { recorder, given };
}

describe('the answer the caller gets', () => {
  it('is the very Response the inner fetch gave, with the same keys and body', async () => {
    const { recorder, given } = recording(note);
    const response = await recorder.fetch(notesUrl, post);
    expect(response).toBe(given[0]);
    expect(Object.keys(response)).toEqual(Object.keys(json(note)));
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual(note);
    expect(response.bodyUsed).toBe(true);
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
    expect(recorder.report().findings).toEqual([]);
  });

  it('gives a client the data an unrecorded client gets', async () => {
    const { recorder } = recording(note);
    const recorded = createClient({ baseUrl, token: DEMO_TOKEN, fetch: recorder.fetch });
    const plain = createClient({ baseUrl, token: DEMO_TOKEN, fetch: async () => json(note) });
    const call = { params: { path: { reseller_id: 1 } }, body: noteBody };
    expect((await recorded.POST(NOTES, call)).data).toEqual((await plain.POST(NOTES, call)).data);
    // openapi-fetch on its own reads the answer with json().
    const bare = createOpenApiClient<Record<string, never>>({
      baseUrl,
      fetch: recorder.fetch,
      headers: { 'content-type': MT },
    });
    const read = await (bare as unknown as { POST: typeof recorded.POST }).POST(NOTES, call);
    expect(read.data).toEqual(note);
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(2);
    expect(recorder.report().findings).toEqual([]);
  });

  it('gets back from the client the very value the client returns, parsed once', async () => {
    const handed: unknown[] = [];
    const answer = () =>
      Object.defineProperty(json(note), PARSED, { value: (value: unknown) => handed.push(value) });
    const client = createClient({ baseUrl, token: DEMO_TOKEN, fetch: async () => answer() });
    const { data } = await client.POST(NOTES, {
      params: { path: { reseller_id: 1 } },
      body: noteBody,
    });
    expect(handed).toHaveLength(1);
    expect(handed[0]).toBe(data);
    // An error answer's body is cleaned of the token before it is parsed: nothing is handed back.
    const failing = createClient({
      baseUrl,
      token: DEMO_TOKEN,
      retry: false,
      fetch: async () =>
        Object.defineProperty(json({ errors: [] }, 422), PARSED, {
          value: (value: unknown) => handed.push(value),
        }),
    });
    await failing.POST(NOTES, { params: { path: { reseller_id: 1 } }, body: noteBody });
    expect(handed).toHaveLength(1);
  });

  it('fails a second json() with the same TypeError as a plain answer', async () => {
    const plain = json(note);
    await plain.json();
    const expected = await plain.json().catch((error: unknown) => error);
    const { recorder } = recording(note);
    const response = await recorder.fetch(notesUrl, post);
    await response.json();
    const error = await response.json().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).constructor).toBe((expected as Error).constructor);
    expect((error as Error).message).toBe((expected as Error).message);
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
  });
});

describe('a recorder wrapping another', () => {
  /** Two recorders, the outer one around the inner one's fetch, whose answers drift. */
  function nested() {
    const inner = recording(drifted).recorder;
    const outer = createRecorder({ baseUrl, fetch: inner.fetch });
    return { inner, outer };
  }
  const bothFound = async ({ inner, outer }: ReturnType<typeof nested>) => {
    await Promise.all([inner.flush(), outer.flush()]);
    for (const recorder of [inner, outer]) {
      expect(recorder.report().exchanges).toBe(1);
      expect(kinds(recorder)).toEqual(MISSING_CREATOR);
    }
  };

  it('lets both judge an answer read with json()', async () => {
    const both = nested();
    const response = await both.outer.fetch(notesUrl, post);
    expect(await response.json()).toEqual(drifted);
    await bothFound(both);
  });

  it('lets both judge an answer read as a stream', async () => {
    const both = nested();
    const response = await both.outer.fetch(notesUrl, post);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value);
    }
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(JSON.stringify(drifted));
    await bothFound(both);
  });

  it('lets both judge what the client hands back', async () => {
    const both = nested();
    const client = createClient({ baseUrl, token: DEMO_TOKEN, fetch: both.outer.fetch });
    const { data } = await client.POST(NOTES, {
      params: { path: { reseller_id: 1 } },
      body: noteBody,
    });
    expect(data).toEqual(drifted);
    await bothFound(both);
  });
});

describe('what the caller does with what it read', () => {
  it('changes nothing recorded: a wrong answer made right after json() is still wrong', async () => {
    const { recorder } = recording(drifted);
    const data = (await (await recorder.fetch(notesUrl, post)).json()) as Note;
    data.data.attributes.creator = 'Bill Smith';
    await recorder.flush();
    expect(kinds(recorder)).toEqual(MISSING_CREATOR);
  });

  it('changes nothing recorded: a right answer made wrong after json() is still right', async () => {
    const { recorder } = recording(note);
    const data = (await (await recorder.fetch(notesUrl, post)).json()) as Note;
    delete data.data.attributes.creator;
    data.data.attributes.pinned = true;
    await recorder.flush();
    expect(recorder.report().findings).toEqual([]);
  });

  it('changes nothing recorded through the client, which hands back the value it parsed', async () => {
    const wrong = recording(drifted);
    const right = recording(note);
    const call = { params: { path: { reseller_id: 1 } }, body: noteBody };
    for (const [{ recorder }, change] of [
      [wrong, (d: Note) => Object.assign(d.data.attributes, { creator: 'Bill Smith' })],
      [right, (d: Note) => delete d.data.attributes.creator],
    ] as const) {
      const client = createClient({ baseUrl, token: DEMO_TOKEN, fetch: recorder.fetch });
      const { data } = await client.POST(NOTES, call);
      change(data as unknown as Note);
    }
    await Promise.all([wrong.recorder.flush(), right.recorder.flush()]);
    expect(kinds(wrong.recorder)).toEqual(MISSING_CREATOR);
    expect(right.recorder.report().findings).toEqual([]);
  });
});

describe('answers read other ways', () => {
  it('judges an answer never read at flush(), and the caller can read it afterwards', async () => {
    const { recorder } = recording(drifted);
    const response = await recorder.fetch(notesUrl, post);
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
    expect(kinds(recorder)).toEqual(MISSING_CREATOR);
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual(drifted);
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
  });

  it('gives every byte of .body read as a stream, and judges them', async () => {
    const { recorder } = recording(drifted);
    const response = await recorder.fetch(notesUrl, post);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value);
    }
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(JSON.stringify(drifted));
    expect(response.bodyUsed).toBe(true);
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
    expect(kinds(recorder)).toEqual(MISSING_CREATOR);
  });

  it('judges a stream left part-read at flush() by its status and media type, and does not wait for it', async () => {
    const encoder = new TextEncoder();
    const recorder = createRecorder({
      baseUrl,
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              // The first chunk of a body that never ends, with a member the description lacks.
              controller.enqueue(encoder.encode('{"data":{"pinned":true,'));
            },
          }),
          { status: 201, headers: { 'content-type': MT } },
        ),
    });
    const response = await recorder.fetch(notesUrl, post);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
    expect(recorder.report().findings).toEqual([]);
    await reader.cancel();
  });

  it('judges an error answer read with text(), as openapi-fetch reads one', async () => {
    const problem = { errors: [{ title: 'The teapot is out of tea' }] };
    const { recorder } = recording(problem, 418);
    const bare = createOpenApiClient<Record<string, never>>({ baseUrl, fetch: recorder.fetch });
    const { error } = await (
      bare as unknown as { GET: (path: string) => Promise<{ error?: unknown }> }
    ).GET('/api/v3/resellers/1/accounts/505');
    expect(error).toEqual(problem);
    await recorder.flush();
    const report = recorder.report();
    expect(report.exchanges).toBe(1);
    // The body was read: its member is judged, and its text noted.
    expect(report.findings.map((f) => [f.status, f.pointer])).toEqual([[418, '/errors']]);
    expect(report.findings[0]?.sample.body).toEqual(problem);
    expect(report.errorTexts.map((t) => t.text)).toEqual(['The teapot is out of tea']);
  });

  it('judges an error answer read with text() by the caller itself', async () => {
    const { recorder } = recording({ errors: [{ title: 42 }] }, 503);
    const response = await recorder.fetch(`${baseUrl}/api/v3/resellers/1/accounts/505`);
    expect(JSON.parse(await response.text())).toEqual({ errors: [{ title: 42 }] });
    await recorder.flush();
    expect(recorder.report().exchanges).toBe(1);
    expect(recorder.report().findings.length).toBeGreaterThan(0);
  });
});
