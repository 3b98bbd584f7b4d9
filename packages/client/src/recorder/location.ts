/**
 * Where a request went, relative to the client's base URL: its path, as the URL parser writes
 * it, and its query. A URL that starts with the base and holds only characters the parser
 * keeps as they are is split as text; any other URL is parsed, with the same result.
 */

export interface Location {
  /** The path relative to the base (`/` at least), percent-encoded as sent, without the query. */
  path: string;
  /** The query string, without `?`. */
  query: string;
}

/**
 * The location `new URL` gives: the path relative to `root` (`origin` + base path, without a
 * trailing slash) when the URL starts with it, else the URL's whole path.
 */
export function parsedLocation(href: string, root: string | undefined): Location {
  const url = new URL(href);
  const full = url.origin + url.pathname;
  return {
    path: root && full.startsWith(root) ? full.slice(root.length) || '/' : url.pathname,
    query: url.search.slice(1),
  };
}

/**
 * What follows the base, when the parser writes it as it is: a path of characters it keeps,
 * then optionally a query of characters it keeps (no fragment, no space, no quote, nothing
 * outside ASCII).
 */
const KEPT = /^(?:\/[\w\-.~!$&()*+,;=:@/%[\]]*)?(?:\?[\w\-.~!$&()*+,;=:@/?%[\]]*)?$/;
/** A `.` or `..` segment, written plainly or percent-encoded: the parser would resolve it. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:[/?]|$)/i;

/** The location of a request's URL; the same as `parsedLocation`, without parsing when it can. */
export function locationOf(href: string, root: string | undefined): Location {
  if (root && href.startsWith(root)) {
    const rest = href.slice(root.length);
    if (KEPT.test(rest) && !DOT_SEGMENT.test(rest)) {
      const q = rest.indexOf('?');
      return q === -1
        ? { path: rest || '/', query: '' }
        : { path: rest.slice(0, q) || '/', query: rest.slice(q + 1) };
    }
  }
  return parsedLocation(href, root);
}
