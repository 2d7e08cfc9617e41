// Entry point: one template × channel × language, with the tenant's overrides, to a message ready
// for a provider. Validation (overrides, URLs, colours) happens before any text is produced.

import { languagePack } from '../../languages/index.js';
import type { Channel, Language, TemplateId } from '../../workflows/domain.js';
import { checkedBrand } from './brand.js';
import { fill } from './fill.js';
import { toGsm7Lookalikes } from './gsm7.js';
import { documentTemplates, fillDocument } from './message-document.js';
import { checkOverrides } from './overrides.js';
import { placeholderValues } from './placeholders.js';
import { renderEmail } from './render-email.js';
import { assertSafeLink } from './safety.js';
import { smsSegments } from './sms-segments.js';
import { textKey } from './text-schema.js';
import type { MessageOverrides, RenderedFor, RenderedMessage, TemplateData } from './types.js';
import { WHATSAPP_TEMPLATE_NAMES, whatsAppParams } from './whatsapp-templates.js';

export function renderMessage<C extends Channel>(
  templateId: TemplateId,
  channel: C,
  language: Language,
  data: TemplateData,
  overrides?: MessageOverrides,
): RenderedFor<C> {
  return renderAny(templateId, channel, language, data, overrides) as RenderedFor<C>;
}

function renderAny(
  templateId: TemplateId,
  channel: Channel,
  language: Language,
  rawData: TemplateData,
  overrides: MessageOverrides | undefined,
): RenderedMessage {
  const where = `template ${templateId}/${channel}/${language}`;
  checkOverrides(templateId, channel, overrides, rawData.creditor, where);
  assertSafeLink(rawData.payUrl, 'payUrl');
  assertSafeLink(rawData.selfServiceUrl, 'selfServiceUrl');
  const data = { ...rawData, creditor: checkedBrand(rawData.creditor) };

  const texts = languagePack(language).messages;
  const key = textKey(templateId, data);
  const template = texts.templates[key];
  const values = placeholderValues(data, texts.thisMessage[channel]);
  const document = documentTemplates(texts, template, values, overrides);
  const text = (source: string, part: string) => fill(source, values, `${where} ${part}`);

  switch (channel) {
    case 'email':
      return renderEmail({ language, texts, template, document, values, data, overrides, where });
    case 'sms': {
      const body = toGsm7Lookalikes(text(overrides?.text ?? template.sms, 'sms'));
      return { channel, text: body, ...smsSegments(body) };
    }
    case 'whatsapp':
      return {
        channel,
        templateName: WHATSAPP_TEMPLATE_NAMES[key],
        language,
        ...whatsAppParams(template.whatsapp, values, `${where} whatsapp`),
      };
    case 'letter':
      return { channel, ...fillDocument(document, values, where) };
    case 'app':
      return {
        channel,
        title: text(overrides?.title ?? template.title, 'title'),
        text: text(overrides?.text ?? template.app, 'app'),
      };
  }
}
