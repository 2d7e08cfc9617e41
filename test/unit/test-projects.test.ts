// Every test file belongs to exactly one vitest project: a file in a folder no project names would
// silently never run, neither in `npm test` nor in CI.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_PROJECTS } from '../projects.js';

const TEST_ROOT = resolve(import.meta.dirname, '..');

describe('vitest projects', () => {
  it('place every test file in exactly one project, by its folder', () => {
    const files = readdirSync(TEST_ROOT, { recursive: true, encoding: 'utf8' })
      .map((path) => path.split('\\').join('/'))
      .filter((path) => path.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(50);
    const unplaced = files.filter((path) => {
      const folder = path.split('/')[0]!;
      const owners = Object.values(TEST_PROJECTS).filter((folders) =>
        (folders as readonly string[]).includes(folder),
      );
      return owners.length !== 1;
    });
    expect(unplaced).toEqual([]);
  });
});
