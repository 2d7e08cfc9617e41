// Hands a composed message to the provider of its channel.

import { PermanentProviderError } from '../providers/errors.js';
import type { Providers } from '../providers/runtime.js';
import type { MessageRef, SendResult } from '../providers/types.js';
import type { ComposedMessage } from './compose-message.js';

export async function deliver(
  providers: Providers,
  ref: MessageRef,
  message: ComposedMessage,
): Promise<SendResult> {
  switch (message.channel) {
    case 'email':
      return providers.email.sendEmail({
        ref,
        to: message.to,
        toName: message.toName,
        from: message.from,
        subject: message.subject,
        html: message.html,
        text: message.text,
      });
    case 'sms':
      return providers.sms.sendSms({
        ref,
        to: message.to,
        originator: providers.smsOriginator,
        body: message.text,
      });
    case 'whatsapp':
      return providers.whatsapp.sendWhatsApp({
        ref,
        to: message.to,
        template: {
          namespace: providers.whatsappNamespace,
          name: message.templateName,
          language: message.language,
          params: message.params,
        },
        text: message.text,
      });
    case 'letter':
      return providers.letters.spoolLetter({
        ref,
        to: message.to,
        pdf: message.pdf,
        batchDate: message.batchDate,
      });
    case 'app':
      if (!providers.app) throw new PermanentProviderError('app', 'no app webhook configured');
      return providers.app.notifyApp({ ref, ...message });
  }
}
