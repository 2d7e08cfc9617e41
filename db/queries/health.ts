import { sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';

/** Answers when PostgreSQL does: the readiness probe's check. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.execute(sql`select 1`);
}
