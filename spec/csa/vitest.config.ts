import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The lint tests run the Redocly CLI over the description: seconds, not milliseconds.
    testTimeout: 60_000,
  },
});
