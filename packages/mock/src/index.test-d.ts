import type { RequestHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createMockFetch,
  createMockHandler,
  createMswHandlers,
  DEMO_TOKEN,
  type MockHandler,
  type MockOptions,
  startMockServer,
} from './index.js';

describe('public API', () => {
  it('keeps to the contract shared with the client and docs packages', () => {
    expectTypeOf<MockHandler>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(createMockHandler()).toExtend<MockHandler>();
    expectTypeOf(createMockHandler).parameter(0).toEqualTypeOf<MockOptions | undefined>();
    expectTypeOf(createMockFetch()).toEqualTypeOf<typeof fetch>();
    expectTypeOf(startMockServer).returns.resolves.toExtend<{
      url: string;
      close(): Promise<void>;
    }>();
    expectTypeOf(startMockServer)
      .parameter(0)
      .toExtend<(MockOptions & { port?: number; host?: string }) | undefined>();
    expectTypeOf(createMswHandlers()).toEqualTypeOf<RequestHandler[]>();
    expectTypeOf(createMswHandlers)
      .parameter(0)
      .toExtend<(MockOptions & { baseUrl?: string }) | undefined>();
    expectTypeOf(DEMO_TOKEN).toBeString();
    expectTypeOf<MockOptions['mode']>().toEqualTypeOf<'stateful' | 'stateless' | undefined>();
    expectTypeOf<MockOptions['spec']>().toEqualTypeOf<object | undefined>();
  });

  it('refuses options it does not know', () => {
    // @ts-expect-error the mode is stateful or stateless
    createMockHandler({ mode: 'recording' });
    // @ts-expect-error latency is milliseconds or a range
    createMockHandler({ latency: 'slow' });
  });
});
