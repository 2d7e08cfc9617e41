// A create's writes in one statement: a new invoice brings its debtor and its first audit entry; a
// repeat writes nothing at all and answers the row as stored.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { auditTrail } from '../../db/queries/audit.js';
import { getDebtor } from '../../db/queries/debtors.js';
import { insertNewInvoice } from '../../db/queries/invoices.js';
import { createTenant } from '../../devstack/tenant.js';

let database: DatabaseHandle;
beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});
afterAll(async () => {
  await database?.close();
});

function writes(tenantId: string, name: string, requestHash: string) {
  return {
    invoice: {
      tenantId,
      invoiceId: 'INV-1',
      debtorId: 'D-1',
      workflowId: `dunning:${tenantId}:INV-1`,
      requestHash,
      amountCents: 12_345,
      currency: 'EUR',
      issueDate: '2026-11-01',
      dueDate: '2026-11-15',
      description: null,
      policyId: 'nl-consumer',
      policyVersion: null,
      metadata: { order: 'A-7', tags: ['x'] },
      periodic: false,
      stage: 'payment-request',
      amountDueCents: 12_345,
      amountParts: null,
      nextActionAt: new Date('2026-11-01T09:00:00Z'),
      nextAction: 'send',
    },
    debtor: {
      tenantId,
      id: 'D-1',
      type: 'consumer' as const,
      name,
      email: 'jan@example.nl',
      phone: null,
      whatsappOptIn: false,
      language: 'nl',
      address: null,
      preferredChannel: null,
      payday: { dayOfMonth: 25 },
      appUserId: null,
    },
    audit: {
      tenantId,
      invoiceId: 'INV-1',
      actor: 'workflow',
      action: 'started',
      dedupeKey: `dunning:${tenantId}:INV-1:started`,
      detail: { stage: 'payment-request' },
    },
  };
}

describe('insertNewInvoice', () => {
  it('stores a new invoice with its debtor and audit entry; a repeat changes nothing', async () => {
    const { tenantId } = await createTenant(database.db, { keyLabel: 'new invoice' });
    const first = await insertNewInvoice(database.db, writes(tenantId, 'Jan Jansen', 'h1'));
    expect(first.created).toBe(true);
    expect(first.row).toMatchObject({
      invoiceId: 'INV-1',
      stage: 'payment-request',
      status: 'open',
      mirrorVersion: 0,
      metadata: { order: 'A-7', tags: ['x'] },
      nextActionAt: new Date('2026-11-01T09:00:00Z'),
      amountParts: null,
    });
    expect(await getDebtor(database.db, tenantId, 'D-1')).toMatchObject({
      name: 'Jan Jansen',
      payday: { dayOfMonth: 25 },
      address: null,
    });
    // Absent jsonb is SQL NULL, not a JSON null.
    const { rows } = await database.pool.query(
      `select address is null as no_address, amount_parts is null as no_parts
         from debtors d join invoices i on i.tenant_id = d.tenant_id and i.debtor_id = d.id
        where d.tenant_id = $1`,
      [tenantId],
    );
    expect(rows).toEqual([{ no_address: true, no_parts: true }]);

    const repeat = await insertNewInvoice(database.db, writes(tenantId, 'Someone Else', 'h2'));
    expect(repeat.created).toBe(false);
    expect(repeat.row.requestHash).toBe('h1');
    expect((await getDebtor(database.db, tenantId, 'D-1'))?.name).toBe('Jan Jansen');
    const trail = await auditTrail(database.db, tenantId, 'INV-1');
    expect(trail.map((entry) => [entry.action, entry.detail])).toEqual([
      ['started', { stage: 'payment-request' }],
    ]);
  });

  it('updates a known debtor with a new invoice of theirs', async () => {
    const { tenantId } = await createTenant(database.db, { keyLabel: 'known debtor' });
    await insertNewInvoice(database.db, writes(tenantId, 'Jan Jansen', 'h1'));
    const second = writes(tenantId, 'J. Jansen', 'h3');
    second.invoice = { ...second.invoice, invoiceId: 'INV-2', workflowId: `dunning:${tenantId}:INV-2` };
    second.audit = { ...second.audit, invoiceId: 'INV-2', dedupeKey: `dunning:${tenantId}:INV-2:started` };
    expect((await insertNewInvoice(database.db, second)).created).toBe(true);
    expect((await getDebtor(database.db, tenantId, 'D-1'))?.name).toBe('J. Jansen');
  });
});
