import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These tests start the mock's CLI and pack packages: seconds each on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
