import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import type { Validators } from '../engine/validation.js';
import { StateModel } from './model.js';
import { Records } from './records.js';
import { plainJson } from './representation.js';
import { Store } from './store.js';

// Records of two collections: tickets under a project (numeric ids, a parent field, two
// timestamps, a required title) and labels (UUIDs in their example, no timestamps).
const MT = 'application/json';
const answer = (schema: unknown, example?: unknown) => ({
  '200': {
    description: 'ok',
    content: { [MT]: example === undefined ? { schema } : { schema, example } },
  },
});
const projectId = { name: 'projectId', in: 'path', required: true, schema: { type: 'integer' } };
const spec: JsonObject = {
  openapi: '3.1.0',
  info: { title: 'Tracker', version: '1' },
  paths: {
    '/projects/{projectId}/tickets': {
      parameters: [projectId],
      post: { responses: answer({ $ref: '#/components/schemas/Ticket' }) },
    },
    '/projects/{projectId}/tickets/{ticketId}': {
      parameters: [
        projectId,
        { name: 'ticketId', in: 'path', required: true, schema: { type: 'integer' } },
      ],
      get: {
        responses: answer({ $ref: '#/components/schemas/Ticket' }, { id: 7, title: 'Fix it' }),
      },
    },
    '/labels/{labelId}': {
      parameters: [{ name: 'labelId', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        responses: answer(
          { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          { id: '0b6f6f38-8f33-4c36-9d2b-1c8f0d0b2a51', name: 'bug' },
        ),
      },
    },
  },
  components: {
    schemas: {
      Ticket: {
        type: 'object',
        required: ['title'],
        properties: {
          id: { type: 'integer' },
          projectId: { type: 'integer' },
          title: { type: 'string' },
          created: { type: 'string' },
          updated: { type: 'string' },
        },
      },
    },
  },
};

const none: Validators = { get: () => undefined, precompiled: true };

function setup(now: () => Date) {
  const model = new StateModel(buildSpecModel(spec), plainJson);
  const records = new Records({
    doc: spec,
    representation: plainJson,
    validators: none,
    store: new Store(),
    now,
    timestamps: { created: 'created', updated: 'updated' },
  });
  return {
    records,
    tickets: model.collection('/projects/{projectId}/tickets', false),
    labels: model.collection('/labels', false),
  };
}

describe('Records', () => {
  it('builds a record from the path, the declared body fields, the time and the required fields', () => {
    const { records, tickets } = setup(() => new Date('2026-01-02T03:04:05.678Z'));
    const built = records.build(
      tickets,
      '1',
      ['12'],
      { title: 'Crash', where: 'elsewhere' },
      undefined,
    );
    expect(built).toEqual({
      projectId: 12,
      created: '2026-01-02T03:04:05.678Z',
      updated: '2026-01-02T03:04:05.678Z',
      title: 'Crash',
      // Bent to the schema's integer id.
      id: 1,
    });
    // A required field the body leaves out is filled from its schema.
    expect(typeof records.build(tickets, '2', ['12'], {}, undefined).title).toBe('string');
  });

  it('stamps each record with the clock as it reads at that moment', () => {
    const times = [
      '2026-01-02T03:04:05.678Z',
      '2026-01-02T03:04:05.678Z',
      '2026-01-02T03:04:05.679Z',
      '2027-05-06T07:08:09.000Z',
    ];
    let call = 0;
    const { records, tickets } = setup(() => new Date(times[call++] as string));
    const stamps = times.map(
      (_, i) => records.build(tickets, String(i), ['1'], {}, undefined).created,
    );
    expect(stamps).toEqual(times);
    const fields: JsonObject = { created: 'kept' };
    call = 0;
    records.touch(tickets, fields, false);
    expect(fields).toEqual({ created: 'kept', updated: times[0] });
  });

  it('reads the clock once per record, whether or not its collection keeps times', () => {
    let reads = 0;
    const { records, tickets, labels } = setup(() => new Date(Date.UTC(2026, 0, 1, 0, 0, reads++)));
    expect(records.build(labels, 'a', [], { name: 'bug' }, undefined)).toEqual({
      name: 'bug',
      id: 'a',
    });
    expect(reads).toBe(1);
    expect(records.build(tickets, '1', ['1'], {}, undefined).created).toBe(
      '2026-01-01T00:00:01.000Z',
    );
    expect(reads).toBe(2);
  });

  it('refuses an invalid time from the clock as toISOString does', () => {
    const { records, tickets } = setup(() => new Date(Number.NaN));
    expect(() => records.build(tickets, '1', ['1'], {}, undefined)).toThrow(RangeError);
  });

  it('gives UUIDs where the examples use them and the next number elsewhere', () => {
    const { records, tickets, labels } = setup(() => new Date());
    expect(records.newId(labels)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    expect(records.newId(tickets)).toBe('1');
    expect(records.newId(tickets)).toBe('2');
    expect(records.newId(labels, 'number')).toBe('1');
    expect(records.newId(tickets, 'uuid')).toMatch(/^[0-9a-f]{8}-/);
  });
});
