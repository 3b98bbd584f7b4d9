/**
 * The base URL of an API as `origin` + path without a trailing slash, or `undefined` when
 * `value` is not an http(s) URL, or carries a query, a fragment or credentials.
 */
export function apiRoot(value: unknown): string | undefined {
  try {
    const url = new URL(String(value));
    if (/^https?:$/.test(url.protocol) && !url.search && !url.hash && !url.username) {
      return url.origin + url.pathname.replace(/\/+$/, '');
    }
  } catch {}
  return undefined;
}

/** The value of an HTTP Basic `Authorization` header (UTF-8, so any character may appear). */
export function basicAuthorization(user: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) {
    binary += String.fromCharCode(byte);
  }
  return `Basic ${btoa(binary)}`;
}
