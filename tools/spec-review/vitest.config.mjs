import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These tests run git, the Redocly CLI and two code generators in child processes.
    testTimeout: 120_000,
  },
});
