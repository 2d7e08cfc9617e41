// Changing a debtor's contact data, language, preference or payday — for `PATCH /v1/debtors/{id}` and
// the console's debtor page alike: the same checks, the same write, and every open invoice told.
import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { getDebtor, updateDebtor } from '../db/queries/debtors.js';
import { openInvoicesOfDebtor } from '../db/queries/invoices.js';
import { notifyContactChange } from './contact-change.js';
import { learnedPaydayOf } from './learned-timing.js';
import { notFound, unprocessable } from './problem.js';
import { DebtorContact } from './schemas.js';

export const DebtorPatch = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })), ...DebtorContact },
  { additionalProperties: false, minProperties: 1 },
);
export type DebtorPatchBody = Static<typeof DebtorPatch>;

export interface DebtorUpdateDeps {
  db: Database;
  temporal: Client;
  appChannelConfigured: boolean;
}

/** Applies the patch; 404 for another tenant's or an unknown debtor, 422 for WhatsApp without a phone. */
export async function updateDebtorContact(
  deps: DebtorUpdateDeps,
  tenantId: string,
  debtorId: string,
  patch: DebtorPatchBody,
): Promise<{ debtorId: string; openInvoices: number; updatedFields: string[] }> {
  const { db, temporal } = deps;
  if (patch.whatsappOptIn && !patch.phone) {
    const current = await getDebtor(db, tenantId, debtorId);
    if (current && !current.phone)
      throw unprocessable('WhatsApp needs a phone number', [
        { field: '/phone', message: 'is required for WhatsApp' },
      ]);
  }
  const debtor = await updateDebtor(db, tenantId, debtorId, patch);
  if (!debtor) throw notFound(`debtor ${debtorId}`);
  const open = await openInvoicesOfDebtor(db, tenantId, debtorId);
  const learned =
    debtor.payday || open.length === 0 ? undefined : await learnedPaydayOf(db, tenantId, debtorId);
  await notifyContactChange(temporal, debtor, open, deps.appChannelConfigured, learned);
  return { debtorId, openInvoices: open.length, updatedFields: Object.keys(patch) };
}
