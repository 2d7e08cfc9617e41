// A debtor's payment history: imports once per id, Settle's own payments on the debtor's invoices
// (dated in Amsterdam, chargebacks left out), and nothing of another tenant or debtor.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { insertImportedPayments, pastPaymentsOfDebtor } from '../../db/queries/debtor-payments.js';
import { createScratchDatabase, type ScratchDatabase } from '../../devstack/postgres.js';

let scratch: ScratchDatabase;
let database: DatabaseHandle;

beforeAll(async () => {
  const server = new URL(inject('databaseUrl'));
  server.pathname = '/postgres';
  scratch = await createScratchDatabase(server.toString(), `debtor_payments_${process.pid}`);
  database = connectDatabase(scratch.url);
  const db = database.db;
  for (const tenant of ['t1', 't2'])
    await db.execute(sql`insert into tenants (id, name, brand) values (${tenant}, ${tenant}, '{}'::jsonb)`);
  await db.execute(sql`
    insert into invoices (tenant_id, invoice_id, debtor_id, workflow_id, request_hash, amount_cents, currency,
                          issue_date, due_date, policy_id, amount_due_cents)
    values ('t1', 'INV-1', 'D-1', 'wf-1', 'h', 1000, 'EUR', '2025-01-01', '2025-01-15', 'demo', 1000),
           ('t2', 'INV-1', 'D-1', 'wf-2', 'h', 1000, 'EUR', '2025-01-01', '2025-01-15', 'demo', 1000)`);
  await db.execute(sql`
    insert into payments (tenant_id, invoice_id, source, dedupe_key, amount_cents, currency, paid_at)
    values ('t1', 'INV-1', 'psp', 'tr_1', 500, 'EUR', '2025-03-24T23:30:00Z'),
           ('t1', 'INV-1', 'chargeback', 'cb-tr_1', -500, 'EUR', '2025-04-02T10:00:00Z'),
           ('t1', 'INV-1', 'manual', 'm-1', 500, 'EUR', '2025-04-25T10:00:00Z'),
           ('t2', 'INV-1', 'manual', 'm-9', 500, 'EUR', '2025-06-11T10:00:00Z')`);
});
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

describe('debtor payment history', () => {
  it('stores an import once per id and unions Settle’s own payments', async () => {
    const db = database.db;
    const payments = [
      { debtorId: 'D-1', externalId: 'P-1', paidOn: '2025-01-24', amountCents: 4000 },
      { debtorId: 'D-1', externalId: 'P-2', paidOn: '2025-02-25', amountCents: null },
      { debtorId: 'D-2', externalId: 'P-1', paidOn: '2025-02-26', amountCents: null },
    ];
    expect(await insertImportedPayments(db, { tenantId: 't1', payments })).toBe(3);
    expect(await insertImportedPayments(db, { tenantId: 't1', payments })).toBe(0);
    const history = await pastPaymentsOfDebtor(db, { tenantId: 't1', debtorId: 'D-1' });
    // 23:30 UTC on 24 March is 25 March in Amsterdam.
    expect(history).toEqual([
      { paidOn: '2025-04-25', amountCents: 500 },
      { paidOn: '2025-03-25', amountCents: 500 },
      { paidOn: '2025-02-25', amountCents: null },
      { paidOn: '2025-01-24', amountCents: 4000 },
    ]);
    expect(await pastPaymentsOfDebtor(db, { tenantId: 't2', debtorId: 'D-1' })).toEqual([
      { paidOn: '2025-06-11', amountCents: 500 },
    ]);
  });
});
