import { describe, expect, it } from 'vitest';
import {
  numberedWhatsAppBody,
  renderMessage,
  sampleTemplateData,
  TemplateError,
  WHATSAPP_TEMPLATE_NAMES,
  whatsAppTemplateDefinitions,
} from '../../activities/templates/index.js';
import { LANGUAGES } from '../../workflows/domain.js';
import { COMBINATIONS } from './all-templates.js';

function allText(message: object): string {
  return JSON.stringify(message);
}

describe('renderMessage', () => {
  it.each(COMBINATIONS)('$templateId / $channel / $language / $segment renders every placeholder', (c) => {
    const message = renderMessage(
      c.templateId,
      c.channel,
      c.language,
      sampleTemplateData(c.language, c.segment),
    );
    expect(message.channel).toBe(c.channel);
    expect(allText(message)).not.toMatch(/\{\{|\}\}/);
    expect(allText(message)).not.toContain('undefined');
  });

  it('puts the pay link in every channel that can carry it', () => {
    const data = sampleTemplateData('nl');
    expect(renderMessage('reminder-1', 'sms', 'nl', data).text).toContain(data.payUrl);
    expect(renderMessage('reminder-1', 'whatsapp', 'nl', data).text).toContain(data.payUrl);
    const email = renderMessage('reminder-1', 'email', 'nl', data);
    expect(email.html).toContain(`href="${data.payUrl}"`);
    expect(email.html).toContain('Nu betalen');
    expect(email.text).toContain(data.payUrl);
    expect(email.html).toContain(`href="${data.selfServiceUrl}"`);
  });

  it('uses the debtor language', () => {
    const data = sampleTemplateData('en');
    const email = renderMessage('payment-request', 'email', 'en', data);
    expect(email.subject).toBe('Payment request for invoice F2026-004812');
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('Pay now');
  });

  it('leaves out a conditional paragraph when its value is missing', () => {
    const data = { ...sampleTemplateData('nl'), description: undefined };
    const letter = renderMessage('payment-request', 'letter', 'nl', data);
    expect(letter.paragraphs.join(' ')).not.toContain('Het gaat om');
    const withDescription = renderMessage('payment-request', 'letter', 'nl', sampleTemplateData('nl'));
    expect(withDescription.paragraphs.join(' ')).toContain('Het gaat om: Energierekening oktober 2026.');
  });

  it('fails clearly when a template needs a value the data lacks', () => {
    const data = { ...sampleTemplateData('nl'), deadline: undefined };
    expect(() => renderMessage('final-notice', 'email', 'nl', data)).toThrow(TemplateError);
    expect(() => renderMessage('final-notice', 'email', 'nl', data)).toThrow(/no value for \{\{deadline\}\}/);
    const noInstalment = { ...sampleTemplateData('en'), instalment: undefined };
    expect(() => renderMessage('instalment-due', 'sms', 'en', noInstalment)).toThrow(/instalmentNumber/);
  });

  it('rejects a pay link that is not https', () => {
    const data = { ...sampleTemplateData('nl'), payUrl: 'javascript:alert(1)' };
    expect(() => renderMessage('reminder-1', 'sms', 'nl', data)).toThrow(/payUrl must be an https URL/);
    const local = { ...sampleTemplateData('nl'), payUrl: 'http://localhost:3000/pay/1' };
    expect(renderMessage('reminder-1', 'sms', 'nl', local).text).toContain('http://localhost:3000/pay/1');
  });

  it('mentions a handover in the final notice only when one is planned', () => {
    const planned = renderMessage('final-notice', 'letter', 'nl', sampleTemplateData('nl'));
    expect(planned.paragraphs.join(' ')).toContain('Incassobureau Noordkust B.V.');
    const none = { ...sampleTemplateData('nl'), collectionAgency: undefined };
    const letter = renderMessage('final-notice', 'letter', 'nl', none);
    expect(letter.paragraphs.join(' ')).not.toMatch(/incassobureau|overdragen|dragen wij/i);
  });

  it.each([
    [
      'nl',
      'Dan dragen wij de vordering over aan Incassobureau Noordkust B.V.',
      'Dan sturen wij u geen herinneringen meer.',
    ],
    [
      'en',
      'we will hand the claim over to Incassobureau Noordkust B.V.',
      'we will send you no further reminders',
    ],
  ] as const)(
    'final notice (%s): names the agency when a handover is configured, else says what will happen',
    (language, handover, otherwise) => {
      for (const channel of ['email', 'letter'] as const) {
        const planned = JSON.stringify(
          renderMessage('final-notice', channel, language, sampleTemplateData(language)),
        );
        expect(planned).toContain(handover);
        expect(planned).not.toContain(otherwise);
        const none = { ...sampleTemplateData(language), collectionAgency: undefined };
        const text = JSON.stringify(renderMessage('final-notice', channel, language, none));
        expect(text).toContain(otherwise);
        expect(text).not.toContain(handover);
        expect(text).toContain(none.deadline);
      }
    },
  );
});

describe('WhatsApp templates', () => {
  it('renders an approved template name with ordered params', () => {
    const data = sampleTemplateData('nl', 'consumer', 'payment-request');
    const message = renderMessage('payment-request', 'whatsapp', 'nl', data);
    expect(message.templateName).toBe('settle_payment_request_v1');
    expect(message.language).toBe('nl');
    expect(message.params.slice(0, 4)).toEqual([
      data.debtorName,
      data.invoiceId,
      data.creditor.name,
      data.amountDue,
    ]);
    let n = 0;
    const rebuilt = numberedWhatsAppBody(
      'Beste {{debtorName}}, hierbij het betaalverzoek voor factuur {{invoiceId}} van {{creditorName}}.',
    ).replace(/\{\{\d+\}\}/g, () => message.params[n++] ?? '');
    expect(message.text.startsWith(rebuilt)).toBe(true);
  });

  it('flattens params the way Meta requires (no line breaks, tabs or long runs of spaces)', () => {
    const data = { ...sampleTemplateData('en'), debtorName: 'Anna\n\tde      Vries' };
    const message = renderMessage('reminder-1', 'whatsapp', 'en', data);
    expect(message.params[0]).toBe('Anna de   Vries');
    expect(message.text.startsWith('Dear Anna de   Vries, perhaps')).toBe(true);
  });

  it('picks the formal-notice template by segment', () => {
    const consumer = renderMessage('formal-notice', 'whatsapp', 'en', sampleTemplateData('en', 'consumer'));
    const business = renderMessage('formal-notice', 'whatsapp', 'en', sampleTemplateData('en', 'business'));
    expect(consumer.templateName).toBe('settle_formal_notice_consumer_v1');
    expect(business.templateName).toBe('settle_formal_notice_business_v2');
  });

  it.each(LANGUAGES)('%s bodies meet Meta rules: no variable at the start or end', (language) => {
    const definitions = whatsAppTemplateDefinitions(language);
    expect(definitions).toHaveLength(Object.keys(WHATSAPP_TEMPLATE_NAMES).length);
    for (const { name, body } of definitions) {
      expect(name).toMatch(/^[a-z0-9_]+_v\d+$/);
      expect(body.trim()).not.toMatch(/^\{\{|\}\}$/);
      expect(body).not.toMatch(/ {4}/);
    }
  });
});
