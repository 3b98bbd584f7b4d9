import { describe, expect, it } from 'vitest';
import { webHandler } from './adapters/web.js';
import type { Outcome, WorldRequest } from './engine/world.js';
import { createMock, type WorldFactory } from './mock.js';

// Votes: a call that is no create/read/update/delete of a resource of the description.
const tally = {
  type: 'object',
  properties: { choice: { type: 'string' }, votes: { type: 'integer' } },
};
const spec = {
  openapi: '3.1.0',
  info: { title: 'Polls', version: '1' },
  servers: [{ url: 'https://polls.example' }],
  paths: {
    '/polls/{poll}/votes': {
      parameters: [{ name: 'poll', in: 'path', required: true, schema: { type: 'string' } }],
      post: {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['choice'],
                properties: { choice: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '200': { description: 'counted', content: { 'application/json': { schema: tally } } },
        },
      },
      get: {
        responses: {
          '200': {
            description: 'the tally',
            content: {
              'application/json': { schema: { type: 'array', items: tally } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};

const TABLE = '/votes';

/** Keeps one record per poll and choice; answers in JSON or, when asked, in text. */
const votes: WorldFactory = ({ store }) => ({
  revision: () => store.revision,
  seed(stateful) {
    if (stateful) {
      store.table(TABLE).put({
        id: 'lunch:soup',
        parents: [],
        resource: { id: 'lunch:soup', poll: 'lunch', choice: 'soup', votes: 1 },
      });
    }
  },
  handle(request: WorldRequest): Outcome {
    const poll = request.rawPath.poll ?? '';
    const table = store.table(TABLE);
    if (request.op.method === 'POST') {
      const { choice } = request.body as { choice: string };
      const id = `${poll}:${choice}`;
      const count = Number(table.get([], id)?.resource.votes ?? 0) + 1;
      table.put({ id, parents: [], resource: { id, poll, choice, votes: count } });
      return {
        type: 'answer',
        status: 200,
        mediaType: 'application/json',
        value: { choice, votes: count },
      };
    }
    const rows = table
      .all()
      .filter((r) => r.resource.poll === poll)
      .map((r) => ({ choice: r.resource.choice, votes: r.resource.votes }));
    if (request.header('accept') === 'text/plain') {
      const text = rows.map((r) => `${String(r.choice)}=${String(r.votes)}`).join('\n');
      return { type: 'answer', status: 200, mediaType: 'text/plain', value: text };
    }
    return { type: 'answer', status: 200, mediaType: 'application/json', value: rows };
  },
});

const url = 'https://polls.example/polls/lunch/votes';
const vote = (choice: string) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ choice }),
  });

describe('a world of the dialect’s own', () => {
  it('answers from the store it was given, seeded when stateful', async () => {
    const mock = createMock({ spec, mode: 'stateful', world: votes });
    const handler = webHandler(mock.handle);
    expect(await (await handler(new Request(url))).json()).toEqual([{ choice: 'soup', votes: 1 }]);
    expect(await (await handler(vote('soup'))).json()).toEqual({ choice: 'soup', votes: 2 });
    // The answer to a GET kept by the engine is not reused once the store changed.
    expect(await (await handler(new Request(url))).json()).toEqual([{ choice: 'soup', votes: 2 }]);
    // Nor for another Accept.
    const text = await handler(new Request(url, { headers: { accept: 'text/plain' } }));
    expect(text.headers.get('content-type')).toBe('text/plain');
    expect(await text.text()).toBe('soup=2');
  });

  it('keeps its records in the snapshot, and reset brings back the seeded ones', async () => {
    const mock = createMock({ spec, mode: 'stateful', world: votes });
    const handler = webHandler(mock.handle);
    await handler(vote('salad'));
    const snapshot = mock.snapshot();
    expect(snapshot.tables[TABLE]?.map((r) => r.resource.id).sort()).toEqual([
      'lunch:salad',
      'lunch:soup',
    ]);
    mock.reset();
    expect(await (await handler(new Request(url))).json()).toEqual([{ choice: 'soup', votes: 1 }]);
    mock.restore(snapshot);
    expect(await (await handler(new Request(url))).json()).toHaveLength(2);
  });

  it('is seeded but not asked when the mock is stateless', async () => {
    const mock = createMock({ spec, mode: 'stateless', world: votes });
    expect(mock.snapshot().tables[TABLE]).toBeUndefined();
    const answer = await webHandler(mock.handle)(vote('soup'));
    expect(answer.status).toBe(200);
  });
});
