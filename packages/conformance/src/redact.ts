/**
 * Takes secrets out of what a recording keeps: credential headers and cookies, members and
 * query parameters whose names say they hold a secret, and every value the caller names or
 * the traffic itself carries as a credential, wherever it appears again (in a URL, a header,
 * a body), as it was sent, JSON-escaped or percent-encoded.
 */

export const REDACTED = '[redacted]';

/** Names of headers, query parameters and body members whose values are secrets. */
export const SENSITIVE_NAME =
  /token|secret|passw(or)?d|passphrase|api[-_]?key|authori[sz]ation|cookie|session|credential|private[-_]?key|signature/i;

/** Values shorter than this are not treated as secrets of their own (they would match anywhere). */
const MIN_SECRET = 4;
const MAX_DEPTH = 64;

export interface RedactorOptions {
  /** Values to take out wherever they appear: tokens, passwords, keys. */
  secrets?: Iterable<string | undefined>;
  /** More names (headers, parameters, members) whose values are secrets. */
  names?: RegExp;
}

function decodeBase64(text: string): string | undefined {
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}

export class Redactor {
  private forms: string[] = [];
  private readonly known = new Set<string>();
  private readonly extraNames: RegExp | undefined;
  /** Credential headers already learnt from (name and value): the same again teaches nothing. */
  private readonly learntHeaders = new Set<string>();

  constructor(options: RedactorOptions = {}) {
    this.extraNames = options.names;
    for (const secret of options.secrets ?? []) this.learn(secret);
  }

  /** Whether values under this name (header, parameter, member) are secrets. */
  isSensitiveName(name: string): boolean {
    return SENSITIVE_NAME.test(name) || (this.extraNames?.test(name) ?? false);
  }

  /** Takes this value out from now on, in its raw, JSON-escaped and percent-encoded forms. */
  learn(secret: string | undefined): void {
    if (typeof secret !== 'string') return;
    const value = secret.trim();
    if (value.length < MIN_SECRET || this.known.has(value)) return;
    this.known.add(value);
    const forms = new Set(this.forms);
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    try {
      forms.add(encodeURIComponent(value));
    } catch {}
    // Longest first, so that a secret containing another is taken out whole.
    this.forms = [...forms]
      .filter((f) => f.length >= MIN_SECRET)
      .sort((a, b) => b.length - a.length);
  }

  /**
   * Learns the credentials a request carries: every value of a header whose name says it is
   * a secret, the parts of `Authorization` (a Basic password, a bearer token) and each cookie.
   */
  learnHeaders(headers: Iterable<[string, string]>): void {
    for (const [rawName, value] of headers) {
      const name = rawName.toLowerCase();
      if (!this.isSensitiveName(name)) continue;
      const header = `${name}:${value}`;
      if (this.learntHeaders.has(header)) continue;
      this.learn(value);
      if (name === 'cookie' || name === 'set-cookie') {
        for (const part of value.split(/;\s*/)) {
          const eq = part.indexOf('=');
          if (eq > 0) this.learn(part.slice(eq + 1));
        }
      }
      const [scheme, credentials] = value.trim().split(/\s+/, 2);
      if (scheme && credentials) {
        this.learn(credentials);
        if (scheme.toLowerCase() === 'basic') {
          const decoded = decodeBase64(credentials);
          const colon = decoded?.indexOf(':') ?? -1;
          if (decoded && colon >= 0) this.learn(decoded.slice(colon + 1));
        }
      }
      if (this.learntHeaders.size < 1024) this.learntHeaders.add(header);
    }
  }

  /** A text with every known secret taken out. */
  text(value: string): string {
    let out = value;
    for (const form of this.forms) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
    return out;
  }

  /** Headers with secret ones blanked and known secrets taken out of the rest. */
  headers(headers: Iterable<[string, string]>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [rawName, value] of headers) {
      const name = rawName.toLowerCase();
      out[name] = this.isSensitiveName(name) ? REDACTED : this.text(value);
    }
    return out;
  }

  /**
   * A URL without user information, with secret query parameters blanked and known secrets
   * taken out; the rest stays as it was written (brackets and encodings kept).
   */
  url(value: string): string {
    let url = value;
    const scheme = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?/i.exec(url);
    if (scheme?.[2]) url = `${scheme[1]}${url.slice(scheme[0].length)}`;
    const q = url.indexOf('?');
    if (q !== -1) {
      const hash = url.indexOf('#', q);
      const end = hash === -1 ? url.length : hash;
      const query = url
        .slice(q + 1, end)
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          if (eq === -1) return pair;
          let name = pair.slice(0, eq);
          try {
            name = decodeURIComponent(name.replace(/\+/g, ' '));
          } catch {}
          return this.isSensitiveName(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
        })
        .join('&');
      url = `${url.slice(0, q + 1)}${query}${url.slice(end)}`;
    }
    return this.text(url);
  }

  /** A copy of a JSON value with secret members blanked and known secrets taken out of strings. */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const secret = this.isSensitiveName(key) && member !== null && typeof member !== 'boolean';
      // Defined, not assigned: a member named `__proto__` stays a member.
      Object.defineProperty(out, this.text(key), {
        value: secret ? REDACTED : this.value(member, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
}
