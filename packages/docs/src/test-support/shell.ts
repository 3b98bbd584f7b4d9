/**
 * Splits a shell command line into words: single quotes are literal, double quotes keep `$VAR`
 * as written, and backslash-newline continues the line. Enough to read a curl sample.
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
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
      const end = command.indexOf('"', i + 1);
      if (end < 0) throw new Error('unterminated double quote');
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (ch === '\\') {
      word = (word ?? '') + (command[i + 1] ?? '');
      i++;
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
  headers: Record<string, string>;
  data: string | undefined;
  globOff: boolean;
}

export function parseCurl(command: string): CurlCommand {
  const [program, ...args] = shellWords(command);
  if (program !== 'curl') throw new Error(`not a curl command: ${command}`);
  const parsed: CurlCommand = {
    method: 'GET',
    url: '',
    headers: {},
    data: undefined,
    globOff: false,
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
    } else if (arg === '--data-raw') parsed.data = next();
    else if (arg.startsWith('-')) throw new Error(`unexpected curl option ${arg}`);
    else parsed.url = arg;
  }
  return parsed;
}
