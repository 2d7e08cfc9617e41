// The read model never goes back: a write older than the row's version (a retried or delayed sync
// activity) changes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { getInvoice, type InvoiceMirror, updateInvoiceMirror } from '../../db/queries/invoices.js';
import { invoices } from '../../db/schema.js';
import { createTenant } from '../../devstack/tenant.js';

let database: DatabaseHandle;
beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});
afterAll(async () => {
  await database?.close();
});

const mirror = (stage: string, paidCents: number): InvoiceMirror => ({
  status: 'open',
  stage,
  amountDueCents: 10_000 - paidCents,
  paidCents,
  costsCents: 0,
  interestCents: 0,
  amountParts: null,
  nextActionAt: null,
  nextAction: null,
  paymentUrl: null,
  directDebit: null,
  closedAt: null,
});

describe('updateInvoiceMirror', () => {
  it('writes newer versions and ignores older ones', async () => {
    const { tenantId } = await createTenant(database.db, { keyLabel: 'read model' });
    const workflowId = `dunning:${tenantId}:INV-1`;
    await database.db.insert(invoices).values({
      tenantId,
      invoiceId: 'INV-1',
      debtorId: 'D-1',
      workflowId,
      requestHash: 'h',
      amountCents: 10_000,
      currency: 'EUR',
      issueDate: '2026-11-01',
      dueDate: '2026-11-15',
      description: null,
      policyId: 'demo',
      metadata: null,
      periodic: false,
      amountDueCents: 10_000,
    });
    expect(await updateInvoiceMirror(database.db, workflowId, mirror('reminder-1', 0), 2_000)).toBe(true);
    expect(await updateInvoiceMirror(database.db, workflowId, mirror('payment-request', 0), 1_000)).toBe(
      false,
    );
    expect(await updateInvoiceMirror(database.db, workflowId, mirror('reminder-1', 0), 2_000)).toBe(false);
    expect(await updateInvoiceMirror(database.db, workflowId, mirror('reminder-2', 4_000), 3_000)).toBe(true);
    const row = await getInvoice(database.db, tenantId, 'INV-1');
    expect({ stage: row!.stage, paid: row!.paidCents, version: row!.mirrorVersion }).toEqual({
      stage: 'reminder-2',
      paid: 4_000,
      version: 3_000,
    });
  });
});
