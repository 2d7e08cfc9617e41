// The copy of a composed message that Settle keeps: what the provider is handed, in the form the
// console shows it (see `messageCopies`).
import type { NewMessageCopy } from '../db/queries/message-copies.js';
import type { PostalAddress } from '../providers/types.js';
import type { Composition } from './compose-message.js';

const oneLine = (to: PostalAddress) =>
  [to.name, to.line1, to.line2, `${to.postalCode} ${to.city}`, to.country].filter(Boolean).join(', ');

export function messageCopyOf(
  key: { messageId: string; tenantId: string },
  { message, templateVersion, overrideFallback }: Composition,
): NewMessageCopy {
  const versions = {
    templateVersion: templateVersion ?? null,
    unsendableVersion: overrideFallback?.version ?? null,
  };
  const base = { ...key, ...versions, text: message.text };
  switch (message.channel) {
    case 'email':
      return { ...base, recipient: message.to, subject: message.subject, html: message.html };
    case 'sms':
      return { ...base, recipient: message.to };
    case 'whatsapp':
      return {
        ...base,
        recipient: message.to,
        whatsappTemplate: { name: message.templateName, params: message.params },
      };
    case 'letter':
      return { ...base, recipient: oneLine(message.to), pdf: message.pdf };
    case 'app':
      return { ...base, recipient: message.appUserId, subject: message.title };
  }
}
