import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, startCommand } from './command.js';

const dir = mkdtempSync(join(tmpdir(), 'mock-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('a command under test', () => {
  it('is started until it says where it listens, and stopped with SIGTERM', async () => {
    const serving = script(
      'serving.mjs',
      // The handler is in place before the line that announces readiness, as in a real server.
      "process.on('SIGTERM', () => process.exit(0));\nsetInterval(() => {}, 1000);\n" +
        "process.stdout.write('Example listening on http://127.0.0.1:4999\\nhint\\n');\n",
    );
    const command = await startCommand(serving, []);
    expect(command.url).toBe('http://127.0.0.1:4999');
    expect(await command.stop()).toBe(0);
    expect(command.output()).toContain('hint');
  });

  it('is given more environment, and stopped with another signal', async () => {
    const serving = script(
      'env.mjs',
      'setInterval(() => {}, 1000);\n' +
        "process.stdout.write('listening on http://127.0.0.1:4998 ' + process.env.EXAMPLE_VARIABLE + '\\n');\n",
    );
    const command = await startCommand(serving, [], { EXAMPLE_VARIABLE: 'given' });
    expect(command.output()).toContain('4998 given');
    expect(await command.stop('SIGKILL')).toBe(null);
  });

  it('fails with what the command wrote when it ends without listening', async () => {
    const failing = script('failing.mjs', "process.stderr.write('no port'); process.exit(3);\n");
    await expect(startCommand(failing, [])).rejects.toThrow('exited with 3: no port');
  });

  it('is run to its end', async () => {
    const echo = script('echo.mjs', 'process.stdout.write(process.argv.slice(2).join(" "));\n');
    expect(await runCommand(echo, ['a', 'b'])).toEqual({ code: 0, out: 'a b' });
  });
});
