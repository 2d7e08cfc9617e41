import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../client.js';
import { templateOverrides } from '../schema.js';

export interface OverrideKey {
  tenantId: string;
  templateId: string;
  channel: string;
  language: string;
}

function matches(key: OverrideKey) {
  return and(
    eq(templateOverrides.tenantId, key.tenantId),
    eq(templateOverrides.templateId, key.templateId),
    eq(templateOverrides.channel, key.channel),
    eq(templateOverrides.language, key.language),
  );
}

/** The latest version; its content is null when the tenant went back to the shipped text. */
export async function latestTemplateOverride(db: Queryable, key: OverrideKey) {
  const rows = await db
    .select()
    .from(templateOverrides)
    .where(matches(key))
    .orderBy(desc(templateOverrides.version))
    .limit(1);
  return rows[0];
}

export async function templateOverrideVersion(db: Queryable, key: OverrideKey, version: number) {
  const rows = await db
    .select()
    .from(templateOverrides)
    .where(and(matches(key), eq(templateOverrides.version, version)));
  return rows[0];
}

/**
 * Every change is a new version; earlier versions stay for audit and rollback. `content` null goes
 * back to the shipped text; `restoredFrom` names the version a restore copied.
 */
export async function saveTemplateOverride(
  db: Queryable,
  key: OverrideKey,
  content: Record<string, unknown> | null,
  restoredFrom?: number,
) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: max(templateOverrides.version) })
      .from(templateOverrides)
      .where(matches(key));
    const version = (current?.version ?? 0) + 1;
    const [row] = await tx
      .insert(templateOverrides)
      .values({
        ...key,
        version,
        content: content as Record<string, string> | null,
        restoredFrom: restoredFrom ?? null,
      })
      .returning();
    return row!;
  });
}

export async function templateOverrideVersions(db: Queryable, key: OverrideKey) {
  return db.select().from(templateOverrides).where(matches(key)).orderBy(desc(templateOverrides.version));
}

/** The latest version of each of a tenant's overrides. */
export async function latestTemplateVersions(db: Database, tenantId: string) {
  return db
    .selectDistinctOn([templateOverrides.templateId, templateOverrides.channel, templateOverrides.language], {
      templateId: templateOverrides.templateId,
      channel: templateOverrides.channel,
      language: templateOverrides.language,
      version: templateOverrides.version,
      shipped: sql<boolean>`${templateOverrides.content} is null`,
      createdAt: templateOverrides.createdAt,
    })
    .from(templateOverrides)
    .where(eq(templateOverrides.tenantId, tenantId))
    .orderBy(
      templateOverrides.templateId,
      templateOverrides.channel,
      templateOverrides.language,
      desc(templateOverrides.version),
    );
}

/** An override at `version`, or its latest version. */
export async function templateOverrideAt(db: Queryable, key: OverrideKey, version: number | undefined) {
  const rows = await db
    .select()
    .from(templateOverrides)
    .where(
      and(
        eq(templateOverrides.tenantId, key.tenantId),
        eq(templateOverrides.templateId, key.templateId),
        eq(templateOverrides.channel, key.channel),
        eq(templateOverrides.language, key.language),
        ...(version === undefined ? [] : [eq(templateOverrides.version, version)]),
      ),
    )
    .orderBy(desc(templateOverrides.version))
    .limit(1);
  return rows[0];
}
