import { HttpResponse, http, type RequestHandler } from 'msw';
import { MockNetworkError } from '../engine/engine.js';
import type { Mock } from '../mock.js';
import type { MockHandler } from './web.js';

/**
 * MSW 2 request handlers that answer every path of the document (and any other path
 * below the base URL, with 404) through the mock's handler.
 */
export function mswHandlers(mock: Mock, handler: MockHandler, baseUrl: string): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  const resolver = async ({ request }: { request: Request }) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof MockNetworkError) return HttpResponse.error();
      throw error;
    }
  };
  const handlers: RequestHandler[] = [];
  for (const template of mock.spec.paths.keys()) {
    let index = 0;
    const path = template.replace(/\{[^}]+\}/g, () => `:p${index++}`);
    handlers.push(http.all(`${base}${mock.spec.basePath}${path}`, resolver));
  }
  handlers.push(http.all(`${base}/*`, resolver));
  return handlers;
}
