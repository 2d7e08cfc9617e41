// The invoice as the API shows it: from its row, the read model the workflow keeps current (one
// versioned write per state change), or — asked for with ?consistency=live — from the workflow itself.
import { stablePayLink } from '../activities/self-service-link.js';
import type { InvoiceRow } from '../db/queries/invoices.js';
import type { AmountPart, DirectDebitState, DunningStatus } from '../workflows/dunning-types.js';
import { POLICIES } from '../workflows/policy/ladder.js';
import { formatAmount } from '../workflows/policy/money.js';
import { invoiceAmounts } from './invoice-amounts.js';

type Money = { currency: string; value: string };

/** One part of the claim in money: charged, paid of it, still open. */
export interface PartResource {
  charged: Money;
  paid: Money;
  outstanding: Money;
}

export interface InvoiceResource {
  invoiceId: string;
  debtorId: string;
  status: string;
  stage: string;
  policy: string;
  /** The version of the policy the invoice runs on: a tenant policy's as snapshotted, a shipped one's. */
  policyVersion: number | null;
  /** A term of a continuing contract (small ones share one term's collection costs). */
  periodic: boolean;
  amount: { currency: string; value: string };
  amountDue: { currency: string; value: string };
  amountPaid: { currency: string; value: string };
  costs: { currency: string; value: string };
  interest: { currency: string; value: string };
  /** Paid beyond everything charged (e.g. costs withdrawn after they were paid): to refund. */
  overpaid: { currency: string; value: string };
  /** Payments allocated to costs, then interest, then principal (art. 6:44 BW). */
  breakdown: { principal: PartResource; costs: PartResource; interest: PartResource };
  issueDate: string;
  dueDate: string;
  description: string | null;
  /** Settle's stable pay link: a checkout for the amount due when followed (null once closed). */
  paymentUrl: string | null;
  /**
   * The PSP checkout the workflow minted for its last step, for invoices whose workflow started before
   * links were minted on demand; null for the others — `paymentUrl` mints a checkout when followed.
   */
  checkoutUrl: string | null;
  selfServiceUrl: string;
  /** `stored`: from the read model, as of `asOf`; `live`: asked of the workflow just now. */
  consistency: 'stored' | 'live';
  asOf: string;
  nextActionAt: string | null;
  nextAction: string | null;
  workflowId: string;
  metadata: Record<string, unknown> | null;
  directDebit: DirectDebitResource | null;
  /** Payments reversed after the invoice had closed, each reopening collection of its amount. */
  reopenedCollections: {
    paymentId: string;
    amount: { currency: string; value: string };
    reopenedAt: string;
    /** What the reversal put back on the claim (art. 6:44 BW); absent in older entries. */
    owed?: { principal: Money; costs: Money; interest: Money };
  }[];
}

export interface DirectDebitResource {
  status: DirectDebitState['status'];
  collectionDay: number;
  /** Where the debtor grants the mandate, while an invitation is open. */
  checkoutUrl: string | null;
  mandateId: string | null;
  collections: {
    number: number;
    /** The PSP's payment id, once submitted: for reconciliation. */
    paymentId: string | null;
    amount: { currency: string; value: string };
    date: string;
    status: DirectDebitState['collections'][number]['outcome'];
    failureReason: string | null;
  }[];
  endReason: string | null;
}

function directDebitResource(currency: string, state: DirectDebitState | null | undefined) {
  if (!state) return null;
  return {
    status: state.status,
    collectionDay: state.collectionDay,
    checkoutUrl: state.checkoutUrl,
    mandateId: state.mandate?.mandateId ?? null,
    collections: state.collections.map((c) => ({
      number: c.number,
      paymentId: c.providerPaymentId,
      amount: money(currency, c.amountCents),
      date: c.collectDate,
      status: c.outcome,
      failureReason: c.failureReason ?? null,
    })),
    endReason: state.endReason,
  };
}

