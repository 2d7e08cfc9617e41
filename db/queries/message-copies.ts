// What each message looked like when it was handed to its provider (see `messageCopies`).
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { communications, messageCopies } from '../schema.js';

export type MessageCopyRow = typeof messageCopies.$inferSelect;
export type NewMessageCopy = Omit<typeof messageCopies.$inferInsert, 'composedAt'>;

/**
 * Stores the copy a send attempt hands to its provider. A retry (the provider did not accept the
 * first attempt, or its answer was lost) stores its own composition over the earlier one: it is the
 * last one handed over, and differs only when a template was edited between the attempts.
 */
export async function storeMessageCopy(db: Queryable, copy: NewMessageCopy): Promise<void> {
  const { messageId: _key, tenantId: _tenant, ...content } = copy;
  await db
    .insert(messageCopies)
    .values(copy)
    .onConflictDoUpdate({
      target: messageCopies.messageId,
      set: {
        subject: null,
        html: null,
        pdf: null,
        whatsappTemplate: null,
        templateVersion: null,
        unsendableVersion: null,
        ...content,
        composedAt: new Date(),
      },
    });
}

/** The copies of one of the tenant's invoices' messages. */
export function messageCopiesOfInvoice(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<MessageCopyRow[]> {
  return db
    .select({ copy: messageCopies })
    .from(messageCopies)
    .innerJoin(communications, eq(communications.id, messageCopies.messageId))
    .where(and(eq(communications.tenantId, tenantId), eq(communications.invoiceId, invoiceId)))
    .orderBy(asc(communications.createdAt))
    .then((rows) => rows.map((row) => row.copy));
}

/** One message's copy, only if the message is this tenant's and this invoice's. */
export async function messageCopyOf(
  db: Queryable,
  key: { tenantId: string; invoiceId: string; messageId: string },
): Promise<MessageCopyRow | undefined> {
  const [row] = await db
    .select({ copy: messageCopies })
    .from(messageCopies)
    .innerJoin(communications, eq(communications.id, messageCopies.messageId))
    .where(
      and(
        eq(messageCopies.messageId, key.messageId),
        eq(communications.tenantId, key.tenantId),
        eq(communications.invoiceId, key.invoiceId),
      ),
    )
    .limit(1);
  return row?.copy;
}
