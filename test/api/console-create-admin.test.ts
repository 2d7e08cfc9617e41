// The console's first-admin command: prints a generated password once (or takes
// CONSOLE_ADMIN_PASSWORD); only the scrypt hash is stored, and the password signs in.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, expect, inject, it } from 'vitest';
import { SCRYPT_PARAMS, verifyPassword } from '../../api/console/passwords.js';
import { connectDatabase } from '../../db/client.js';
import { consoleUserByEmail } from '../../db/queries/console-users.js';
import { createTenant } from '../../devstack/tenant.js';
import { unique } from '../support/invoice-body.js';

const run = promisify(execFile);
const database = connectDatabase(inject('databaseUrl'), { max: 1 });
afterAll(() => database.close());

const createAdmin = (tenantId: string, email: string, env: Record<string, string> = {}) =>
  run('npx', ['tsx', 'scripts/console-create-admin.ts', '--tenant', tenantId, '--email', email], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), ...env },
  });

it('creates an admin with a generated password, shown once and stored as an scrypt hash only', async () => {
  const { tenantId } = await createTenant(database.db);
  const email = `${unique('admin')}@example.test`;
  const { stdout } = await createAdmin(tenantId, email);
  const password = /password \(shown once\): (\S+)/.exec(stdout)?.[1];
  expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  const user = await consoleUserByEmail(database.db, email);
  expect(user).toMatchObject({ tenantId, role: 'admin', failedAttempts: 0 });
  expect(user!.passwordHash).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$3\\$`));
  expect(user!.passwordHash).not.toContain(password!);
  expect(await verifyPassword(password!, user!.passwordHash)).toBe(true);
  expect(await verifyPassword(`${password!}x`, user!.passwordHash)).toBe(false);
  // The same email again is refused; nothing is replaced.
  await expect(createAdmin(tenantId, email.toUpperCase())).rejects.toMatchObject({ code: 1 });
  expect((await consoleUserByEmail(database.db, email))!.passwordHash).toBe(user!.passwordHash);
});

it('takes CONSOLE_ADMIN_PASSWORD and never prints it', async () => {
  const { tenantId } = await createTenant(database.db);
  const email = `${unique('admin')}@example.test`;
  const password = 'a long chosen passphrase';
  const { stdout } = await createAdmin(tenantId, email, { CONSOLE_ADMIN_PASSWORD: password });
  expect(stdout).not.toContain(password);
  expect(await verifyPassword(password, (await consoleUserByEmail(database.db, email))!.passwordHash)).toBe(
    true,
  );
});

it('refuses an unknown tenant and a malformed email', async () => {
  await expect(createAdmin('no-such-tenant', `${unique('a')}@example.test`)).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('no tenant'),
  });
  await expect(createAdmin('x', 'not-an-email')).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('usage'),
  });
});
