import { describe, expect, it } from 'vitest';
import { curlRequest, parseCurl, shellWords } from './shell.js';

describe('shellWords', () => {
  it('keeps single quotes literal and reads escapes and variables in double quotes', () => {
    expect(shellWords(`a 'b $X \\n' "c \\$Y \\" $X" d\\ e`)).toEqual([
      'a',
      'b $X \\n',
      'c $Y " $X',
      'd e',
    ]);
    expect(shellWords(`"$X:\${Y}" $X`, { X: 'x', Y: 'y' })).toEqual(['x:y', 'x']);
    expect(() => shellWords('"$MISSING"', {})).toThrow('$MISSING is not set');
    expect(() => shellWords('"open')).toThrow('unterminated double quote');
  });
});

describe('curl commands', () => {
  it('become the request curl would send', async () => {
    const command = [
      'curl -X POST "https://h.example/a?x=1&\\$k=$T" \\',
      '  -u "$CREDENTIALS" \\',
      "  -H 'Content-Type: application/xml' \\",
      "  --data-binary '<a>it'\\''s</a>'",
    ].join('\n');
    const request = curlRequest(command, { T: 't', CREDENTIALS: 'u:p' });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://h.example/a?x=1&$k=t');
    expect(request.headers.get('authorization')).toBe(`Basic ${btoa('u:p')}`);
    expect(await request.text()).toBe("<a>it's</a>");
  });

  it('send --data-urlencode fields as a form', async () => {
    const request = curlRequest(
      "curl -X POST 'https://h.example/token' \\\n  --data-urlencode 'grant_type=password' \\\n  --data-urlencode 'name=a b'",
      {},
    );
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await request.text()).toBe('grant_type=password&name=a+b');
  });

  it('refuse an option they do not know', () => {
    expect(() => parseCurl("curl -k 'https://h.example/'")).toThrow('unexpected curl option -k');
  });
});
