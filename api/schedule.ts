// GET /v1/invoices/{invoiceId}/schedule: the remaining ladder steps projected from the workflow's
// current state with the workflow's own decision functions (workflows/schedule.ts).
import { Type } from '@sinclair/typebox';
import type { InvoiceRow } from '../db/queries/invoices.js';
import type { WorkflowProjection } from '../workflows/dunning-types.js';
import { formatAmount } from '../workflows/policy/money.js';
import type { PostingSchedule } from '../workflows/policy/receipt.js';
import { projectSchedule } from '../workflows/schedule.js';

const Decimal = Type.String({ pattern: '^-?\\d+\\.\\d{2}$', description: 'EUR, decimal string' });

export const ScheduleSchema = Type.Object(
  {
    invoiceId: Type.String(),
    status: Type.String(),
    steps: Type.Array(
      Type.Object({
        step: Type.String({ description: 'ladder step id' }),
        at: Type.String({
          format: 'date-time',
          description:
            'when it goes out: after stated deadlines, in contact hours, not on Sundays or holidays, after payday',
        }),
        channel: Type.Union([Type.String(), Type.Null()], {
          description:
            'the channel it would use; null for the handover or when no channel reaches the debtor',
        }),
        amountsIfUnpaid: Type.Object(
          { principal: Decimal, costs: Decimal, interest: Decimal, paid: Decimal, due: Decimal },
          { description: 'what the debtor would owe at that moment if nothing more is paid' },
        ),
      }),
    ),
    reason: Type.Union([Type.String(), Type.Null()], {
      description: 'why nothing (more) is scheduled: closed, paused, disputed, in a plan, …',
    }),
  },
  {
    examples: [
      {
        invoiceId: 'INV-2026-0042',
        status: 'open',
        steps: [
          {
            step: 'payment-plan-offer',
            at: '2027-01-14T10:23:00.000Z',
            channel: 'email',
            amountsIfUnpaid: {
              principal: '123.45',
              costs: '40.00',
              interest: '0.10',
              paid: '0.00',
              due: '163.55',
            },
          },
          {
            step: 'handover',
            at: '2027-02-09T08:00:00.000Z',
            channel: null,
            amountsIfUnpaid: {
              principal: '123.45',
              costs: '40.00',
              interest: '0.53',
              paid: '0.00',
              due: '163.98',
            },
          },
        ],
        reason: null,
      },
      { invoiceId: 'INV-2026-0043', status: 'paused', steps: [], reason: 'paused until resumed' },
    ],
  },
);

export function invoiceSchedule(
  row: InvoiceRow,
  projection: WorkflowProjection | undefined,
  posting: PostingSchedule,
  now: Date,
) {
  if (!projection) {
    return {
      invoiceId: row.invoiceId,
      status: row.status,
      steps: [],
      reason: row.closedAt
        ? `the invoice is closed (${row.status})`
        : 'the invoice’s workflow cannot be reached right now; try again shortly',
    };
  }
  const { steps, reason } = projectSchedule(projection.input, projection.state, now, row.workflowId, posting);
  return {
    invoiceId: row.invoiceId,
    status: projection.state.status,
    steps: steps.map((s) => ({
      step: s.step,
      at: s.at.toISOString(),
      channel: s.channel,
      amountsIfUnpaid: {
        principal: formatAmount(s.amountsIfUnpaid.principalCents),
        costs: formatAmount(s.amountsIfUnpaid.costsCents),
        interest: formatAmount(s.amountsIfUnpaid.interestCents),
        paid: formatAmount(s.amountsIfUnpaid.paidCents),
        due: formatAmount(s.amountsIfUnpaid.dueCents),
      },
    })),
    reason,
  };
}
