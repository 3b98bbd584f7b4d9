import type { RequestHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createMockFetch,
  createMockHandler,
  createMswHandlers,
  type MockHandler,
  type MockOptions,
  startMockServer,
  TRANSPORT_USER,
  type TransportUser,
} from './index.js';

describe('public API', () => {
  it('offers the handler, fetch, server and MSW handlers of every mock of this repository', () => {
    expectTypeOf<MockHandler>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(createMockHandler).parameter(0).toEqualTypeOf<MockOptions | undefined>();
    expectTypeOf(createMockHandler().snapshot).returns.toHaveProperty('tables');
    expectTypeOf(createMockFetch()).toEqualTypeOf<typeof fetch>();
    expectTypeOf(startMockServer).returns.resolves.toExtend<{
      url: string;
      close(): Promise<void>;
    }>();
    expectTypeOf(createMswHandlers()).toEqualTypeOf<RequestHandler[]>();
  });

  it('takes integration accounts as name and password', () => {
    expectTypeOf(TRANSPORT_USER).toEqualTypeOf<TransportUser>();
    expectTypeOf<MockOptions['users']>().toEqualTypeOf<readonly TransportUser[] | undefined>();
    // @ts-expect-error an account needs its password
    const noPassword: TransportUser = { username: 'csaTransportUser' };
    void noPassword;
  });
});
