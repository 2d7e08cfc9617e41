// Every channel's message carries Settle's stable pay link (`…/p/<token>/pay`), never the step's PSP
// checkout: a message read late, or a letter on the fridge, pays what is due when it is followed.
// The letter's bank-transfer QR code stays the EPC payload.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { composeMessage } from '../../activities/compose-message.js';
import { LAYOUT, parseEpcPayload } from '../../activities/letters/index.js';
import { selfServiceUrl, stablePayLink } from '../../activities/self-service-link.js';
import { defaultBrand } from '../../db/brand.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import type { DebtorRow } from '../../db/queries/debtors.js';
import type { SendMessageInput } from '../../workflows/activity-contract.js';
import { CHANNELS, type Channel } from '../../workflows/domain.js';
import { decodeQrIn, pdfText, rasterisePage } from '../templates/pdf-raster.js';

let database: DatabaseHandle;
beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});
afterAll(async () => {
  await database?.close();
});

const urls = { baseUrl: 'https://pay.settle.example', tokenSecret: 'x'.repeat(32) };
const tenantId = 'message-pay-link';
const invoiceId = 'INV-PAY-LINK';
const pspCheckout = 'https://www.mollie.com/checkout/select-method/pl_step1';
const payLink = stablePayLink(selfServiceUrl(urls, tenantId, invoiceId));

const debtor: DebtorRow = {
  tenantId,
  id: 'D-1',
  type: 'consumer',
  name: 'Anna de Vries',
  email: 'anna@example.org',
  phone: '+31612345678',
  whatsappOptIn: true,
  language: 'nl',
  address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
  preferredChannel: null,
  payday: null,
  appUserId: 'app-user-1',
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
};

const brand = { ...defaultBrand('Settle Demo B.V.'), iban: 'NL91ABNA0417164300' };

function reminderOn(channel: Channel): SendMessageInput {
  const input = {
    tenantId,
    invoiceId,
    workflowId: `dunning:${tenantId}:${invoiceId}`,
    idempotencyKey: `k-${channel}`,
    debtorId: debtor.id,
    stepKey: 'reminder-1',
    channel,
    template: 'reminder-1' as const,
    amounts: {
      principalCents: 12_345,
      costsCents: 0,
      interestCents: 0,
      paidCents: 0,
      dueCents: 12_345,
      parts: {
        principal: { chargedCents: 12_345, paidCents: 0, outstandingCents: 12_345 },
        costs: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
        interest: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
      },
    },
    dueDate: '2026-11-15',
    // Sends scheduled by runs recorded before links were minted on demand still name their checkout.
    payUrl: pspCheckout,
  };
  return input;
}

async function compose(channel: Channel) {
  const composition = await composeMessage({
    input: reminderOn(channel),
    debtor,
    brand,
    settings: {},
    postedOn: '2026-11-16',
    db: database.db,
    urls,
  });
  if (!composition) throw new Error(`no ${channel} message`);
  return composition.message;
}

describe('the pay link in every message', () => {
  // (A letter's text is only its paragraphs; its link is in the PDF, below.)
  const texted = CHANNELS.filter((channel) => channel !== 'letter');
  it.each(texted)('%s carries the stable link, not the PSP checkout', async (channel) => {
    const message = await compose(channel);
    const everything = JSON.stringify(message);
    expect(everything).toContain(payLink);
    expect(everything).not.toContain(pspCheckout);
    if (message.channel === 'email') expect(message.html).toContain(`href="${payLink}"`);
    if (message.channel === 'whatsapp') expect(message.params).toContain(payLink);
    if (message.channel === 'app') expect(message.payUrl).toBe(payLink);
  });

  it("a letter's pay QR code is the stable link; its bank-transfer QR code stays the EPC payload", async () => {
    const message = await compose('letter');
    if (message.channel !== 'letter') throw new Error('expected a letter');
    const page = rasterisePage(message.pdf, 0, 150);
    expect(decodeQrIn(page, LAYOUT.payQr)).toBe(payLink);
    expect(pdfText(message.pdf)).not.toContain('mollie.com');
    const bank = parseEpcPayload(decodeQrIn(page, LAYOUT.bankQr)!);
    expect(bank).toMatchObject({ iban: brand.iban, amount: 'EUR123.45' });
  });
});
