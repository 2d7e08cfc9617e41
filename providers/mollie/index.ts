// Mollie: payment links, SEPA direct debit through an e-mandate, and its payment webhook (a form
// POST carrying only the payment id, verified by fetching the payment back).
import { definePlugin } from '../plugin.js';
import { optionalString, setting } from '../settings.js';
import { MolliePaymentProvider, mollieWebhookPaymentId } from './mollie.js';
import { mollieWebhookEvent } from './mollie-webhook.js';

interface MollieSettings {
  apiKey: string | undefined;
}

export const mollie = definePlugin<MollieSettings>({
  name: 'mollie',
  roles: ['payments'],
  config: {
    env: { MOLLIE_API_KEY: optionalString },
    read: (env) => ({ apiKey: setting(env, 'MOLLIE_API_KEY') }),
    liveCredentials: ['MOLLIE_API_KEY'],
    requiredWhenLive: ['MOLLIE_API_KEY'],
  },
  createAdapters(settings) {
    const provider = new MolliePaymentProvider({ apiKey: settings.apiKey! });
    return { payments: provider, directDebit: provider };
  },
  webhook: {
    routes: () => [
      {
        method: 'POST',
        path: '/webhooks/mollie',
        schema: {
          summary:
            'Mollie payment webhook (form id=tr_…): stored only for payments the PSP confirms; credited only where the payment’s own facts point',
          consumes: ['application/x-www-form-urlencoded'],
          body: {
            type: 'object',
            properties: { id: { type: 'string', maxLength: 64, examples: ['tr_7UhSN1zuXS'] } },
          },
          querystring: { type: 'object', properties: { invoice: { type: 'string', maxLength: 300 } } },
        },
        async receive(request, context) {
          const paymentId = mollieWebhookPaymentId((request.body ?? {}) as Record<string, unknown>);
          // Malformed ids, forged URL tokens and ids the PSP does not know: 200, nothing stored.
          if (!paymentId) return { nothing: true };
          const invoice = request.query.invoice;
          const token = typeof invoice === 'string' ? invoice : undefined;
          const admitted = await context.admitPayment(paymentId, token);
          if (admitted === 'dropped') return { nothing: true };
          if (admitted === 'unverifiable')
            return { retryLater: 'the payment could not be verified; retry later' };
          return {
            store: [mollieWebhookEvent(paymentId, token, admitted.hint)],
            source: 'mollie',
            reopen: true,
          };
        },
      },
    ],
    parsers: {
      mollie(rawBody) {
        const providerPaymentId = mollieWebhookPaymentId(rawBody);
        if (!providerPaymentId) return undefined;
        const invoiceToken = new URLSearchParams(rawBody).get('invoice') ?? undefined;
        return { kind: 'payment', providerPaymentId, invoiceToken };
      },
    },
  },
  sandbox: {
    // The sandbox PSP calls /webhooks/mollie with only the id, as Mollie does; no keys involved.
    createAdapters: (sandbox) => ({ payments: sandbox.psp, directDebit: sandbox.psp }),
  },
});
