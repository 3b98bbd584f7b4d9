import { describe, expectTypeOf, it } from 'vitest';
import { createClient, type ErrorStatusOf, type SuccessResult } from './index.js';
import type { components, paths } from './test-support/success-statuses.generated.js';

type Thing = components['schemas']['Thing'];
type Errors = components['schemas']['Errors'];
type Media = 'application/vnd.api+json';
type CreateThing = paths['/things']['post'];
type CreateGuess = paths['/guesses']['post'];

const options = { baseUrl: 'https://api.example.org', token: 't' };
const client = createClient<paths>(options);
const throwing = createClient<paths>({ ...options, throwOnError: true });

describe('generated types', () => {
  it('give a 200 and a 201 with one body the same content', () => {
    expectTypeOf<CreateThing['responses'][200]['content'][Media]>().toEqualTypeOf<Thing>();
    expectTypeOf<CreateThing['responses'][201]['content'][Media]>().toEqualTypeOf<Thing>();
  });

  it('keep an undocumented success as the range 2XX', () => {
    expectTypeOf<CreateGuess['responses']['2XX']['content'][Media]>().toEqualTypeOf<Thing>();
    expectTypeOf<ErrorStatusOf<CreateGuess>>().toEqualTypeOf<422>();
    expectTypeOf<ErrorStatusOf<CreateThing>>().toEqualTypeOf<422>();
  });
});

describe('the client treats every declared success as success', () => {
  it('types data as the body when 200 and 201 share it', async () => {
    const { data, error } = await client.POST('/things');
    expectTypeOf(data).toEqualTypeOf<Thing | undefined>();
    expectTypeOf(error).toEqualTypeOf<Errors | undefined>();
    if (error === undefined) expectTypeOf(data).toEqualTypeOf<Thing>();
    expectTypeOf<SuccessResult<CreateThing, object>['data']>().toEqualTypeOf<Thing>();
  });

  it('types data as the body of a 2XX answer', async () => {
    const { data, error } = await client.POST('/guesses');
    expectTypeOf(data).toEqualTypeOf<Thing | undefined>();
    expectTypeOf(error).toEqualTypeOf<Errors | undefined>();
    expectTypeOf<SuccessResult<CreateGuess, object>['data']>().toEqualTypeOf<Thing>();
  });

  it('resolves the throwing client to the body for both', async () => {
    expectTypeOf((await throwing.POST('/things')).data).toEqualTypeOf<Thing>();
    expectTypeOf((await throwing.POST('/guesses')).data).toEqualTypeOf<Thing>();
    // @ts-expect-error a success body is not an error body
    expectTypeOf((await throwing.POST('/guesses')).data).toEqualTypeOf<Errors>();
  });
});
