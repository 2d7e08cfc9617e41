// Console users and their sessions (migration 0021). Hashing and token generation live in
// api/console/: these functions store and read what they are given.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { type ConsoleRole, consoleSessions, consoleUsers } from '../schema.js';

export { CONSOLE_ROLES, type ConsoleRole } from '../schema.js';

export type ConsoleUserRow = typeof consoleUsers.$inferSelect;

export async function insertConsoleUser(
  db: Queryable,
  values: { id: string; tenantId: string; email: string; passwordHash: string; role: ConsoleRole },
): Promise<ConsoleUserRow | undefined> {
  const rows = await db.insert(consoleUsers).values(values).onConflictDoNothing().returning();
  return rows[0];
}

/** The user with this email, whatever its case. */
export async function consoleUserByEmail(db: Queryable, email: string): Promise<ConsoleUserRow | undefined> {
  const rows = await db
    .select()
    .from(consoleUsers)
    .where(sql`lower(${consoleUsers.email}) = lower(${email})`)
    .limit(1);
  return rows[0];
}

/**
 * Counts a failed sign-in; the failure that reaches `maxAttempts` locks the user until `lockUntil`
 * and starts the count again. One statement, so concurrent attempts are all counted.
 */
export async function recordFailedSignIn(
  db: Queryable,
  userId: string,
  maxAttempts: number,
  lockUntil: Date,
): Promise<{ lockedUntil: Date | null }> {
  const rows = await db
    .update(consoleUsers)
    .set({
      failedAttempts: sql`case when ${consoleUsers.failedAttempts} + 1 >= ${maxAttempts} then 0 else ${consoleUsers.failedAttempts} + 1 end`,
      lockedUntil: sql`case when ${consoleUsers.failedAttempts} + 1 >= ${maxAttempts} then ${lockUntil.toISOString()}::timestamptz else ${consoleUsers.lockedUntil} end`,
    })
    .where(eq(consoleUsers.id, userId))
    .returning({ lockedUntil: consoleUsers.lockedUntil });
  return { lockedUntil: rows[0]?.lockedUntil ?? null };
}

export async function clearFailedSignIns(db: Queryable, userId: string): Promise<void> {
  await db
    .update(consoleUsers)
    .set({ failedAttempts: 0, lockedUntil: null })
    .where(eq(consoleUsers.id, userId));
}

export async function insertConsoleSession(
  db: Queryable,
  values: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(consoleSessions).values(values);
}

export interface ConsoleSessionUser {
  userId: string;
  tenantId: string;
  email: string;
  role: ConsoleRole;
  language: 'nl' | 'en' | null;
  csrfToken: string;
  expiresAt: Date;
}

/** The session's user while the session has not expired at `now`. */
export async function consoleSessionUser(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<ConsoleSessionUser | undefined> {
  const rows = await db
    .select({
      userId: consoleUsers.id,
      tenantId: consoleUsers.tenantId,
      email: consoleUsers.email,
      role: consoleUsers.role,
      language: consoleUsers.language,
      csrfToken: consoleSessions.csrfToken,
      expiresAt: consoleSessions.expiresAt,
    })
    .from(consoleSessions)
    .innerJoin(consoleUsers, eq(consoleUsers.id, consoleSessions.userId))
    .where(and(eq(consoleSessions.tokenHash, tokenHash), gt(consoleSessions.expiresAt, now)))
    .limit(1);
  return rows[0];
}

/** Ends one session; expired sessions of the same user are removed with it. */
export async function deleteConsoleSession(db: Queryable, tokenHash: string, now: Date): Promise<void> {
  const rows = await db
    .delete(consoleSessions)
    .where(eq(consoleSessions.tokenHash, tokenHash))
    .returning({ userId: consoleSessions.userId });
  if (rows[0])
    await db
      .delete(consoleSessions)
      .where(and(eq(consoleSessions.userId, rows[0].userId), lt(consoleSessions.expiresAt, now)));
}

/** The tenant's console users, by email. */
export async function listConsoleUsers(db: Queryable, tenantId: string): Promise<ConsoleUserRow[]> {
  return db
    .select()
    .from(consoleUsers)
    .where(eq(consoleUsers.tenantId, tenantId))
    .orderBy(sql`lower(${consoleUsers.email})`);
}

/** The user if it belongs to the tenant (another tenant's user is as absent as a made-up id). */
export async function consoleUserOfTenant(
  db: Queryable,
  tenantId: string,
  userId: string,
): Promise<ConsoleUserRow | undefined> {
  const rows = await db
    .select()
    .from(consoleUsers)
    .where(and(eq(consoleUsers.tenantId, tenantId), eq(consoleUsers.id, userId)))
    .limit(1);
  return rows[0];
}

type UserChange =
  | { role: ConsoleRole }
  | { language: 'nl' | 'en' | null }
  | { passwordHash: string; failedAttempts: 0; lockedUntil: null };

/**
 * Changes a user of the tenant — refused (false) when it would leave the tenant without an admin.
 * A new password ends every session of the user (whoever knew the old one is signed out).
 */
export async function updateConsoleUser(
  db: Queryable,
  tenantId: string,
  userId: string,
  change: UserChange,
): Promise<boolean> {
  const keepsAnAdmin =
    'role' in change && change.role !== 'admin'
      ? sql`exists (select 1 from ${consoleUsers} other where other.tenant_id = ${tenantId} and other.role = 'admin' and other.id <> ${userId})`
      : sql`true`;
  const rows = await db
    .update(consoleUsers)
    .set(change)
    .where(and(eq(consoleUsers.tenantId, tenantId), eq(consoleUsers.id, userId), keepsAnAdmin))
    .returning({ id: consoleUsers.id });
  if (rows[0] && 'passwordHash' in change)
    await db.delete(consoleSessions).where(eq(consoleSessions.userId, userId));
  return rows.length === 1;
}

/** Removes a user of the tenant and its sessions, unless it is the tenant's last admin. */
export async function deleteConsoleUser(db: Queryable, tenantId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(consoleUsers)
    .where(
      and(
        eq(consoleUsers.tenantId, tenantId),
        eq(consoleUsers.id, userId),
        sql`(${consoleUsers.role} <> 'admin' or exists (select 1 from ${consoleUsers} other where other.tenant_id = ${tenantId} and other.role = 'admin' and other.id <> ${userId}))`,
      ),
    )
    .returning({ id: consoleUsers.id });
  return rows.length === 1;
}
