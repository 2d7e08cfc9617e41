// Debtor self-service pages: GET /p/:token and its forms. The signed token from every message is
// the debtor's key to one invoice. Each form POST reaches the workflow (the same updates as the
// API's invoice actions) and answers 303 back to the page, which shows the outcome — or, to start a
// direct debit, 303 on to the PSP's checkout URL the workflow returned. Refusals are friendly
// notices, never errors; a closed invoice answers 200 with a kind page (a page meant to be seen; only
// unknown or forged tokens are errors), and the token steers nothing any more. "Pay now" goes through
// GET /p/:token/pay, which picks (or mints) the link for what is due at that moment.
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { PublicUrls } from '../../activities/self-service-link.js';
import { isSafeLink } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { audit } from '../../db/queries/audit.js';
import { insertDebtorRequest, newDebtorRequestId } from '../../db/queries/debtor-requests.js';
import { updateDebtor } from '../../db/queries/debtors.js';
import type { PaymentProvider } from '../../providers/types.js';
import {
  acceptPaymentPlanUpdate,
  endDirectDebitUpdate,
  inviteDirectDebitUpdate,
  openDisputeUpdate,
  promiseToPayUpdate,
} from '../../workflows/definitions.js';
import { isValidCollectionDay } from '../../workflows/direct-debit-logic.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import type { InvoiceService } from '../invoice-service.js';
import { Problem } from '../problem.js';
import { fromThisSite } from '../same-origin.js';
import { loadContext, type PageContext } from '../self-service/context.js';
import {
  backTo,
  e164,
  formField,
  noticeOf,
  REASON_MAX,
  reasonOf,
  validEmail,
} from '../self-service/forms.js';
import { CHECKOUT_PAGE_HEADERS, PAGE_HEADERS } from '../self-service/layout.js';
import {
  DEBTOR_STOP_REASON,
  type FormName,
  formPath,
  type Notice,
  renderClosedPage,
  renderForbidden,
  renderInvoicePage,
  renderPlanPreview,
} from '../self-service/page.js';
import type { ErrorCode } from '../self-service/page-texts.js';
import { payNowUrl } from '../self-service/pay.js';
import { availableActions, planChoices, previewPlan, promiseWindow } from '../self-service/plan.js';

export interface SelfServiceOptions {
  db: Database;
  invoices: InvoiceService;
  temporal: Client;
  urls: PublicUrls;
  /** The PSP, to mint a link when the debtor wants to pay and none fits (e.g. before the first message). */
  payments: PaymentProvider;
  /** Recorded with the links minted here (`live` or `sandbox`). */
  paymentProviderName: string;
  /**
   * Offer SEPA direct debit (Providers.directDebit is set, config DIRECT_DEBIT=on). Default true, like
   * the config; when the PSP cannot, the workflow still refuses and the page says so kindly.
   */
  directDebitEnabled?: boolean;
}

type Query = Record<string, unknown>;
type Request = FastifyRequest<{ Params: { token: string }; Querystring: Query; Body: unknown }>;

const params = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', description: 'signed self-service token from a message' } },
} as const;
const lang = { type: 'string', description: 'nl | en (default: the debtor’s language)' } as const;
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
});
const redirect = { description: 'Back to the page, which shows the outcome', type: 'null' } as const;
const toCheckout = {
  description:
    'To the PSP checkout (directDebit.checkoutUrl) to grant the mandate; back to the page when a mandate is already on file or on a refusal',
  type: 'null',
} as const;
const unknownToken = problem('Unknown or forged token');
const problems = {
  400: problem('Malformed request'),
  404: unknownToken,
  429: problem('Rate limited'),
};

const REFUSED: Partial<Record<FormName, ErrorCode>> = {
  plan: 'plan-refused',
  promise: 'promise-refused',
  dispute: 'dispute-refused',
  'direct-debit': 'direct-debit-refused',
  'direct-debit-stop': 'direct-debit-stop-refused',
};

/** A form's answer that leaves this site: only ever built from the workflow's status, never the request. */
interface Checkout {
  checkoutUrl: string;
}

/** The mandate checkout the workflow returned, when the debtor still has to go there. */
function checkoutOf(status: DunningStatus): Checkout | undefined {
  const url = status.directDebit?.status === 'invited' ? status.directDebit.checkoutUrl : null;
  return url && isSafeLink(url) ? { checkoutUrl: url } : undefined;
}

