import { defineConfig } from 'vitest/config';

// Engine tests share one time-skipping server per file and a real PostgreSQL; files run in
// separate forks but never more than two at once (the machine has two cores).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 120_000,
  },
});
