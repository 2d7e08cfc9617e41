// Creates a tenant (if new) and a fresh API key for it; the key is printed once and stored hashed.
// Usage: npx tsx scripts/create-tenant.ts <tenant-id> "<Tenant name>"
import { loadConfig, requireSetting } from '../config.js';
import { connectDatabase } from '../db/client.js';
import { addApiKey, ensureTenant, generateApiKey } from '../db/queries/tenants.js';

const [id, name] = process.argv.slice(2);
if (!id || !/^[a-z0-9-]{2,40}$/.test(id) || !name) {
  console.error('usage: create-tenant <tenant-id: a-z 0-9 -> "<name>"');
  process.exit(2);
}
const database = connectDatabase(requireSetting(loadConfig().databaseUrl, 'DATABASE_URL'), { max: 1 });
try {
  await ensureTenant(database.db, { id, name });
  const key = generateApiKey();
  await addApiKey(database.db, { tenantId: id, key, label: `created ${new Date().toISOString()}` });
  console.log(`tenant ${id} ready; API key (shown once): ${key}`);
} finally {
  await database.close();
}
