// The tenant command: creates a tenant and prints a key once; only the key's hash is stored.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/client.js';
import { hashApiKey, tenantForApiKey } from '../../db/queries/tenants.js';
import { apiKeys } from '../../db/schema.js';

const run = promisify(execFile);
const database = connectDatabase(inject('databaseUrl'), { max: 1 });
afterAll(() => database.close());

it('creates a tenant and a working API key, storing only its hash', async () => {
  const tenantId = `cli-${randomBytes(3).toString('hex')}`;
  const { stdout } = await run('npx', ['tsx', 'scripts/create-tenant.ts', tenantId, 'CLI Creditor B.V.'], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
  });
  const key = stdout.match(/sk_[A-Za-z0-9_]+/)?.[0];
  expect(key).toBeDefined();
  expect(await tenantForApiKey(database.db, key!)).toMatchObject({ tenantId });
  const stored = await database.db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId));
  expect(stored).toHaveLength(1);
  expect(stored[0]!.keyHash).toBe(hashApiKey(key!));
  expect(JSON.stringify(stored)).not.toContain(key!);
});

it('refuses a malformed tenant id with a usage message', async () => {
  await expect(
    run('npx', ['tsx', 'scripts/create-tenant.ts', 'Bad Id!', 'x'], { env: process.env }),
  ).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('usage'),
  });
});
