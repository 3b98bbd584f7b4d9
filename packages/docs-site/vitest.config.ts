import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The provenance page test builds a site and drives a real Chromium.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
