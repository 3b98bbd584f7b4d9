import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Browser tests drive a real Chromium and the sample check runs the TypeScript compiler.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
