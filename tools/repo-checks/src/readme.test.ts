/**
 * Every `curl` example in the READMEs, pasted as it is into a shell, works against the mock:
 * the command exits 0 and prints a JSON:API document. Only the mock's port is swapped for the
 * free one this run got.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './workspace.js';

const READMES = ['README.md', 'packages/mock/README.md'];
const DOCUMENTED_URL = 'http://127.0.0.1:4010';

/** The shell commands of a Markdown file's `sh` blocks that start with `curl`. */
function curlExamples(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block = '') => {
    const commands: string[] = [];
    let current = '';
    for (const line of block.split('\n')) {
      if (!current && !/^curl\s/.test(line)) continue;
      current += `${line.replace(/\s+#.*$/, '')}\n`;
      if (!/\\\s*$/.test(line)) {
        commands.push(current.trim());
        current = '';
      }
    }
    return commands;
  });
}

describe('curlExamples', () => {
  it('joins continued lines and skips other commands', () => {
    const md = "```sh\npnpm mock   # starts it\ncurl -g \\\n  'http://x/a?b[c]=1'\n```\n";
    expect(curlExamples(md)).toEqual(["curl -g \\\n  'http://x/a?b[c]=1'"]);
  });
});

describe('the READMEs’ curl examples, against the mock', () => {
  let mock: ChildProcess;
  let url = '';

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const cli = join(require.resolve('@activeplatform/mock/package.json'), '../dist/cli.cjs');
    mock = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      mock.stdout?.on('data', (chunk: Buffer) => {
        out += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (found) resolve(found[0]);
      });
      mock.once('exit', (code) => reject(new Error(`the mock exited (${code}) before listening`)));
    });
  });

  afterAll(() => {
    mock?.kill();
  });

  const examples = READMES.flatMap((file) =>
    curlExamples(readFileSync(join(ROOT, file), 'utf8')).map((command) => [file, command]),
  );

  it('finds examples in every README', () => {
    for (const file of READMES) expect(examples.some(([f]) => f === file)).toBe(true);
  });

  it.each(examples)('%s: %s', (_file, command = '') => {
    expect(command).toContain(DOCUMENTED_URL);
    const r = spawnSync('bash', ['-c', command.replaceAll(DOCUMENTED_URL, url)], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toHaveProperty('data');
    expect(body).not.toHaveProperty('errors');
  });
});
