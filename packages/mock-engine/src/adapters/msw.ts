/** The engine as MSW 2 request handlers. */
import { HttpResponse, http, type RequestHandler } from 'msw';
import { MockNetworkError } from '../engine/request.js';
import type { MockHandler } from './web.js';

export interface MswOptions {
  /** Where the API answers (`https://api.example`). */
  baseUrl: string;
  /** The path prefix of the description's server URL (`/v2`, or `''`). */
  basePath: string;
  /** The description's path templates (`/items/{id}`). */
  paths: Iterable<string>;
}

/**
 * One handler per path of the description, and one for any other path below the base
 * URL (the handler answers it with 404). A dropped connection is MSW's network error.
 */
export function mswHandlers(handler: MockHandler, options: MswOptions): RequestHandler[] {
  const base = options.baseUrl.replace(/\/+$/, '');
  const resolver = async ({ request }: { request: Request }) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof MockNetworkError) return HttpResponse.error();
      throw error;
    }
  };
  const handlers: RequestHandler[] = [];
  for (const template of options.paths) {
    let index = 0;
    const path = template.replace(/\{[^}]+\}/g, () => `:p${index++}`);
    handlers.push(http.all(`${base}${options.basePath}${path}`, resolver));
  }
  handlers.push(http.all(`${base}/*`, resolver));
  return handlers;
}
