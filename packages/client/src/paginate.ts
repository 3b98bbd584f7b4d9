import type { MaybeOptionalInit } from 'openapi-fetch';
import type { PathsWithMethod } from 'openapi-typescript-helpers';
import { ActivePlatformLimitError } from './errors.js';
import { invalid, serializeQuery } from './serialize.js';
import type { AnyActivePlatformClient, InitParam, SuccessResult } from './types.js';

type GetOperation<Paths, P> = P extends keyof Paths
  ? Paths[P] extends { get: infer Op }
    ? Op
    : never
  : never;
type ListBody<Paths, P> = NonNullable<
  SuccessResult<GetOperation<Paths, P>, Record<never, never>>['data']
>;

/** GET paths whose success body is a list (`data` is an array). */
export type ListPath<Paths extends {}> = {
  [P in PathsWithMethod<Paths, 'get'>]: ListBody<Paths, P> extends { data: readonly unknown[] }
    ? P
    : never;
}[PathsWithMethod<Paths, 'get'>];

/** The type of one item of a list operation. */
export type ListItem<Paths extends {}, P> =
  ListBody<Paths, P> extends { data: readonly (infer Item)[] } ? Item : never;

/** Limits of `paginate`, next to the call's own options. */
export interface PaginateOptions {
  /** Most pages requested; a list that goes on throws `ActivePlatformLimitError`. Default 10 000. */
  maxPages?: number;
  /** Most items yielded; a list that goes on throws `ActivePlatformLimitError`. Default 1 000 000. */
  maxItems?: number;
}

type Query = Record<string, unknown>;

/** Names that would reach an object's prototype if a parsed key were assigned with them. */
const FORBIDDEN = /^(__proto__|constructor|prototype)$/;

/**
 * Turns the query of a `links.next` URL back into a query object (`page[number]=2` →
 * `{ page: { number: '2' } }`). The server writes the names, so the objects have no prototype and
 * the names that could reach one are refused.
 */
function queryOf(link: string, path: string): Query {
  const out: Query = Object.create(null);
  for (const [name, value] of new URL(link, 'http://localhost').searchParams) {
    const keys = name.split(/[[\]]+/).filter(Boolean);
    const bad = keys.find((key) => FORBIDDEN.test(key));
    if (bad)
      throw new TypeError(`paginate: links.next of GET ${path} has a parameter named ${bad}`);
    const last = keys.pop();
    if (last === undefined) continue;
    let node = out;
    for (const key of keys) {
      const child = node[key];
      // A name used both as a value and as a family (`a=1&a[b]=2`): the family wins.
      node = node[key] =
        child && typeof child === 'object' && !Array.isArray(child) ? child : Object.create(null);
    }
    node[last] = value.includes(',') ? value.split(',') : value;
  }
  return out;
}

const limit = (value: unknown, name: string) =>
  typeof value === 'number' && value > 0 ? value : invalid(`${name} must be a number above 0`);

/** The query of the page after this one, counted by page number. Undefined when this was the last. */
function nextByNumber(query: Query, count: number): Query | undefined {
  const { page } = query;
  if (page !== undefined && typeof page !== 'object') {
    // Plain `page` / `per_page` numbering, as the Customer Store lists use it.
    const size = Number(query.per_page);
    return count === 0 || count < size ? undefined : { ...query, page: Number(page) + 1 };
  }
  const family = (page ?? {}) as Query;
  const size = Number(family.size) || 50;
  return count === 0 || count < size
    ? undefined
    : { ...query, page: { ...family, number: (Number(family.number) || 1) + 1 } };
}

/**
 * Iterates over every item of a list operation, page after page:
 * `for await (const item of paginate(client, path, init)) …`.
 * It follows `links.next` when the answer has `links` (only the query of that link is used, so the
 * token never goes to another host) and counts `page[number]` up otherwise, stopping at a short or
 * empty page. Error answers throw `ActivePlatformError`; going past `maxPages` or `maxItems`
 * throws `ActivePlatformLimitError`. Stop early with `break`.
 */
export async function* paginate<
  Paths extends {},
  P extends ListPath<Paths>,
  Init extends MaybeOptionalInit<Paths[P], 'get' & keyof Paths[P]> & PaginateOptions,
>(
  client: AnyActivePlatformClient<Paths>,
  path: P,
  ...init: InitParam<Init>
): AsyncGenerator<ListItem<Paths, P>, void, undefined> {
  const {
    maxPages = 10_000,
    maxItems = 1_000_000,
    ...options
  } = (init[0] ?? {}) as PaginateOptions & { params?: { query?: Query } };
  const pageLimit = limit(maxPages, 'maxPages');
  const itemLimit = limit(maxItems, 'maxItems');
  const operation = { method: 'GET', path: String(path) };
  const start = options.params?.query ?? {};
  const get = client.GET as unknown as (
    path: string,
    init: object,
  ) => Promise<{ data: { data?: unknown; links?: { next?: unknown } } }>;
  const seen = new Set<string>();
  let query: Query | undefined = start;
  let count = 0;
  while (query) {
    if (seen.size >= pageLimit)
      throw new ActivePlatformLimitError(operation, 'maxPages', pageLimit);
    const key = serializeQuery(query);
    if (seen.has(key)) throw new Error(`paginate: ${String(path)} led back to a page already read`);
    seen.add(key);
    const { data: body } = await get(path as string, {
      ...options,
      params: { ...options.params, query },
      throwOnError: true,
    });
    const items = body?.data;
    if (!Array.isArray(items)) {
      throw new TypeError(`paginate: GET ${String(path)} did not answer with a list in \`data\``);
    }
    for (const item of items as ListItem<Paths, P>[]) {
      if (count++ >= itemLimit)
        throw new ActivePlatformLimitError(operation, 'maxItems', itemLimit);
      yield item;
    }
    const links = body.links;
    if (links && typeof links === 'object') {
      query =
        typeof links.next === 'string' && links.next
          ? { ...start, ...queryOf(links.next, String(path)) }
          : undefined;
    } else {
      query = nextByNumber(query, items.length);
    }
  }
}
