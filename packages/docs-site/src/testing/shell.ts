/**
 * Reads a curl sample the way a shell and curl would: enough of both to check the samples the
 * generator writes and to send them to a mock.
 */

/**
 * Splits a shell command line into words: single quotes are literal; in double quotes and
 * bare words a backslash escapes the next character and `$NAME` is replaced from `env` (kept
 * as written when no `env` is given); backslash-newline continues the line.
 */
export function shellWords(command: string, env?: Record<string, string>): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const expand = (text: string, i: number): [string, number] => {
    const name = /^\$(?:\{(\w+)\}|(\w+))/.exec(text.slice(i));
    if (!name) return ['$', i];
    const variable = (name[1] ?? name[2]) as string;
    if (env === undefined) return [name[0], i + name[0].length - 1];
    const value = env[variable];
    if (value === undefined) throw new Error(`$${variable} is not set`);
    return [value, i + name[0].length - 1];
  };
  for (let i = 0; i < command.length; i++) {
    const ch = command[i] as string;
    if (ch === '\\' && command[i + 1] === '\n') {
      i++;
    } else if (ch === ' ' || ch === '\n' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      word ??= '';
      for (i++; command[i] !== '"'; i++) {
        if (i >= command.length) throw new Error('unterminated double quote');
        const inner = command[i] as string;
        if (inner === '\\' && /["\\$`]/.test(command[i + 1] ?? '')) {
          word += command[++i];
        } else if (inner === '$') {
          const [text, next] = expand(command, i);
          word += text;
          i = next;
        } else {
          word += inner;
        }
      }
    } else if (ch === '\\') {
      word = (word ?? '') + (command[i + 1] ?? '');
      i++;
    } else if (ch === '$') {
      const [text, next] = expand(command, i);
      word = (word ?? '') + text;
      i = next;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

export interface CurlCommand {
  method: string;
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** `--data-raw` / `--data-binary`: the body as written. */
  data: string | undefined;
  /** `--data-urlencode name=value`, in order. */
  form: Array<[string, string]>;
  /** `-F name=value`, in order. */
  multipart: Array<[string, string]>;
  /** `-u`: user and password. */
  user: string | undefined;
  cookie: string | undefined;
  globOff: boolean;
}

/** The parts of a curl command; `env` fills in its `$VARIABLES` (see `shellWords`). */
export function parseCurl(command: string, env?: Record<string, string>): CurlCommand {
  const [program, ...args] = shellWords(command, env);
  if (program !== 'curl') throw new Error(`not a curl command: ${command}`);
  const parsed: CurlCommand = {
    method: 'GET',
    url: '',
    headers: {},
    data: undefined,
    form: [],
    multipart: [],
    user: undefined,
    cookie: undefined,
    globOff: false,
  };
  const pair = (text: string): [string, string] => {
    const equals = text.indexOf('=');
    return equals < 0 ? [text, ''] : [text.slice(0, equals), text.slice(equals + 1)];
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = () => {
      const value = args[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === '-X') parsed.method = next();
    else if (arg === '-g') parsed.globOff = true;
    else if (arg === '-H') {
      const header = next();
      const colon = header.indexOf(':');
      parsed.headers[header.slice(0, colon).toLowerCase()] = header.slice(colon + 1).trim();
    } else if (arg === '--data-raw' || arg === '--data-binary') parsed.data = next();
    else if (arg === '--data-urlencode') parsed.form.push(pair(next()));
    else if (arg === '-F') parsed.multipart.push(pair(next()));
    else if (arg === '-u') parsed.user = next();
    else if (arg === '--cookie') parsed.cookie = next();
    else if (arg.startsWith('-')) throw new Error(`unexpected curl option ${arg}`);
    else parsed.url = arg;
  }
  return parsed;
}

/** The request curl would send for a command, with `env` filling in its variables. */
export function curlRequest(command: string, env: Record<string, string>): Request {
  const curl = parseCurl(command, env);
  const headers = new Headers(curl.headers);
  if (curl.user !== undefined) {
    headers.set('authorization', `Basic ${Buffer.from(curl.user).toString('base64')}`);
  }
  if (curl.cookie !== undefined) headers.set('cookie', curl.cookie);
  let body: BodyInit | undefined = curl.data;
  if (curl.form.length > 0) {
    body = new URLSearchParams(curl.form).toString();
    if (!headers.has('content-type')) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
  } else if (curl.multipart.length > 0) {
    const form = new FormData();
    for (const [name, value] of curl.multipart) form.append(name, value);
    body = form;
  }
  return new Request(curl.url, { method: curl.method, headers, body: body ?? null });
}
