import { buildSpecModel } from '@proseapi/openapi-model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spec } from '../test-support/spec.js';
import { createRecorder, type Report } from './index.js';
import { specHash, validators } from './validators.generated.js';

/** Every example answer of the description, with the request it answers. */
const model = buildSpecModel(spec);
const answers = model.operations.flatMap((op) =>
  op.responses.flatMap((response) => {
    const status = /^\dXX$/.test(response.status)
      ? Number(response.status[0]) * 100
      : Number(response.status);
    if (!Number.isInteger(status)) return [];
    return response.content.flatMap((media) =>
      media.mediaType.includes('json')
        ? media.examples.map((example) => ({
            method: op.method.toUpperCase(),
            path: op.path.replace(/\{[^}]+\}/g, '1'),
            status,
            mediaType: media.mediaType,
            value: example.value,
          }))
        : [],
    );
  }),
);

const closedKeys = Object.keys(validators).filter((key) => key.startsWith('C '));
/** The build's validators without the closed ones: every answer takes the full walk. */
const withoutClosed = Object.fromEntries(
  Object.entries(validators).filter(([key]) => !key.startsWith('C ')),
);

type Answer = (typeof answers)[number];
const baseUrl = 'https://test.example';
const TIMES = new Set(['started', 'updated', 'firstSeen', 'lastSeen', 'recorded']);

/** The report of answers judged by a recorder, and how often a closed validator took one. */
async function judge(list: Answer[], closed: boolean): Promise<{ report: Report; quick: number }> {
  let quick = 0;
  const counted = Object.fromEntries(
    Object.entries(closed ? validators : withoutClosed).map(([key, validate]) => {
      if (!key.startsWith('C ')) return [key, validate];
      const wrapped = (data: unknown) => {
        const valid = validate(data);
        if (valid) quick++;
        return valid;
      };
      return [key, wrapped];
    }),
  );
  let next = 0;
  const recorder = createRecorder({
    baseUrl,
    spec,
    precompiled: { specHash, validators: counted },
    fetch: async () => {
      const { status, mediaType, value } = list[next++] as Answer;
      return new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': mediaType },
      });
    },
  });
  for (const { method, path } of list) await recorder.fetch(`${baseUrl}${path}`, { method });
  await recorder.flush();
  // The times differ from run to run; all else must be the same.
  const report = JSON.parse(
    JSON.stringify(recorder.report(), (key, value) => (TIMES.has(key) ? '' : value)),
  ) as Report;
  return { report, quick };
}

describe('the closed validators the build adds', () => {
  it('exist for nearly every answer, and take every example answer of the description', async () => {
    const answerKeys = Object.keys(validators).filter((key) => key.startsWith('R '));
    expect(closedKeys.length).toBeGreaterThan(answerKeys.length * 0.9);
    const full = await judge(answers, false);
    const quick = await judge(answers, true);
    expect(quick.report).toEqual(full.report);
    expect(full.quick).toBe(0);
    expect(quick.quick).toBe(answers.length);
  });

  it('give the findings of the full walk for example answers bent at random (fixed runs)', async () => {
    // One change at a random place of a random example: a member added, one taken away, or
    // one given another value.
    const bend = (value: unknown, at: number, change: number, name: string, member: unknown) => {
      const copy = structuredClone(value);
      const places: Record<string, unknown>[] = [];
      const collect = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v !== null && typeof v === 'object') {
          places.push(v as Record<string, unknown>);
          Object.values(v).forEach(collect);
        }
      };
      collect(copy);
      const place = places[at % Math.max(places.length, 1)];
      if (!place) return copy;
      const names = Object.keys(place);
      const existing = names[at % Math.max(names.length, 1)];
      if (change === 0 || !existing) place[name] = member;
      else if (change === 1) delete place[existing];
      else place[existing] = member;
      return copy;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            which: fc.nat(),
            at: fc.nat(),
            change: fc.integer({ min: 0, max: 2 }),
            name: fc.constantFrom('id', 'type', 'name', 'status', 'extra', 'links', 'meta'),
            member: fc.jsonValue({ maxDepth: 2 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (changes) => {
          const list = changes.map(({ which, at, change, name, member }) => {
            const picked = answers[which % answers.length] as Answer;
            return { ...picked, value: bend(picked.value, at, change, name, member) };
          });
          const full = await judge(list, false);
          const quick = await judge(list, true);
          expect(quick.report).toEqual(full.report);
        },
      ),
      { numRuns: 40, seed: 20261130 },
    );
  }, 120_000);
});
