/** Secrets shorter than this are not looked for: they would match ordinary text. */
const SHORTEST = 3;
const REDACTED = '[redacted]';

/** The ways a secret may be written back by a server or a runtime: as is, in a URL, a form, XML or JSON. */
function forms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
    JSON.stringify(secret).slice(1, -1),
  ];
}

/**
 * Keeps credentials out of what a client throws. Secrets may be added at any time (an access
 * token arrives after the client is made); everything added stays redacted.
 */
export class Redactor {
  #secrets: string[] = [];

  /** Adds secrets (and their encoded forms) to take out; empty and very short ones are ignored. */
  add(...secrets: (string | undefined)[]): void {
    const all = new Set(this.#secrets);
    for (const secret of secrets) {
      if (secret === undefined) continue;
      for (const form of forms(secret)) if (form.length >= SHORTEST) all.add(form);
    }
    this.#secrets = [...all].sort((a, b) => b.length - a.length);
  }

  /** The text with every secret replaced by `[redacted]`. */
  redact(text: string): string {
    return this.#secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
  }

  /** Takes the secrets out of every string of a thrown value, its causes included, in place. */
  scrub<T>(value: T, depth = 0): T {
    if (value && typeof value === 'object' && depth < 6) {
      for (const key of Object.getOwnPropertyNames(value)) {
        try {
          const member = (value as Record<string, unknown>)[key];
          if (typeof member !== 'string') this.scrub(member, depth + 1);
          else if (this.redact(member) !== member) {
            Object.defineProperty(value, key, { value: this.redact(member) });
          }
        } catch {}
      }
    }
    return value;
  }

  /**
   * An answer fit to keep in an error: its status, and its headers, status text and URL
   * without secrets; no body (the error holds what was read of it).
   */
  response(response: Response): Response {
    return Object.defineProperties(
      new Response(null, {
        status: response.status,
        headers: [...response.headers].map(
          ([name, value]) => [name, this.redact(value)] as [string, string],
        ),
      }),
      {
        url: { value: this.redact(response.url) },
        statusText: { value: this.redact(response.statusText) },
      },
    );
  }

  /** `fn`, with whatever it throws scrubbed on the way out. */
  guard<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args: A) =>
      fn(...args).catch((error: unknown) => {
        throw this.scrub(error);
      });
  }

  /** Nothing of the secrets when the redactor itself is logged. */
  toJSON() {
    return {};
  }
}
