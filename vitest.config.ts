import { defineConfig } from 'vitest/config';
import { testFilesOf } from './test/projects.js';

// Three projects (test/projects.ts): `npm test` runs all of them in one run, `npm run test:unit`
// only the pure ones, which start nothing. Engine tests share one time-skipping server per file and
// a real PostgreSQL; files run in separate forks but never more than two at once (the machine has
// two cores) — the limit holds across the projects.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: testFilesOf('unit'),
          // A unit test that reaches for the engine's servers fails with where it belongs instead.
          provide: {
            databaseUrl: 'postgres://unit-tests-have-no-database.invalid/move-this-test-to-test-db',
            temporalAddress: 'unit-tests-have-no-temporal.invalid:7233',
            testServerPath: '/unit-tests-have-no-temporal-test-server',
          },
        },
      },
      {
        extends: true,
        test: { name: 'engine', include: testFilesOf('engine'), globalSetup: ['test/global-setup.ts'] },
      },
      { extends: true, test: { name: 'drills', include: testFilesOf('drills') } },
    ],
  },
});
