import { describe, expect, it } from 'vitest';
import {
  checkEmailHtml,
  overrideProblems,
  renderMessage,
  sampleTemplateData,
  TemplateError,
  UnsendableOverrideError,
} from '../../activities/templates/index.js';

const data = sampleTemplateData('nl');

describe('tenant overrides', () => {
  it('replaces texts and fills placeholders', () => {
    const sms = renderMessage('reminder-1', 'sms', 'nl', data, {
      text: '{{creditorName}}: nog {{amountDue}} open. {{payUrl}}',
    });
    expect(sms.text).toBe(`Polderstroom B.V.: nog € 197,68 open. ${data.payUrl}`);

    const email = renderMessage('reminder-1', 'email', 'nl', data, {
      subject: 'Even checken: {{invoiceId}}',
      paragraphs: ['Hoi {{debtorName}}, er staat nog {{amountDue}} open.'],
    });
    expect(email.subject).toBe('Even checken: F2026-004812');
    expect(email.html).toContain('Hoi Anna de Vries, er staat nog €\u00a0197,68 open.');
    expect(email.text).toContain('Hoi Anna de Vries, er staat nog € 197,68 open.');
    expect(checkEmailHtml(email.html).ok).toBe(true);
  });

  it('rejects an unknown placeholder, naming the field and the placeholder', () => {
    const render = () =>
      renderMessage('reminder-1', 'email', 'nl', data, { subject: 'Factuur {{factuurNummer}}' });
    expect(render).toThrow(TemplateError);
    expect(render).toThrow(/override 'subject': unknown placeholder \{\{factuurNummer\}\}/);
    expect(() =>
      renderMessage('reminder-1', 'letter', 'nl', data, { paragraphs: ['ok', 'Beste {{naam}}'] }),
    ).toThrow(/unknown placeholder \{\{naam\}\}/);
  });

  it('rejects overrides of the wrong shape', () => {
    const paragraphsAsText = { paragraphs: 'één alinea' } as unknown as { paragraphs: string[] };
    expect(() => renderMessage('reminder-1', 'letter', 'nl', data, paragraphsAsText)).toThrow(
      /override 'paragraphs': must be a list of texts/,
    );
  });

  it('rejects malformed placeholder syntax', () => {
    expect(() => renderMessage('reminder-1', 'sms', 'nl', data, { text: 'Betaal {{payUrl}' })).toThrow(
      /malformed placeholder/,
    );
  });

  it('rejects overrides that do not apply to the channel', () => {
    expect(() => renderMessage('reminder-1', 'sms', 'nl', data, { html: '<p>x</p>' })).toThrow(
      /override 'html': does not apply to the sms channel/,
    );
    // WhatsApp texts are fixed by Meta's approval of the template.
    expect(() => renderMessage('reminder-1', 'whatsapp', 'nl', data, { text: 'Hallo' })).toThrow(/whatsapp/);
  });

  it('escapes values inserted into a full HTML override, and checks the result', () => {
    const evil = { ...data, debtorName: '<img src=x onerror=alert(1)>' };
    const html =
      '<!DOCTYPE html><html><head><title>x</title></head><body><p>Beste {{debtorName}}</p><a href="{{payUrl}}">Betaal</a></body></html>';
    const email = renderMessage('reminder-1', 'email', 'nl', evil, { html });
    expect(email.html).toContain('Beste &lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain(`href="${data.payUrl}"`);
    expect(email.text).toContain('Beste <img src=x onerror=alert(1)>,'); // plain text needs no escaping

    // Active content is sanitised away when rendering (also for overrides stored before saves were sanitised).
    const sanitised = renderMessage('reminder-1', 'email', 'nl', data, {
      html: '<html><body><script>x</script><p onclick="x">Hallo</p></body></html>',
    });
    expect(sanitised.html).not.toMatch(/script|onclick/);
    expect(sanitised.html).toContain('<p>Hallo</p>');
  });

  it('refuses a placeholder the template has no value for when sent, even if this data has one', () => {
    // The sample data has a deadline; a reminder is never sent with one. The check is the same at
    // save time (API) and send time (worker), so an override that passes one passes the other.
    expect(data.deadline).toBeDefined();
    const render = () =>
      renderMessage('reminder-1', 'email', 'nl', data, { text: 'Betaal vóór {{deadline}}: {{payUrl}}' });
    expect(render).toThrow(UnsendableOverrideError);
    expect(render).toThrow(/\{\{deadline\}\} has no value when reminder-1 is sent/);
    // The final notice always states a deadline: there it is fine.
    expect(
      renderMessage('final-notice', 'email', 'nl', data, { text: 'Betaal vóór {{deadline}}: {{payUrl}}' })
        .text,
    ).toContain(data.deadline);
  });

  it('names every field at fault, with what to do', () => {
    const problems = overrideProblems(
      'reminder-1',
      'email',
      {
        subject: 'Factuur {{factuurNummer}}',
        paragraphs: ['Hallo {{debtorName}}', 'Bel {{creditorPhone}}', 'Uiterlijk {{deadline}}'],
      },
      { phone: undefined, website: 'https://example.nl' },
    );
    expect(problems).toEqual([
      {
        field: '/subject',
        message: expect.stringMatching(/unknown placeholder \{\{factuurNummer\}\}.*GET \/v1\/templates/),
      },
      { field: '/paragraphs/1', message: expect.stringContaining('PUT /v1/brand') },
      { field: '/paragraphs/2', message: expect.stringMatching(/\{\{deadline\}\} has no value.*remove it/) },
    ]);
    expect(
      overrideProblems('reminder-1', 'email', { subject: 'Bel {{creditorPhone}}' }, { phone: '010 1234567' }),
    ).toEqual([]);
  });
});
