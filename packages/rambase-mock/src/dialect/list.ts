/**
 * A page of a RamBase list: `regardingItemId` keeps the objects about one item (blank: those
 * about no item), `$skip` and `$top` cut the page (`$top=$max`, or more than 80, gives 80,
 * the largest page the documented lists allow; without `$top`, 80 too), and the paging block
 * says where the page sits with links to its neighbours (never carrying a token sent in
 * `$access_token`). `$filter`, `$orderby` and
 * `$inlinecount` are accepted and not applied: their syntax is not in the documentation.
 */
import type { CallRequest } from '@proseapi/mock-engine';
import { formatQueryString, isObject, type JsonObject } from '@proseapi/openapi-model';

/** Pairs the links leave out: the page's own, and a token sent in the query. */
const NOT_LINKED = new Set(['$top', '$skip', '$access_token']);

/** The largest page of the documented notification lists. */
export const MAX_PAGE = 80;

function pageSize(top: unknown): number {
  if (typeof top === 'number' && top > 0) return Math.min(top, MAX_PAGE);
  if (typeof top === 'string' && /^[0-9]+$/.test(top) && Number(top) > 0) {
    return Math.min(Number(top), MAX_PAGE);
  }
  return MAX_PAGE;
}

function aboutItem(record: unknown, wanted: unknown): boolean {
  const regarding = isObject(record) ? record.regardingItem : undefined;
  const itemId = isObject(regarding) ? regarding.itemId : undefined;
  if (wanted === '') return itemId === undefined || itemId === null;
  return itemId !== undefined && String(itemId) === String(wanted).trim();
}

/** The objects of a list that the request's `regardingItemId` keeps. */
export function regarding(records: unknown[], query: Record<string, unknown>): unknown[] {
  const wanted = query.regardingItemId;
  return wanted === undefined ? records : records.filter((r) => aboutItem(r, wanted));
}

/** One page of the objects, and its paging block (links keep the request's other parameters). */
export function page(
  records: unknown[],
  query: Record<string, unknown>,
  request: CallRequest,
): { records: unknown[]; paging: JsonObject } {
  const size = pageSize(query.$top);
  const skip = typeof query.$skip === 'number' && query.$skip > 0 ? query.$skip : 0;
  const others = request.pairs.filter(([key]) => !NOT_LINKED.has(key));
  const link = (from: number) => {
    const pairs: [string, string][] = [...others, ['$top', String(size)], ['$skip', String(from)]];
    return `${request.origin}${request.pathname}?${formatQueryString(pairs).replace(/%24/g, '$')}`;
  };
  const last = records.length === 0 ? 0 : Math.floor((records.length - 1) / size) * size;
  const paging: JsonObject = { position: skip + 1, firstPage: link(0) };
  if (skip + size < records.length) paging.nextPage = link(skip + size);
  if (skip > 0) paging.previousPage = link(Math.max(0, skip - size));
  paging.lastPage = link(last);
  return { records: records.slice(skip, skip + size), paging };
}
