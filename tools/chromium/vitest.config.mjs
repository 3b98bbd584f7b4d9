import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test starts a browser binary or a shell script: a budget sized for a loaded
    // 2-core machine, not the 5 s default.
    testTimeout: 60_000,
  },
});
