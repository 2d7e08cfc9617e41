// Creates the first admin of a tenant's console. The password comes from CONSOLE_ADMIN_PASSWORD when
// set (at least 12 characters), else one is generated and printed once; only its scrypt hash is stored.
// Usage: npm run console:create-admin -- --tenant <tenant-id> --email <email>
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../api/console/passwords.js';
import { loadConfig, requireSetting } from '../config.js';
import { connectDatabase } from '../db/client.js';
import { consoleUserByEmail, insertConsoleUser } from '../db/queries/console-users.js';
import { getTenant } from '../db/queries/tenants.js';

const { values } = parseArgs({ options: { tenant: { type: 'string' }, email: { type: 'string' } } });
const tenantId = values.tenant;
const email = values.email?.trim();
if (!tenantId || !email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  console.error('usage: npm run console:create-admin -- --tenant <tenant-id> --email <email>');
  process.exit(2);
}
const config = loadConfig();
const given = config.console.adminPassword;
if (given !== undefined && given.length < MIN_PASSWORD_LENGTH) {
  console.error(`CONSOLE_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  process.exit(2);
}
const database = connectDatabase(requireSetting(config.databaseUrl, 'DATABASE_URL'), { max: 1 });
try {
  if (!(await getTenant(database.db, tenantId))) {
    console.error(`no tenant ${tenantId}: create it first (npm run create-tenant)`);
    process.exitCode = 1;
  } else if (await consoleUserByEmail(database.db, email)) {
    console.error(`a console user with email ${email} exists already`);
    process.exitCode = 1;
  } else {
    const password = given ?? generatePassword();
    await insertConsoleUser(database.db, {
      id: randomUUID(),
      tenantId,
      email,
      passwordHash: await hashPassword(password),
      role: 'admin',
    });
    console.log(
      given
        ? `console admin ${email} created for tenant ${tenantId} (password from CONSOLE_ADMIN_PASSWORD)`
        : `console admin ${email} created for tenant ${tenantId}; password (shown once): ${password}`,
    );
  }
} finally {
  await database.close();
}
