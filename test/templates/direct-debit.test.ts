import { describe, expect, it } from 'vitest';
import { templateData } from '../../activities/compose-message.js';
import { toGsm7Lookalikes } from '../../activities/templates/gsm7.js';
import {
  PLACEHOLDERS,
  renderMessage,
  sampleTemplateData,
  TemplateError,
  whatsAppTemplateDefinitions,
} from '../../activities/templates/index.js';
import { defaultBrand } from '../../db/brand.js';
import type { DebtorRow } from '../../db/queries/debtors.js';
import type { SendMessageInput } from '../../workflows/activity-contract.js';
import { CHANNELS, LANGUAGES } from '../../workflows/domain.js';

const TEMPLATES = ['direct-debit-notice', 'direct-debit-failed'] as const;

describe('direct debit templates', () => {
  it('offers collectionAmount and collectionDate as placeholders', () => {
    expect(PLACEHOLDERS).toContain('collectionAmount');
    expect(PLACEHOLDERS).toContain('collectionDate');
  });

  it.each(TEMPLATES.flatMap((templateId) => LANGUAGES.map((language) => ({ templateId, language }))))(
    '$templateId / $language names the amount and day of the collection on every channel',
    ({ templateId, language }) => {
      const data = sampleTemplateData(language);
      for (const channel of CHANNELS) {
        const text = JSON.stringify(renderMessage(templateId, channel, language, data));
        // An SMS stays in GSM-7: "1 Aralık" reads "1 Aralik" there.
        const asSent = channel === 'sms' ? toGsm7Lookalikes : (value: string) => value;
        expect(text).toContain(asSent(data.collection!.amount));
        expect(text).toContain(asSent(data.collection!.date));
      }
    },
  );

  it.each(TEMPLATES.flatMap((templateId) => LANGUAGES.map((language) => ({ templateId, language }))))(
    '$templateId / $language names the mandate reference and the creditor identifier on every channel (SEPA pre-notification)',
    ({ templateId, language }) => {
      const data = sampleTemplateData(language);
      for (const channel of CHANNELS) {
        const text = JSON.stringify(renderMessage(templateId, channel, language, data));
        expect(text).toContain('mdt_h3gAaD5zP');
        expect(text).toContain('NL79ZZZ999999990000');
      }
    },
  );

  it('cannot render a notice without the creditor identifier: direct debit needs an Incassant ID', () => {
    const data = { ...sampleTemplateData('nl'), creditorId: undefined };
    for (const templateId of TEMPLATES)
      for (const channel of CHANNELS)
        expect(() => renderMessage(templateId, channel, 'nl', data)).toThrow(
          /no value for \{\{creditorId\}\}/,
        );
  });

  it('tells the debtor how to stop the collection, pay instead, and that a collection can be reversed', () => {
    const data = sampleTemplateData('nl');
    const letter = renderMessage('direct-debit-notice', 'letter', 'nl', data).paragraphs.join(' ');
    expect(letter).toContain('machtiging');
    expect(letter).toContain(data.selfServiceUrl);
    expect(letter).toMatch(/niets af/);
    expect(letter).toMatch(/binnen 8 weken/);
    const whatsapp = renderMessage('direct-debit-notice', 'whatsapp', 'en', sampleTemplateData('en')).text;
    expect(whatsapp).toContain(data.payUrl);
    expect(whatsapp).toContain(data.selfServiceUrl);
    expect(whatsapp).toMatch(/within 8 weeks/);
  });

  it('fails clearly when the workflow sends no collection', () => {
    const data = { ...sampleTemplateData('nl'), collection: undefined };
    for (const templateId of TEMPLATES) {
      expect(() => renderMessage(templateId, 'sms', 'nl', data)).toThrow(TemplateError);
      expect(() => renderMessage(templateId, 'app', 'nl', data)).toThrow(/collection(Amount|Date)/);
    }
  });

  it('has approved WhatsApp template names', () => {
    const names = whatsAppTemplateDefinitions('nl').map((d) => d.name);
    expect(names).toContain('settle_direct_debit_notice_v2');
    expect(names).toContain('settle_direct_debit_failed_v2');
    const data = sampleTemplateData('nl');
    expect(renderMessage('direct-debit-failed', 'whatsapp', 'nl', data).templateName).toBe(
      'settle_direct_debit_failed_v2',
    );
  });
});

describe('templateData', () => {
  const input = (collection?: SendMessageInput['collection']): SendMessageInput => ({
    tenantId: 't1',
    invoiceId: 'F-1',
    workflowId: 'wf-1',
    idempotencyKey: 'k',
    debtorId: 'd1',
    stepKey: 'direct-debit-1',
    channel: 'sms',
    template: 'direct-debit-notice',
    amounts: {
      principalCents: 123_456,
      costsCents: 0,
      interestCents: 0,
      paidCents: 0,
      dueCents: 123_456,
      parts: {
        principal: { chargedCents: 123_456, paidCents: 0, outstandingCents: 123_456 },
        costs: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
        interest: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
      },
    },
    dueDate: '2026-11-14',
    ...(collection ? { collection } : {}),
  });
  const debtor = (language: 'nl' | 'en') =>
    ({ id: 'd1', type: 'consumer', name: 'Anna de Vries', language }) as unknown as DebtorRow;
  const urls = { baseUrl: 'https://settle.example', tokenSecret: 'secret' };

  it('formats the collection in the debtor language, with its mandate reference', () => {
    const collection = { amountCents: 123_456, date: '2026-12-01', mandateReference: 'mdt_1' };
    expect(templateData(input(collection), debtor('nl'), defaultBrand('Acme'), urls, {}).collection).toEqual({
      amount: '€ 1.234,56',
      date: '1 december 2026',
      mandateReference: 'mdt_1',
    });
    expect(templateData(input(collection), debtor('en'), defaultBrand('Acme'), urls, {}).collection).toEqual({
      amount: '€1,234.56',
      date: '1 December 2026',
      mandateReference: 'mdt_1',
    });
  });

  it('takes the creditor identifier and the collection agency from the tenant settings', () => {
    const settings = {
      sepaCreditorId: 'NL79ZZZ999999990000',
      collectionAgency: { name: 'Incasso Noord B.V.' },
    };
    const data = templateData(input(), debtor('nl'), defaultBrand('Acme'), urls, settings);
    expect(data).toMatchObject({ creditorId: 'NL79ZZZ999999990000', collectionAgency: 'Incasso Noord B.V.' });
    const none = templateData(input(), debtor('nl'), defaultBrand('Acme'), urls, {});
    expect(none).not.toHaveProperty('creditorId');
    expect(none).not.toHaveProperty('collectionAgency');
  });

  it('leaves the collection out when the workflow sends none', () => {
    expect(templateData(input(), debtor('nl'), defaultBrand('Acme'), urls, {})).not.toHaveProperty(
      'collection',
    );
  });
});
