/**
 * For the clients' tests: everything a caller could print of a thrown value, to look for
 * secrets in. Node only (it uses `util.inspect`); not part of any client's bundle.
 */
import { inspect } from 'node:util';

/** Message, stack, `inspect` with hidden members and the JSON form of `error`, causes included. */
export function printed(error: unknown): string {
  return [
    String(error),
    (error as Error | undefined)?.stack ?? '',
    inspect(error, { showHidden: true, depth: 10 }),
    JSON.stringify(error) ?? '',
  ].join('\n');
}
