// A claim beyond what an EPC QR code can carry (EUR 999999999.99) still gets its letter: the bank
// QR code leaves the amount to the payer and the slip states it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { composeMessage } from '../../activities/compose-message.js';
import { LAYOUT, parseEpcPayload } from '../../activities/letters/index.js';
import { defaultBrand } from '../../db/brand.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import type { DebtorRow } from '../../db/queries/debtors.js';
import type { SendMessageInput } from '../../workflows/activity-contract.js';
import { decodeQrIn, pdfText, rasterisePage } from '../templates/pdf-raster.js';

let database: DatabaseHandle;
beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});
afterAll(async () => {
  await database?.close();
});

const debtor: DebtorRow = {
  tenantId: 'letter-large-claim',
  id: 'D-1',
  type: 'business',
  name: 'Groothandel Van Dijk B.V.',
  email: null,
  phone: null,
  whatsappOptIn: false,
  language: 'nl',
  address: { line1: 'Havenweg 1', postalCode: '3011 AA', city: 'Rotterdam', country: 'NL' },
  preferredChannel: null,
  payday: null,
  appUserId: null,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
};

function letterFor(dueCents: number): SendMessageInput {
  return {
    tenantId: debtor.tenantId,
    invoiceId: 'INV-BIG',
    workflowId: 'dunning:letter-large-claim:INV-BIG',
    idempotencyKey: 'k',
    debtorId: debtor.id,
    stepKey: 'reminder-1',
    channel: 'letter',
    template: 'reminder-1',
    amounts: {
      principalCents: dueCents,
      costsCents: 0,
      interestCents: 0,
      paidCents: 0,
      dueCents,
      parts: {
        principal: { chargedCents: dueCents, paidCents: 0, outstandingCents: dueCents },
        costs: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
        interest: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
      },
    },
    dueDate: '2026-11-15',
  };
}

describe('letters for claims at and beyond the EPC QR amount limit', () => {
  it.each([
    [99_999_999_999, 'EUR999999999.99', '€ 999.999.999,99'],
    [100_000_000_000, '', '€ 1.000.000.000,00'],
  ])('%i cents: QR amount %j, the letter states %s', async (dueCents, qrAmount, printed) => {
    const composition = await composeMessage({
      input: letterFor(dueCents),
      debtor,
      brand: defaultBrand('Settle Demo B.V.'),
      settings: {},
      postedOn: '2026-11-16',
      db: database.db,
      urls: { baseUrl: 'http://127.0.0.1:9', tokenSecret: 'x'.repeat(32) },
    });
    const composed = composition?.message;
    if (composed?.channel !== 'letter') throw new Error('expected a letter');
    const page = rasterisePage(composed.pdf, 0, 150);
    const bankQr = decodeQrIn(page, LAYOUT.bankQr);
    expect(bankQr).toBeDefined();
    expect(parseEpcPayload(bankQr!).amount).toBe(qrAmount);
    expect(pdfText(composed.pdf).replace(/\s+/g, ' ')).toContain(printed);
  });
});
