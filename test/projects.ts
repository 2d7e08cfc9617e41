// Which folder of test/ belongs to which vitest project (vitest.config.ts). By folder, so a new test
// file lands in its project by where it is put; test/unit/test-projects.test.ts fails for a test
// file in a folder no project names.
//   unit    pure code: no global setup, no server, no browser (`npm run test:unit`, seconds)
//   engine  real PostgreSQL and Temporal (and headless Chromium): workflows, API, end to end
//   drills  the quick fault drills, each a child process with a stack of its own
export const TEST_PROJECTS = {
  unit: ['unit', 'templates', 'providers'],
  engine: ['workflows', 'api', 'e2e', 'db', 'browser'],
  drills: ['drills'],
} as const satisfies Record<string, readonly string[]>;

export type TestProjectName = keyof typeof TEST_PROJECTS;

export const testFilesOf = (project: TestProjectName): string[] =>
  TEST_PROJECTS[project].map((folder) => `test/${folder}/**/*.test.ts`);
