// The Dutch 14-day letter (art. 6:96 lid 6 BW): collection costs may only be charged after a
// reminder giving 14 days counted from the day after receipt, stating the exact costs and VAT.
import { describe, expect, it } from 'vitest';
import { renderMessage, sampleTemplateData } from '../../activities/templates/index.js';

const SAFE_WORDING = {
  nl: 'binnen 14 dagen na de dag waarop u deze brief ontvangt',
  en: 'within 14 days after the day on which you receive this letter',
} as const;

describe('consumer formal notice (14-day letter)', () => {
  it.each(['nl', 'en'] as const)('%s letter uses the safe wording and states costs and VAT', (language) => {
    const data = sampleTemplateData(language, 'consumer');
    const letter = renderMessage('formal-notice', 'letter', language, data);
    const text = letter.paragraphs.join('\n');
    expect(text).toContain(SAFE_WORDING[language]);
    expect(text).toContain(data.collectionCosts);
    expect(text).toContain(data.collectionCostsVatNote);
    expect(text).toContain(data.amountDue);
  });

  it('Dutch wording, exactly', () => {
    const letter = renderMessage('formal-notice', 'letter', 'nl', sampleTemplateData('nl'));
    expect(letter.paragraphs).toContain(
      'Wij vragen u het bedrag te betalen binnen 14 dagen na de dag waarop u deze brief ontvangt. U betaalt dan geen extra kosten.',
    );
    expect(letter.paragraphs).toContain(
      'Betaalt u niet binnen deze 14 dagen? Dan brengen wij u € 40,00 aan incassokosten in rekening. Over deze kosten rekenen wij geen btw.',
    );
  });

  it('names the medium it is sent by, keeping the "day after receipt" rule', () => {
    const data = sampleTemplateData('nl');
    const email = renderMessage('formal-notice', 'email', 'nl', data);
    expect(email.text).toContain('binnen 14 dagen na de dag waarop u deze e-mail ontvangt');
    expect(renderMessage('formal-notice', 'sms', 'nl', data).text).toContain(
      'binnen 14 dagen na de dag waarop u dit bericht ontvangt',
    );
    expect(renderMessage('formal-notice', 'whatsapp', 'nl', data).text).toContain('€ 40,00');
  });

  it('without costs to name it is the notice that names none; with costs it needs the VAT statement', () => {
    const { collectionCosts: _, ...noCosts } = sampleTemplateData('nl');
    const letter = renderMessage('formal-notice', 'letter', 'nl', noCosts);
    expect(letter.paragraphs.join(' ')).not.toMatch(/kosten/);
    expect(letter.paragraphs.join(' ')).toContain(`uiterlijk ${noCosts.deadline}`);
    const noVat = { ...sampleTemplateData('nl'), collectionCostsVatNote: undefined };
    expect(() => renderMessage('formal-notice', 'letter', 'nl', noVat)).toThrow(/collectionCostsVatNote/);
  });

  it('does not give a fixed date, which could fall before the 14 days after receipt', () => {
    const data = sampleTemplateData('nl');
    const letter = renderMessage('formal-notice', 'letter', 'nl', data);
    expect(JSON.stringify(letter)).not.toContain(data.deadline);
  });
});

describe('business formal notice', () => {
  it.each([
    ['nl', 'handelsrente', /betaalt u niet|brengen wij .* in rekening|volgen/i],
    ['en', 'commercial interest', /if you do not pay|we will charge|will be added/i],
  ] as const)(
    '%s: no 14-day rule; names the costs and interest already charged, never as costs still to come',
    (language, interest, future) => {
      const data = sampleTemplateData(language, 'business');
      for (const channel of ['letter', 'sms', 'whatsapp', 'app'] as const) {
        const message = renderMessage('formal-notice', channel, language, data);
        const text = 'paragraphs' in message ? message.paragraphs.join('\n') : message.text;
        expect(text).not.toMatch(/14 (dagen|days)/);
        expect(text).toContain(data.collectionCosts);
        expect(text).toContain(interest);
        expect(text).toContain(data.deadline);
        expect(text).not.toMatch(future);
      }
    },
  );
});