/** Nothing is left to pay through Settle (a handed-over claim is paid to the agency). */
const CLOSED_STATUSES = new Set(['paid', 'cancelled', 'handed_over']);

const money = (currency: string, cents: number) => ({ currency, value: formatAmount(cents) });

function partResource(currency: string, part: AmountPart): PartResource {
  return {
    charged: money(currency, part.chargedCents),
    paid: money(currency, part.paidCents),
    outstanding: money(currency, part.outstandingCents),
  };
}

export function invoiceResource(
  row: InvoiceRow,
  selfServiceUrl: string,
  live?: DunningStatus,
): InvoiceResource {
  const c = row.currency;
  const amounts = invoiceAmounts(row, live);
  const status = live?.status ?? row.status;
  return {
    invoiceId: row.invoiceId,
    debtorId: row.debtorId,
    status,
    stage: live?.stage ?? row.stage,
    policy: row.policyId,
    policyVersion: row.policyVersion ?? POLICIES[row.policyId]?.version ?? null,
    periodic: row.periodic,
    amount: money(c, row.amountCents),
    amountDue: money(c, amounts.dueCents),
    amountPaid: money(c, amounts.paidCents),
    costs: money(c, amounts.costsCents),
    interest: money(c, amounts.interestCents),
    overpaid: money(c, amounts.overpaidCents ?? 0),
    breakdown: {
      principal: partResource(c, amounts.parts.principal),
      costs: partResource(c, amounts.parts.costs),
      interest: partResource(c, amounts.parts.interest),
    },
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    description: row.description,
    paymentUrl: CLOSED_STATUSES.has(status) ? null : stablePayLink(selfServiceUrl),
    checkoutUrl: live ? live.paymentUrl : row.paymentUrl,
    selfServiceUrl,
    consistency: live ? 'live' : 'stored',
    asOf: (live ? new Date() : row.updatedAt).toISOString(),
    nextActionAt: live ? (live.nextAction?.at ?? null) : (row.nextActionAt?.toISOString() ?? null),
    nextAction: live ? (live.nextAction?.kind ?? null) : row.nextAction,
    workflowId: row.workflowId,
    metadata: row.metadata ?? null,
    directDebit: directDebitResource(c, live ? live.directDebit : row.directDebit),
    reopenedCollections: row.reopenedCollections.map((entry) => ({
      paymentId: entry.paymentId,
      amount: money(c, entry.amountCents),
      reopenedAt: entry.reopenedAt,
      ...(entry.owed
        ? {
            owed: {
              principal: money(c, entry.owed.principalCents),
              costs: money(c, entry.owed.costsCents),
              interest: money(c, entry.owed.interestCents),
            },
          }
        : {}),
    })),
  };
}

const moneySchema = {
  type: 'object',
  required: ['currency', 'value'],
  properties: { currency: { type: 'string' }, value: { type: 'string' } },
} as const;

const partSchema = {
  type: 'object',
  required: ['charged', 'paid', 'outstanding'],
  properties: { charged: moneySchema, paid: moneySchema, outstanding: moneySchema },
} as const;

