/**
 * Ways APIs ask for the records of a list that match: a `deepObject` family
 * (`filter[status]=active,stopped`: any of the comma-separated values) or plain query
 * parameters named after fields (`?status=active`).
 */
import { isObject, type OperationModel } from '@proseapi/openapi-model';

/** A field and the values it may have (any of them). */
export type Condition = readonly [field: string, values: readonly string[]];

export interface Filtering {
  /**
   * The conditions a request of this operation sets (none: every record); `fields` are
   * the field names of the records it lists.
   */
  conditions(
    op: OperationModel,
    query: Record<string, unknown>,
    fields: ReadonlySet<string>,
  ): Condition[];
}

function values(value: unknown, split: boolean): string[] {
  const list = Array.isArray(value)
    ? value.map(String)
    : split
      ? String(value).split(',')
      : [String(value)];
  return list.map((v) => v.trim());
}

/** Conditions in a `deepObject` family: `filter[status]=active,stopped`. */
export function deepObjectFiltering(parameter: string): Filtering {
  return {
    conditions(_op, query) {
      const family = query[parameter];
      if (!isObject(family)) return [];
      return Object.entries(family).map(([field, value]) => [field, values(value, true)]);
    },
  };
}

/** Conditions in the query parameters an operation declares with a field's name (`?status=sold`). */
export function fieldFiltering(): Filtering {
  return {
    conditions(op, query, fields) {
      const result: Condition[] = [];
      for (const param of op.params) {
        const value = query[param.name];
        if (param.in !== 'query' || !fields.has(param.name) || value === undefined) continue;
        if (isObject(value)) continue;
        result.push([param.name, values(value, false)]);
      }
      return result;
    },
  };
}

/** Every condition of several ways. */
export function allFilterings(...ways: Filtering[]): Filtering {
  return {
    conditions: (op, query, fields) => ways.flatMap((way) => way.conditions(op, query, fields)),
  };
}
