// The copy kept of each composed message: what the provider is handed, per channel, and the text
// it was rendered from.
import { describe, expect, it } from 'vitest';
import type { ComposedMessage } from '../../activities/compose-message.js';
import { messageCopyOf } from '../../activities/message-copy.js';

const key = { messageId: 'msg_1', tenantId: 't1' };
const copyOf = (message: ComposedMessage, extra: { templateVersion?: number; version?: number } = {}) =>
  messageCopyOf(key, {
    message,
    ...(extra.templateVersion ? { templateVersion: extra.templateVersion } : {}),
    ...(extra.version ? { overrideFallback: { version: extra.version, problems: [] } } : {}),
  });

describe('the copy of a composed message', () => {
  it('keeps a WhatsApp message with its approved template and parameters, in order', () => {
    const whatsapp: ComposedMessage = {
      channel: 'whatsapp',
      to: '+31612345678',
      templateName: 'settle_reminder_1',
      language: 'nl',
      params: ['Jan', '€ 123,45', 'https://pay.example/p/1'],
      text: 'Beste Jan, betaal € 123,45 via https://pay.example/p/1',
    };
    expect(copyOf(whatsapp, { templateVersion: 4 })).toEqual({
      ...key,
      recipient: '+31612345678',
      text: whatsapp.text,
      whatsappTemplate: { name: 'settle_reminder_1', params: ['Jan', '€ 123,45', 'https://pay.example/p/1'] },
      templateVersion: 4,
      unsendableVersion: null,
    });
  });

  it('names the version that could not render when the shipped text went out instead', () => {
    expect(copyOf({ channel: 'sms', to: '+31612345678', text: 'Betaal nu' }, { version: 2 })).toEqual({
      ...key,
      recipient: '+31612345678',
      text: 'Betaal nu',
      templateVersion: null,
      unsendableVersion: 2,
    });
  });

  it('keeps a letter on one address line with its PDF, an app message with its title', () => {
    const pdf = Buffer.from('%PDF-1.7');
    const letter = copyOf({
      channel: 'letter',
      to: {
        name: 'Jan Jansen',
        line1: 'Dorpsstraat 1',
        postalCode: '1234 AB',
        city: 'Utrecht',
        country: 'NL',
      },
      pdf,
      batchDate: '2026-12-04',
      text: 'Herinnering',
    });
    expect(letter).toMatchObject({ recipient: 'Jan Jansen, Dorpsstraat 1, 1234 AB Utrecht, NL', pdf });
    const app = copyOf({
      channel: 'app',
      debtorId: 'D1',
      appUserId: 'app-user-7',
      title: 'Factuur open',
      text: 'Betaal in de app',
      payUrl: 'https://pay.example/p/1',
      selfServiceUrl: 'https://settle.example/s/1',
    });
    expect(app).toMatchObject({ recipient: 'app-user-7', subject: 'Factuur open', text: 'Betaal in de app' });
  });
});