export const invoiceResourceSchema = {
  $id: 'Invoice',
  type: 'object',
  required: ['invoiceId', 'status', 'stage', 'amount', 'amountDue', 'workflowId', 'selfServiceUrl'],
  properties: {
    invoiceId: { type: 'string' },
    debtorId: { type: 'string' },
    status: {
      type: 'string',
      enum: ['open', 'paid', 'in_plan', 'disputed', 'paused', 'cancelled', 'handed_over'],
    },
    stage: { type: 'string' },
    policy: { type: 'string', description: 'the dunning policy: a shipped one or one of the tenant’s own' },
    policyVersion: {
      type: ['integer', 'null'],
      description:
        'the version the invoice took: a tenant policy keeps the version of its creation, whatever is saved later',
    },
    periodic: {
      type: 'boolean',
      description: "a term of a continuing contract: small ones share one term's collection costs",
    },
    amount: moneySchema,
    amountDue: moneySchema,
    amountPaid: moneySchema,
    costs: moneySchema,
    interest: moneySchema,
    overpaid: {
      ...moneySchema,
      description:
        'paid beyond everything charged (e.g. collection costs withdrawn after the debtor paid them): the creditor refunds it',
    },
    breakdown: {
      type: 'object',
      description:
        'Payments go first to collection costs, then to interest, then to the principal (art. 6:44 BW); ' +
        'interest runs only on the unpaid principal',
      required: ['principal', 'costs', 'interest'],
      properties: { principal: partSchema, costs: partSchema, interest: partSchema },
      examples: [
        {
          principal: {
            charged: { currency: 'EUR', value: '1000.00' },
            paid: { currency: 'EUR', value: '353.53' },
            outstanding: { currency: 'EUR', value: '646.47' },
          },
          costs: {
            charged: { currency: 'EUR', value: '40.00' },
            paid: { currency: 'EUR', value: '40.00' },
            outstanding: { currency: 'EUR', value: '0.00' },
          },
          interest: {
            charged: { currency: 'EUR', value: '14.58' },
            paid: { currency: 'EUR', value: '6.47' },
            outstanding: { currency: 'EUR', value: '8.11' },
          },
        },
      ],
    },
    issueDate: { type: 'string', format: 'date' },
    dueDate: { type: 'string', format: 'date' },
    description: { type: ['string', 'null'] },
    paymentUrl: {
      type: ['string', 'null'],
      description:
        'Settle’s stable pay link (print it on your own invoice): redirects to a PSP checkout for the amount due at that moment, minted on demand; null once the invoice has closed',
    },
    checkoutUrl: {
      type: ['string', 'null'],
      description:
        'deprecated: the PSP checkout of the last message sent, only for invoices started before checkouts were minted on demand; null otherwise — follow paymentUrl',
    },
    selfServiceUrl: { type: 'string' },
    consistency: {
      type: 'string',
      enum: ['stored', 'live'],
      description:
        'stored: from the read model as of asOf (the default); live: asked of the workflow (?consistency=live)',
    },
    asOf: {
      type: 'string',
      format: 'date-time',
      description: 'when this state was written (stored) or read (live)',
    },
    nextActionAt: { type: ['string', 'null'] },
    nextAction: { type: ['string', 'null'] },
    workflowId: { type: 'string' },
    metadata: { type: ['object', 'null'], additionalProperties: true },
    directDebit: {
      type: ['object', 'null'],
      description: 'SEPA direct debit: invitation, mandate and collections',
      properties: {
        status: { type: 'string', enum: ['invited', 'active', 'ended'] },
        collectionDay: { type: 'integer' },
        checkoutUrl: { type: ['string', 'null'] },
        mandateId: { type: ['string', 'null'] },
        collections: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              number: { type: 'integer' },
              paymentId: { type: ['string', 'null'] },
              amount: moneySchema,
              date: { type: 'string', format: 'date' },
              status: {
                type: 'string',
                enum: ['scheduled', 'pending', 'paid', 'failed', 'skipped', 'charged_back'],
              },
              failureReason: { type: ['string', 'null'] },
            },
          },
        },
        endReason: { type: ['string', 'null'] },
      },
    },
    reopenedCollections: {
      type: 'array',
      description:
        'Payments reversed (charged back) after the invoice had closed: each reopened collection of its amount in a new run of the same workflow',
      items: {
        type: 'object',
        required: ['paymentId', 'amount', 'reopenedAt'],
        properties: {
          paymentId: { type: 'string', examples: ['tr_7UhSN1zuXS'] },
          amount: moneySchema,
          reopenedAt: { type: 'string', format: 'date-time' },
          owed: {
            type: 'object',
            description:
              'what the reversal put back on the claim: what is still paid goes to costs, then interest, then principal (art. 6:44 BW)',
            required: ['principal', 'costs', 'interest'],
            properties: { principal: moneySchema, costs: moneySchema, interest: moneySchema },
          },
        },
      },
    },
  },
} as const;
