// Reports over the tenant's own facts (issue 16): DSO, CEI, aging, cash collected, recovery, plans
// and bounces, as JSON or CSV. Definitions in README "Reports"; the queries in db/queries/reports.ts.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import {
  bouncesByChannel,
  messageFunnel,
  planOutcomes,
  RECOVERY_DIMENSIONS,
  receivablesOn,
  recoveryBy,
} from '../../db/queries/reports.js';
import { toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { addDays } from '../../workflows/policy/dates.js';
import { unprocessable } from '../problem.js';
import { cashReport } from '../reports/cash.js';
import { INTERVALS, type Interval, periodsCovering } from '../reports/periods.js';
import { ceiReport, dsoReport } from '../reports/receivables.js';
import { ReportFormat, registerReport } from '../reports/report-route.js';
import { IsoDateString } from '../schemas.js';

/** More periods than this in one answer is a mistake (a day-by-day decade), not a report. */
const MAX_PERIODS = 400;

const From = Type.Optional(
  Type.String({
    ...IsoDateString,
    description: 'first day (Amsterdam), YYYY-MM-DD; default: a year before `to`',
  }),
);
const To = Type.Optional(
  Type.String({ ...IsoDateString, description: 'last day (Amsterdam), YYYY-MM-DD; default today' }),
);
const IntervalParam = (fallback: Interval) =>
  Type.Optional(
    Type.Union(
      INTERVALS.map((interval) => Type.Literal(interval)),
      { description: `day, week (ISO, Monday first) or month; default ${fallback}` },
    ),
  );
const RangeQuery = Type.Object({ from: From, to: To, format: ReportFormat }, { additionalProperties: false });
const IntervalQuery = (fallback: Interval) =>
  Type.Object(
    { from: From, to: To, interval: IntervalParam(fallback), format: ReportFormat },
    { additionalProperties: false },
  );

const RangeMeta = { from: IsoDateString, to: IsoDateString };
const IntervalMeta = {
  ...RangeMeta,
  interval: Type.Union(INTERVALS.map((interval) => Type.Literal(interval))),
};
const Cents = Type.Integer({ description: 'euro cents' });
const Rate = Type.Union([Type.Number(), Type.Null()], {
  description: '0–1; null when there is nothing to divide by',
});

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export const reportRoutes: FastifyPluginAsync<{ db: Database; now: () => Date }> = async (
  app,
  { db, now },
) => {
  const range = (query: { from?: string; to?: string; interval?: Interval }, fallback: Interval = 'day') => {
    const to = query.to ?? toAmsterdamParts(now()).date;
    const from = query.from ?? addDays(to, -364);
    const interval = query.interval ?? fallback;
    if (from > to) throw unreadable('from', 'is after `to`');
    if (periodsCovering(from, to, interval).length > MAX_PERIODS)
      throw unreadable(
        'interval',
        `gives more than ${MAX_PERIODS} periods: shorten the range or use a longer interval`,
      );
    return { from, to, interval };
  };

  registerReport(app, {
    path: '/reports/dso',
    summary: 'Days sales outstanding by the countback method, per period',
    description:
      'For each period (default month) the receivables at its end (or at `to`) and the days of sales they ' +
      'represent: walking back period by period, newest first, a period whose sales the balance left covers ' +
      'counts in full and is taken off; the period where the balance runs out counts its share ' +
      '(balance ÷ sales × days). Receivables: principal not yet paid of invoices issued, not cancelled.',
    querystring: IntervalQuery('month'),
    meta: IntervalMeta,
    row: Type.Object({
      periodStart: IsoDateString,
      measuredOn: IsoDateString,
      receivablesCents: Cents,
      dsoDays: Type.Number(),
    }),
    example: {
      from: '2026-02-01',
      to: '2026-03-31',
      interval: 'month',
      rows: [
        { periodStart: '2026-02-01', measuredOn: '2026-02-28', receivablesCents: 100_000, dsoDays: 34.2 },
        { periodStart: '2026-03-01', measuredOn: '2026-03-31', receivablesCents: 90_000, dsoDays: 43 },
      ],
    },
    run: async (tenantId, query) => {
      const covered = range(query, 'month');
      return { ...covered, rows: await dsoReport(db, { tenantId, ...covered }) };
    },
  });

  registerReport(app, {
    path: '/reports/cei',
    summary: 'Collection Effectiveness Index per period',
    description:
      'CEI = (beginning receivables + sales − ending total receivables) ÷ (beginning receivables + sales − ' +
      'ending current receivables) × 100, where current means not yet due at the period’s end; null when ' +
      'the divisor is 0. Sales: principal invoiced (by issue date) in the period.',
    querystring: IntervalQuery('month'),
    meta: IntervalMeta,
    row: Type.Object({
      periodStart: IsoDateString,
      measuredOn: IsoDateString,
      beginningReceivablesCents: Cents,
      salesCents: Cents,
      endingReceivablesCents: Cents,
      endingCurrentCents: Cents,
      cei: Type.Union([Type.Number(), Type.Null()], { description: 'percent, two decimals' }),
    }),
    example: {
      from: '2026-02-01',
      to: '2026-02-28',
      interval: 'month',
      rows: [
        {
          periodStart: '2026-02-01',
          measuredOn: '2026-02-28',
          beginningReceivablesCents: 150_000,
          salesCents: 70_000,
          endingReceivablesCents: 100_000,
          endingCurrentCents: 40_000,
          cei: 66.67,
        },
      ],
    },
    run: async (tenantId, query) => {
      const covered = range(query, 'month');
      return { ...covered, rows: await ceiReport(db, { tenantId, ...covered }) };
    },
  });

  registerReport(app, {
    path: '/reports/aging',
    summary: 'Receivables by days past due on one day',
    description:
      'The principal not yet paid at the end of `on` (default today), in buckets of days past the due date: ' +
      'current (not yet due), 1-30, 31-60, 61-90 and over-90.',
    querystring: Type.Object(
      {
        on: Type.Optional(Type.String({ ...IsoDateString, description: 'YYYY-MM-DD; default today' })),
        format: ReportFormat,
      },
      { additionalProperties: false },
    ),
    meta: { on: IsoDateString, totalCents: Cents },
    row: Type.Object({
      bucket: Type.Union(
        ['current', '1-30', '31-60', '61-90', 'over-90'].map((bucket) => Type.Literal(bucket)),
      ),
      amountCents: Cents,
    }),
    example: {
      on: '2026-03-31',
      totalCents: 90_000,
      rows: [
        { bucket: 'current', amountCents: 0 },
        { bucket: '1-30', amountCents: 60_000 },
        { bucket: '31-60', amountCents: 30_000 },
        { bucket: '61-90', amountCents: 0 },
        { bucket: 'over-90', amountCents: 0 },
      ],
    },
    run: async (tenantId, query) => {
      const on = query.on ?? toAmsterdamParts(now()).date;
      const [day] = await receivablesOn(db, tenantId, [on]);
      const buckets = [
        ['current', day!.currentCents],
        ['1-30', day!.days1To30Cents],
        ['31-60', day!.days31To60Cents],
        ['61-90', day!.days61To90Cents],
        ['over-90', day!.over90Cents],
      ] as const;
      return {
        on,
        totalCents: day!.totalCents,
        rows: buckets.map(([bucket, amountCents]) => ({ bucket, amountCents })),
      };
    },
  });

  registerReport(app, {
    path: '/reports/cash',
    summary: 'Cash collected per day, week or month',
    description:
      'Payments received per Amsterdam period (default day), chargebacks taken off; every period of the ' +
      'range is listed, those without payments with 0.',
    querystring: IntervalQuery('day'),
    meta: IntervalMeta,
    row: Type.Object({
      periodStart: IsoDateString,
      collectedCents: Cents,
      payments: Type.Integer({ minimum: 0 }),
    }),
    example: {
      from: '2026-02-02',
      to: '2026-02-15',
      interval: 'week',
      rows: [
        { periodStart: '2026-02-02', collectedCents: 100_000, payments: 1 },
        { periodStart: '2026-02-09', collectedCents: 0, payments: 0 },
      ],
    },
    run: async (tenantId, query) => {
      const covered = range(query, 'day');
      return { ...covered, rows: await cashReport(db, { tenantId, ...covered }) };
    },
  });

  registerReport(app, {
    path: '/reports/recovery',
    summary: 'Recovery rate and days to pay by step, channel, template, segment or send time',
    description:
      'Messages sent in the range, grouped by `by`: a message recovered its invoice when the invoice was paid ' +
      'in full after it and before the invoice’s next message (last touch). recoveryRate = recovered ÷ ' +
      'messages; meanDaysToPay: from that message to full payment. `variant` is template/language, ' +
      '`segment` the debtor type, `weekday` 1 (Monday) to 7 and `hour` 0–23 of the send time in Amsterdam.',
    querystring: Type.Object(
      {
        from: From,
        to: To,
        by: Type.Optional(
          Type.Union(
            RECOVERY_DIMENSIONS.map((dimension) => Type.Literal(dimension)),
            { description: 'what to group by; default step' },
          ),
        ),
        format: ReportFormat,
      },
      { additionalProperties: false },
    ),
    meta: { ...RangeMeta, by: Type.Union(RECOVERY_DIMENSIONS.map((dimension) => Type.Literal(dimension))) },
    row: Type.Object({
      key: Type.String({ description: 'the value of `by`' }),
      messages: Type.Integer({ minimum: 0 }),
      recovered: Type.Integer({ minimum: 0 }),
      recoveryRate: Rate,
      meanDaysToPay: Type.Union([Type.Number(), Type.Null()]),
    }),
    example: {
      from: '2026-01-01',
      to: '2026-03-31',
      by: 'step',
      rows: [
        { key: 'reminder-1', messages: 5, recovered: 1, recoveryRate: 0.2, meanDaysToPay: 9.08 },
        { key: 'reminder-2', messages: 2, recovered: 1, recoveryRate: 0.5, meanDaysToPay: 1.21 },
      ],
    },
    run: async (tenantId, query) => {
      const covered = range(query);
      const by = query.by ?? 'step';
      const groups = await recoveryBy(db, { tenantId, by, from: covered.from, to: covered.to });
      return {
        from: covered.from,
        to: covered.to,
        by,
        rows: groups.map((group) => ({ ...group, recoveryRate: ratio(group.recovered, group.messages) })),
      };
    },
  });

  registerReport(app, {
    path: '/reports/plans',
    summary: 'Payment plans kept and broken',
    description:
      'Plans agreed in the range by outcome (active, kept, broken) with their totals; keptRate = kept ÷ ' +
      '(kept + broken), the plans that have ended.',
    querystring: RangeQuery,
    meta: { ...RangeMeta, keptRate: Rate },
    row: Type.Object({
      status: Type.Union([Type.Literal('active'), Type.Literal('kept'), Type.Literal('broken')]),
      plans: Type.Integer({ minimum: 0 }),
      totalCents: Cents,
    }),
    example: {
      from: '2026-01-01',
      to: '2026-03-31',
      keptRate: 0.5,
      rows: [
        { status: 'active', plans: 1, totalCents: 60_000 },
        { status: 'broken', plans: 1, totalCents: 30_000 },
        { status: 'kept', plans: 1, totalCents: 30_000 },
      ],
    },
    run: async (tenantId, query) => {
      const covered = range(query);
      const rows = await planOutcomes(db, { tenantId, from: covered.from, to: covered.to });
      const count = (status: string) => rows.find((row) => row.status === status)?.plans ?? 0;
      return {
        from: covered.from,
        to: covered.to,
        keptRate: ratio(count('kept'), count('kept') + count('broken')),
        rows,
      };
    },
  });

  registerReport(app, {
    path: '/reports/bounces',
    summary: 'Bounce rate per channel',
    description:
      'Messages sent in the range per channel and how many bounced (for letters: came back by post); ' +
      'bounceRate = bounced ÷ messages.',
    querystring: RangeQuery,
    meta: RangeMeta,
    row: Type.Object({
      channel: Type.String(),
      messages: Type.Integer({ minimum: 0 }),
      bounced: Type.Integer({ minimum: 0 }),
      bounceRate: Rate,
    }),
    example: {
      from: '2026-01-01',
      to: '2026-03-31',
      rows: [{ channel: 'email', messages: 4, bounced: 1, bounceRate: 0.25 }],
    },
    run: async (tenantId, query) => {
      const covered = range(query);
      const rows = await bouncesByChannel(db, { tenantId, from: covered.from, to: covered.to });
      return {
        from: covered.from,
        to: covered.to,
        rows: rows.map((row) => ({ ...row, bounceRate: ratio(row.bounced, row.messages) })),
      };
    },
  });

  const Count = Type.Integer({ minimum: 0 });
  registerReport(app, {
    path: '/reports/funnel',
    summary: 'The message funnel per channel: sent, delivered, opened, clicked, paid',
    description:
      'Messages sent in the range per channel: delivered counts those reported delivered, opened or clicked; ' +
      'opened those opened or clicked; paid those after which the invoice was paid in full before its next ' +
      'message (last touch, as in the recovery report). Letters and SMS report no opens or clicks.',
    querystring: RangeQuery,
    meta: RangeMeta,
    row: Type.Object({
      channel: Type.String(),
      sent: Count,
      delivered: Count,
      opened: Count,
      clicked: Count,
      paid: Count,
    }),
    example: {
      from: '2026-01-01',
      to: '2026-03-31',
      rows: [{ channel: 'email', sent: 4, delivered: 1, opened: 1, clicked: 1, paid: 1 }],
    },
    run: async (tenantId, query) => {
      const covered = range(query);
      const rows = await messageFunnel(db, { tenantId, from: covered.from, to: covered.to });
      return { from: covered.from, to: covered.to, rows };
    },
  });
};

/** A range the schema cannot refuse, but no report can answer. */
const unreadable = (field: 'from' | 'interval', message: string) =>
  unprocessable('the range cannot be reported', [{ field: `querystring:/${field}`, message }]);
