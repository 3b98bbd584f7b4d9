import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test runs the Redocly CLI in a child process.
    testTimeout: 120_000,
  },
});
