// Applies the committed SQL migrations to DATABASE_URL (the embedded stack runs this itself).
import { loadConfig, requireSetting } from '../config.js';
import { connectDatabase, migrateDatabase } from '../db/client.js';

const database = connectDatabase(requireSetting(loadConfig().databaseUrl, 'DATABASE_URL'), { max: 1 });
try {
  await migrateDatabase(database.db);
  console.log('migrations applied');
} finally {
  await database.close();
}
