const enc = encodeURIComponent;

/** Throws the TypeError the client reports bad input with. */
export const invalid = (message: string): never => {
  throw new TypeError(`ActivePlatform client: ${message}`);
};

const fail = (what: string, value: unknown): never =>
  invalid(
    `${what} cannot be sent (got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : value === null ? 'null' : typeof value})`,
  );

function scalar(value: unknown, name: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return enc(value.toISOString());
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint') {
    return enc(String(value));
  }
  return fail(`query parameter ${name}`, value);
}

/** Keeps the brackets of `page[size]` style names readable; everything else is percent-encoded. */
const encodeName = (name: string) => enc(name).replace(/%5B/g, '[').replace(/%5D/g, ']');

/**
 * Serialises a query object the way the ActivePlatform documentation writes it: objects become
 * bracketed families (`page[size]=2&filter[status]=active`), arrays become comma-joined lists
 * (`filter[status]=active,suspended`), `null` and `undefined` are left out. Brackets and list
 * commas stay raw; names and values are otherwise percent-encoded, so a comma inside a single
 * value is sent as `%2C`. Families nest at most four levels deep.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (name: string, value: unknown, depth: number): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      const items = value.filter((v) => v !== undefined && v !== null);
      if (items.length) out.push(`${name}=${items.map((v) => scalar(v, name)).join(',')}`);
    } else if (typeof value === 'object' && !(value instanceof Date)) {
      if (depth > 4) fail(`query parameter ${name}`, value);
      for (const key of Object.keys(value)) {
        walk(`${name}[${encodeName(key)}]`, (value as Record<string, unknown>)[key], depth + 1);
      }
    } else {
      out.push(`${name}=${scalar(value, name)}`);
    }
  };
  for (const key of Object.keys(query)) walk(encodeName(key), query[key], 0);
  return out.join('&');
}

/**
 * Fills `{name}` placeholders with percent-encoded values. A value must be a number or a
 * non-empty string other than `.` and `..` (those would change the path once the URL is parsed).
 */
export function serializePath(url: string, params: Record<string, unknown>): string {
  return url.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (
      (typeof value === 'number' && Number.isFinite(value)) ||
      typeof value === 'bigint' ||
      (typeof value === 'string' && value !== '' && value !== '.' && value !== '..')
    ) {
      return enc(String(value));
    }
    return fail(`path parameter ${name}`, value);
  });
}