/** Which invoice a debtor request is about. */
const requestOf = (ctx: PageContext) => ({ tenantId: ctx.row.tenantId, invoiceId: ctx.row.invoiceId });

function sendPage(reply: FastifyReply, page: string, code = 200, headers: object = PAGE_HEADERS) {
  return reply.code(code).headers(headers).type('text/html; charset=utf-8').send(page);
}

export const selfServiceRoutes: FastifyPluginAsync<SelfServiceOptions> = async (
  app,
  { db, invoices, urls, payments, paymentProviderName, directDebitEnabled = true },
) => {
  const linkDeps = { db, payments, providerName: paymentProviderName, urls };
  const deps = { db, invoices, urls, directDebitEnabled };
  const context = (request: Request, language?: unknown) =>
    loadContext(deps, request.params.token, language ?? request.query.lang);

  app.get(
    '/p/:token',
    {
      schema: {
        summary: 'Debtor self-service page (HTML): amount due and why, and the actions possible now',
        params,
        querystring: {
          type: 'object',
          properties: {
            lang,
            done: { type: 'string', description: 'outcome code after a form post' },
            e: { type: 'string', description: 'error code after a form post' },
            f: { type: 'string', description: 'the form the outcome is about' },
          },
        },
        response: {
          200: html(
            'The page; once the invoice has closed (paid, cancelled, handed over) a kind page without actions',
          ),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const ctx = await context(request as Request);
      if (ctx.closed) return sendPage(reply, renderClosedPage({ ...ctx, closed: ctx.closed }));
      const page = renderInvoicePage(ctx, noticeOf(request.query as Query), new Date());
      return sendPage(
        reply,
        page,
        200,
        availableActions(ctx).directDebit ? CHECKOUT_PAGE_HEADERS : PAGE_HEADERS,
      );
    },
  );

  app.get(
    '/p/:token/plan',
    {
      schema: {
        summary: 'Payment-plan preview (HTML): each instalment with date and amount, before confirming',
        params,
        querystring: {
          type: 'object',
          properties: { instalments: { type: 'string', description: 'number of instalments' }, lang },
        },
        response: { 200: html('The preview with a confirm button'), 303: redirect, ...problems },
      },
    },
    async (request, reply) => {
      const ctx = await context(request as Request);
      const back = (notice: Notice) => reply.redirect(backTo(ctx, ctx.lang, notice), 303);
      if (ctx.closed) return back({});
      if (!availableActions(ctx).plan) return back({ error: 'plan-refused', form: 'plan' });
      const count = String((request.query as Query).instalments ?? '');
      const instalments = /^\d{1,2}$/.test(count) ? previewPlan(ctx, Number(count), new Date()) : undefined;
      if (!instalments) return back({ error: 'plan-invalid', form: 'plan' });
      return sendPage(reply, renderPlanPreview(ctx, instalments));
    },
  );

  app.get(
    '/p/:token/pay',
    {
      schema: {
        summary:
          'Pay now: 303 to a PSP checkout for what is due now (the open instalment in a plan, else the amount due), minted on demand',
        params,
        querystring: { type: 'object', properties: { lang } },
        response: {
          303: {
            description:
              'To the PSP checkout; back to the page once the invoice has closed, or with a notice when the PSP cannot be reached',
            type: 'null',
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const ctx = await context(request as Request);
      const back = (notice: Notice) => reply.redirect(backTo(ctx, ctx.lang, notice), 303);
      if (ctx.closed || !availableActions(ctx).pay) return back({});
      let url: string | undefined;
      try {
        url = await payNowUrl(linkDeps, ctx, new Date());
      } catch (error) {
        request.log.error(
          {
            tenantId: ctx.row.tenantId,
            invoiceId: ctx.row.invoiceId,
            err: { name: (error as Error).name, message: (error as Error).message },
          },
          'self-service payment link failed',
        );
        return back({ error: 'unavailable' });
      }
      // Nothing due now (an instalment paid ahead), or a link Settle would not send a debtor to.
      if (!url || !isSafeLink(url)) return back({});
      return reply.redirect(url, 303);
    },
  );

  /**
   * A form post: checked, handled, and answered 303 back to the page with the outcome — or to the
   * checkout the workflow returned, when the handler answers with one.
   */
  const action = (
    name: FormName,
    summary: string,
    fields: Record<string, string>,
    handle: (ctx: PageContext, body: unknown, request: Request) => Promise<Notice | Checkout>,
    answer: { description: string; type: 'null' } = redirect,
  ) =>
    app.post(
      `/p/:token/${formPath(name)}`,
      {
        schema: {
          summary,
          consumes: ['application/x-www-form-urlencoded'],
          params,
          body: {
            type: 'object',
            properties: Object.fromEntries(
              [...Object.entries(fields), ['lang', 'nl | en']].map(([k, d]) => [
                k,
                { type: 'string', description: d },
              ]),
            ),
          },
          response: {
            303: answer,
            403: html('Sent from another site (Origin/Referer): nothing happened'),
            ...problems,
            415: problem('Not a form body'),
          },
        },
      },
      async (request, reply) => {
        const req = request as Request;
        const ctx = await context(req, formField(req.body, 'lang') || undefined);
        if (!fromThisSite(req, urls.baseUrl)) return sendPage(reply, renderForbidden(ctx), 403);
        let notice: Notice | Checkout;
        if (ctx.closed) notice = {};
        else {
          try {
            notice = await handle(ctx, req.body, req);
            req.log.info(
              {
                tenantId: ctx.row.tenantId,
                invoiceId: ctx.row.invoiceId,
                action: name,
                outcome: 'checkoutUrl' in notice ? 'checkout' : (notice.error ?? 'done'),
              },
              'self-service action',
            );
          } catch (error) {
            const refused = error instanceof Problem && error.status === 422 ? REFUSED[name] : undefined;
            if (!refused)
              req.log.error(
                {
                  tenantId: ctx.row.tenantId,
                  invoiceId: ctx.row.invoiceId,
                  action: name,
                  err: { name: (error as Error).name, message: (error as Error).message },
                },
                'self-service action failed',
              );
            notice = { error: refused ?? 'unavailable', form: name };
          }
        }
        if ('checkoutUrl' in notice) return reply.redirect(notice.checkoutUrl, 303);
        return reply.redirect(backTo(ctx, ctx.lang, notice), 303);
      },
    );

  action(
    'plan',
    'Confirm a payment plan (form instalments) → acceptPaymentPlan; 303 back to the page',
    { instalments: 'number of instalments, within the policy limits' },
    async (ctx, body) => {
      if (!ctx.live) return { error: 'unavailable', form: 'plan' };
      if (!availableActions(ctx).plan) return { error: 'plan-refused', form: 'plan' };
      const count = Number(formField(body, 'instalments'));
      if (!planChoices(ctx).includes(count)) return { error: 'plan-invalid', form: 'plan' };
      await invoices.executeUpdate(ctx.row, acceptPaymentPlanUpdate, [{ instalments: count }]);
      return { done: 'plan' };
    },
  );

  action(
    'promise',
    'Promise to pay on a date (form date=YYYY-MM-DD, within the policy limits) → promiseToPay; 303',
    { date: 'YYYY-MM-DD' },
    async (ctx, body) => {
      if (!ctx.live) return { error: 'unavailable', form: 'promise' };
      if (!availableActions(ctx).promise) return { error: 'promise-refused', form: 'promise' };
      const date = formField(body, 'date');
      const { earliest, latest } = promiseWindow(ctx, new Date());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < earliest || date > latest)
        return { error: 'promise-date', form: 'promise' };
      await invoices.executeUpdate(ctx.row, promiseToPayUpdate, [{ date }]);
      return { done: 'promise' };
    },
  );

  action(
    'dispute',
    'Dispute the invoice (form reason) → openDispute: the reminders pause; a debtor request for the creditor (GET /v1/debtor-requests, the timeline, a signed webhook); 303',
    { reason: '3–500 characters' },
    async (ctx, body) => {
      if (!ctx.live) return { error: 'unavailable', form: 'dispute' };
      if (!availableActions(ctx).dispute) return { error: 'dispute-refused', form: 'dispute' };
      const parsed = reasonOf(body);
      if ('error' in parsed) return { error: parsed.error, form: 'dispute' };
      const id = newDebtorRequestId();
      // Stored with the dispute or not at all: a refused update rolls the request back. The debtor's
      // words stay in PostgreSQL; the workflow (and its history) only learns the request's id.
      await db.transaction(async (tx) => {
        await insertDebtorRequest(tx, { ...requestOf(ctx), id, kind: 'dispute', message: parsed.reason });
        await invoices.executeUpdate(
          ctx.row,
          openDisputeUpdate,
          [{ reason: `debtor request ${id} (self-service)` }],
          `self-service-dispute:${id}`,
        );
      });
      return { done: 'dispute' };
    },
  );

  action(
    'callback',
    'Request a call back (form reason): a debtor request for the creditor (GET /v1/debtor-requests, the timeline, a signed webhook); 303',
    { reason: '3–500 characters' },
    async (ctx, body) => {
      const parsed = reasonOf(body);
      if ('error' in parsed) return { error: parsed.error, form: 'callback' };
      const id = newDebtorRequestId();
      await db.transaction(async (tx) => {
        await insertDebtorRequest(tx, { ...requestOf(ctx), id, kind: 'callback', message: parsed.reason });
        // The request's id, never the debtor's words: the audit trail is no copy of personal data.
        await audit(tx, {
          ...requestOf(ctx),
          actor: 'debtor',
          action: 'callback-requested',
          detail: { requestId: id, via: 'self-service' },
        });
      });
      return { done: 'callback' };
    },
  );

  action(
    'contact',
    'Correct email and/or phone (form email, phone E.164); the debtor’s open invoices are told; 303',
    { email: 'email address', phone: 'E.164 phone number, e.g. +31612345678' },
    async (ctx, body) => {
      const emailInput = formField(body, 'email');
      const phoneInput = formField(body, 'phone');
      if (!emailInput && !phoneInput) return { error: 'contact-empty', form: 'contact' };
      if (emailInput && !validEmail(emailInput)) return { error: 'email-invalid', form: 'contact' };
      const phone = phoneInput ? e164(phoneInput) : undefined;
      if (phoneInput && !phone) return { error: 'phone-invalid', form: 'contact' };
      const changes = { ...(emailInput ? { email: emailInput } : {}), ...(phone ? { phone } : {}) };
      const debtor = await updateDebtor(db, ctx.row.tenantId, ctx.row.debtorId, changes);
      if (!debtor) return { error: 'unavailable', form: 'contact' };
      await invoices.contactChanged(debtor);
      // Which fields changed, never the values: the audit trail is no copy of personal data.
      await audit(db, {
        tenantId: ctx.row.tenantId,
        invoiceId: ctx.row.invoiceId,
        actor: 'debtor',
        action: 'contact-updated',
        detail: { fields: Object.keys(changes), via: 'self-service' },
      });
      return { done: 'contact' };
    },
  );

  action(
    'direct-debit',
    'Pay automatically by SEPA direct debit (form collectionDay 1–28) → inviteDirectDebit; 303 to the PSP checkout (a small first payment that grants the mandate), or back to the page',
    { collectionDay: 'day of the month to collect on, 1–28' },
    async (ctx, body) => {
      if (!ctx.live) return { error: 'unavailable', form: 'direct-debit' };
      if (!availableActions(ctx).directDebit) return { error: 'direct-debit-refused', form: 'direct-debit' };
      const field = formField(body, 'collectionDay');
      const collectionDay = /^\d{1,2}$/.test(field) ? Number(field) : Number.NaN;
      if (!isValidCollectionDay(collectionDay)) return { error: 'collection-day', form: 'direct-debit' };
      const status = await invoices.executeUpdate(ctx.row, inviteDirectDebitUpdate, [{ collectionDay }]);
      // A mandate already on file: collection is active at once, nothing to grant.
      if (status.directDebit?.status === 'active') return { done: 'direct-debit' };
      return checkoutOf(status) ?? { error: 'unavailable', form: 'direct-debit' };
    },
    toCheckout,
  );

  action(
    'direct-debit-stop',
    'Stop paying by direct debit (form reason, optional) → endDirectDebit: the debtor pays by hand again; 303',
    { reason: 'optional, at most 500 characters' },
    async (ctx, body) => {
      if (!ctx.live) return { error: 'unavailable', form: 'direct-debit-stop' };
      if (!availableActions(ctx).stopDirectDebit)
        return { error: 'direct-debit-stop-refused', form: 'direct-debit-stop' };
      const given = formField(body, 'reason').replace(/\s+/g, ' ');
      if (given.length > REASON_MAX) return { error: 'reason-too-long', form: 'direct-debit-stop' };
      const reason = given ? `${DEBTOR_STOP_REASON}: ${given}` : DEBTOR_STOP_REASON;
      await invoices.executeUpdate(ctx.row, endDirectDebitUpdate, [{ reason }]);
      return { done: 'direct-debit-stopped' };
    },
  );
};
