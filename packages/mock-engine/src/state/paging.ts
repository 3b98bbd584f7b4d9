/**
 * Ways APIs ask for one page of a list, as plain building blocks a dialect picks from:
 * a `deepObject` family (`page[size]=20&page[number]=2`) or two plain query parameters
 * (`page=2&per_page=20`). Each applies to the operations that declare its parameters.
 */
import {
  isObject,
  type OperationModel,
  type ParameterModel,
  resolveSchema,
} from '@proseapi/openapi-model';
import type { Page, Paging } from './render.js';

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Links to the pages of one list: the pairs that stay the same are encoded once, the page
 * number is put in for each link.
 */
function pageQuery(
  kept: readonly (readonly [string, string])[],
  numberName: string,
  after: readonly (readonly [string, string])[],
): (n: number) => string {
  const encode = (list: readonly (readonly [string, string])[]) =>
    new URLSearchParams(list as [string, string][]).toString();
  const before = encode(kept);
  const number = encode([[numberName, '']]);
  const rest = encode(after);
  const head = before === '' ? number : `${before}&${number}`;
  return (n) => `${head}${n}&${rest}`;
}

/** Remembers, per operation, what `find` made of it. */
function perOperation<T>(find: (op: OperationModel) => T): (op: OperationModel) => T {
  const cache = new Map<string, T>();
  return (op) => {
    if (!cache.has(op.key)) cache.set(op.key, find(op));
    return cache.get(op.key) as T;
  };
}

function queryParam(op: OperationModel, name: string): ParameterModel | undefined {
  return op.params.find((p) => p.in === 'query' && p.name === name);
}

export interface DeepObjectPagingOptions {
  /** The family's name (`page`). */
  parameter: string;
  /** Its member holding the page size (`size`) and the page number (`number`). */
  size: string;
  number: string;
  /** Page size when the request gives none and the schema has no default. */
  defaultSize: number;
}

/** Pages asked for with a `deepObject` parameter: `page[size]=20&page[number]=2`. */
export function deepObjectPaging(doc: unknown, options: DeepObjectPagingOptions): Paging {
  const sizeDefault = perOperation((op) => {
    const param = queryParam(op, options.parameter);
    if (param?.style !== 'deepObject') return undefined;
    const schema = resolveSchema(doc, param.schema);
    const members = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
    const size = resolveSchema(doc, members[options.size]);
    return isObject(size) && typeof size.default === 'number' ? size.default : options.defaultSize;
  });
  const prefix = `${options.parameter}[`;
  const numberName = `${options.parameter}[${options.number}]`;
  const sizeName = `${options.parameter}[${options.size}]`;
  return {
    page(op, query): Page | undefined {
      const defaultSize = sizeDefault(op);
      if (defaultSize === undefined) return undefined;
      const family = isObject(query[options.parameter]) ? query[options.parameter] : {};
      const asked = family as Record<string, unknown>;
      const size = positiveInt(asked[options.size], defaultSize);
      return {
        size,
        number: positiveInt(asked[options.number], 1),
        linkQuery(pairs) {
          return pageQuery(
            pairs.filter(([key]) => !key.startsWith(prefix)),
            numberName,
            [[sizeName, String(size)]],
          );
        },
      };
    },
  };
}

export interface QueryPagingOptions {
  /** The parameter holding the page number (`page`) and the page size (`per_page`). */
  number: string;
  size: string;
  defaultSize: number;
}

/** Pages asked for with two plain query parameters: `page=2&per_page=20`. */
export function queryPaging(options: QueryPagingOptions): Paging {
  const applies = perOperation(
    (op) =>
      queryParam(op, options.number) !== undefined && queryParam(op, options.size) !== undefined,
  );
  return {
    page(op, query): Page | undefined {
      if (!applies(op)) return undefined;
      const size = positiveInt(query[options.size], options.defaultSize);
      return {
        size,
        number: positiveInt(query[options.number], 1),
        linkQuery(pairs) {
          return pageQuery(
            pairs.filter(([key]) => key !== options.number && key !== options.size),
            options.number,
            [[options.size, String(size)]],
          );
        },
      };
    },
  };
}

/** The first of several ways that applies to an operation. */
export function firstPaging(...ways: Paging[]): Paging {
  return {
    page(op, query) {
      for (const way of ways) {
        const page = way.page(op, query);
        if (page) return page;
      }
      return undefined;
    },
  };
}
