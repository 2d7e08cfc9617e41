// The invoice page's messages, each as the debtor saw it, with its delivery history. Every send
// stores the message as it was handed to its provider — SendGrid, MessageBird, the print spool, the
// app or the sandbox — with the template version it came from (`message_copies`); a message is never
// rendered again for the page (an edited template or changed contact data would show something that
// was not sent). Email HTML is sanitised again and shown in a sandboxed frame under the `preview`
// headers (no scripts, an opaque origin); a letter is its PDF.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sanitizeEmailHtml } from '../../activities/templates/email-sanitizer.js';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import type { CommunicationRow } from '../../db/queries/communications.js';
import { type MessageCopyRow, messageCopyOf } from '../../db/queries/message-copies.js';
import { inDeliveryOrder } from '../delivery-history.js';
import { moment } from './format.js';
import { seesContactData } from './masking.js';
import { SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';

export const previewUrl = (invoiceId: string, messageId: string) =>
  `/console/invoices/${encodeURIComponent(invoiceId)}/messages/${encodeURIComponent(messageId)}/preview`;

/** Which text the message was rendered from: the shipped one, or the tenant's own version. */
function sourceOf(context: ConsoleRequestContext, copy: MessageCopyRow | undefined): string {
  const t = context.texts.casework.messages.source;
  if (!copy) return '';
  if (copy.templateVersion !== null) return ` · ${h(t.tenant(copy.templateVersion))}`;
  if (copy.unsendableVersion !== null) return ` · ${h(t.fallback(copy.unsendableVersion))}`;
  return ` · ${h(t.shipped)}`;
}

function contentOf(
  context: ConsoleRequestContext,
  message: CommunicationRow,
  copy: MessageCopyRow | undefined,
): string {
  const t = context.texts.casework.messages;
  // The text names the debtor, their amounts and address: for roles that see contact data only.
  if (!seesContactData(context.user.role)) return `<p class="masked">${h(t.hidden)}</p>`;
  if (!copy) return `<p class="muted">${h(t.notStored)}</p>`;
  const to = `<p><small>${h(t.recipient)}: ${h(copy.recipient)}</small></p>`;
  const url = previewUrl(message.invoiceId, message.id);
  const text = `<pre class="message-text">${h(copy.text)}</pre>`;
  switch (message.channel) {
    case 'email': {
      const subject = copy.subject ?? '';
      return `${to}<p>${h(t.subject)}: <strong>${h(subject)}</strong></p>${copy.html ? `<iframe class="email-frame" sandbox="" src="${h(url)}" title="${h(t.frameTitle(subject))}"></iframe><details><summary>${h(t.textVersion)}</summary>${text}</details>` : text}`;
    }
    case 'letter':
      return `${to}${copy.pdf ? `<p><a href="${h(url)}" download>${h(t.openLetter)}</a></p>` : ''}<details><summary>${h(t.textVersion)}</summary>${text}</details>`;
    case 'whatsapp': {
      const approved = copy.whatsappTemplate;
      const params = approved?.params.map((param) => `<li>${h(param)}</li>`).join('') ?? '';
      return `${to}<blockquote class="bubble">${text}</blockquote>${approved ? `<p><small>${h(t.whatsappTemplate(approved.name))}</small></p><ol class="template-params">${params}</ol>` : ''}`;
    }
    default:
      return `${to}${copy.subject ? `<p><strong>${h(copy.subject)}</strong></p>` : ''}<blockquote class="bubble">${text}</blockquote>`;
  }
}

function historyOf(context: ConsoleRequestContext, message: CommunicationRow): string {
  const sees = seesContactData(context.user.role);
  const items = inDeliveryOrder(message.statusHistory).map(
    // A bounce's detail can quote the address it bounced from.
    (change) =>
      `<li>${moment(context.lang, change.at)} · <strong>${h(change.status)}</strong>${sees && change.detail ? ` · ${h(change.detail)}` : ''}</li>`,
  );
  return `<p class="history-title">${h(context.texts.casework.messages.history)}</p><ol class="history">${items.join('')}</ol>`;
}

/** The messages section: every message of the invoice, oldest first. */
export function messagesSection(
  context: ConsoleRequestContext,
  messages: readonly CommunicationRow[],
  copies: readonly MessageCopyRow[],
): string {
  const t = context.texts.casework.messages;
  const byId = new Map(copies.map((copy) => [copy.messageId, copy]));
  const items = messages.map((message) => {
    const flag = message.status === 'bounced' || message.status === 'failed' ? ' flag' : '';
    const copy = byId.get(message.id);
    return `<article class="message" id="message-${h(message.id)}"><h3>${h(`${message.channel} · ${message.step}`)} · ${moment(context.lang, message.createdAt)}</h3><p><small>${h(t.template(message.template, message.language))}${sourceOf(context, copy)}</small> · <span class="status${flag}">${h(message.status)}</span></p>${contentOf(context, message, copy)}${historyOf(context, message)}</article>`;
  });
  return `<section aria-labelledby="messages"><h2 id="messages">${h(t.title)}</h2>${items.length ? items.join('') : `<p>${h(t.empty)}</p>`}</section>`;
}

export const messagePreviewRoutes: FastifyPluginAsync<{ auth: ConsoleAuth; db: Database }> = async (
  app,
  { auth, db },
) => {
  app.get(
    '/console/invoices/:invoiceId/messages/:messageId/preview',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'A message of the invoice as sent (email HTML, letter PDF or text)',
        params: {
          type: 'object',
          required: ['invoiceId', 'messageId'],
          properties: {
            invoiceId: { type: 'string', minLength: 1, maxLength: 200 },
            messageId: { type: 'string', minLength: 1, maxLength: 300 },
          },
        },
        response: {
          200: {
            description: 'The message as sent',
            content: {
              'text/html': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          303: SIGN_IN_REDIRECT,
          403: {
            description: 'The role may not see it',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          404: { description: 'No such message', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
    async (request: FastifyRequest<{ Params: { invoiceId: string; messageId: string } }>, reply) => {
      const context = consoleContext(request);
      const { invoiceId, messageId } = request.params;
      const plain = (status: number, text: string) =>
        reply.code(status).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(text);
      if (!seesContactData(context.user.role)) return plain(403, context.texts.casework.messages.hidden);
      // The user's own tenant and this invoice only: anything else is as absent as a made-up id.
      const copy = await messageCopyOf(db, { tenantId: context.user.tenantId, invoiceId, messageId });
      if (!copy) return plain(404, context.texts.casework.messages.notStored);
      reply.header('cache-control', 'no-store');
      if (copy.pdf)
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="${messageId.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf"`,
          )
          .send(copy.pdf);
      if (copy.html) return reply.type('text/html; charset=utf-8').send(sanitizeEmailHtml(copy.html).html);
      return reply.type('text/plain; charset=utf-8').send(copy.text);
    },
  );
};
