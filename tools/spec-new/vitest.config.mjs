import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The tests copy the description and run the Redocly CLI on it in child processes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
