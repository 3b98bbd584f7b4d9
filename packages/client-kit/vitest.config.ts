import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Turbo runs two suites at once on a 2-core machine: every test gets a budget sized for
    // that, not the 5 s default. Heavy property and fuzz tests set their own, larger ones.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
