// @ts-check
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureChromium, isDebianLike } from './ensure.mjs';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

/** A context whose browser appears once `apt-get install` has run. */
function context(overrides = {}) {
  /** @type {string[]} */
  const commands = [];
  let installed = false;
  const ctx = {
    env: { PATH: '/usr/bin' },
    isRoot: true,
    osRelease: DEBIAN,
    find: () => (installed ? { path: '/usr/bin/chromium', version: 'Chromium 156' } : undefined),
    run: (/** @type {string} */ command, /** @type {string[]} */ args) => {
      commands.push([command, ...args].join(' '));
      if (args[0] === 'install') installed = true;
      return 0;
    },
    log: () => {},
    ...overrides,
  };
  return { ctx, commands };
}

describe('isDebianLike', () => {
  it('knows Debian and Ubuntu, and nothing else', () => {
    expect(isDebianLike(DEBIAN)).toBe(true);
    expect(isDebianLike(UBUNTU)).toBe(true);
    expect(isDebianLike(FEDORA)).toBe(false);
    expect(isDebianLike('')).toBe(false);
  });
});

describe('ensureChromium', () => {
  it('installs Debian’s Chromium as root on Debian, then finds it', () => {
    const { ctx, commands } = context();
    expect(ensureChromium(ctx)).toEqual({ ok: true, path: '/usr/bin/chromium', installed: true });
    expect(commands).toEqual([
      'apt-get update',
      'apt-get install -y --no-install-recommends chromium',
    ]);
  });

  it('changes nothing when a browser is already there', () => {
    const { ctx, commands } = context({
      find: () => ({ path: '/usr/bin/google-chrome', version: 'Google Chrome 140' }),
    });
    expect(ensureChromium(ctx)).toEqual({
      ok: true,
      path: '/usr/bin/google-chrome',
      installed: false,
    });
    expect(commands).toEqual([]);
  });

  it('never installs without root or off Debian, and names the command instead', () => {
    for (const overrides of [{ isRoot: false }, { osRelease: FEDORA }]) {
      const { ctx, commands } = context(overrides);
      const result = ensureChromium(ctx);
      expect(result.ok).toBe(false);
      expect(commands).toEqual([]);
      if (!result.ok) {
        expect(result.message).toContain('apt-get install -y --no-install-recommends chromium');
        expect(result.message).toContain('CHROMIUM_PATH');
      }
    }
  });

  it('takes a wrong CHROMIUM_PATH as the user’s choice: no install, a message about it', () => {
    const { ctx, commands } = context({ env: { CHROMIUM_PATH: '/opt/none' } });
    const result = ensureChromium(ctx);
    expect(commands).toEqual([]);
    expect(result.ok ? '' : result.message).toContain('CHROMIUM_PATH is set to /opt/none');
  });

  it('reports a failed apt-get with its exit code', () => {
    const { ctx } = context({ run: () => 100 });
    const result = ensureChromium(ctx);
    expect(result.ok ? '' : result.message).toMatch(/apt-get failed \(exit 100\)/);
  });
});

describe('ensure-chromium, the command', () => {
  const cli = fileURLToPath(new URL('./ensure.mjs', import.meta.url));

  it('finds this machine’s browser and exits 0', () => {
    const r = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Chromium: \//);
    expect(r.stdout).not.toContain('installed now');
  });

  it('stops with one clear message when CHROMIUM_PATH is wrong', () => {
    const r = spawnSync(process.execPath, [cli], {
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chrome' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('CHROMIUM_PATH is set to /nonexistent/chrome');
  });
});
