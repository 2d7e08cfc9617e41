// /console/dashboards: the tenant's figures over the last 3, 6 or 12 months — DSO trend, cash
// collected, recovery by channel and by step, the message funnel and today's aging — from the same
// report code as /v1/reports (definitions in README "Reports"), drawn by Chart.js in the browser.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { messageFunnel, receivablesOn, recoveryBy } from '../../db/queries/reports.js';
import type { IsoDate } from '../../workflows/domain.js';
import { toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { isoDateFromParts } from '../../workflows/policy/dates.js';
import { formatAmount } from '../../workflows/policy/money.js';
import { cashReport } from '../reports/cash.js';
import { dsoReport } from '../reports/receivables.js';
import { chartFigure } from './charts.js';
import { consolePage, PAGE_HEADERS } from './layout.js';
import { SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';

export const DASHBOARD_MONTHS = [3, 6, 12] as const;
type Months = (typeof DASHBOARD_MONTHS)[number];

/** The first day of the month `months - 1` months before the one holding `today`. */
export function rangeStart(today: IsoDate, months: Months): IsoDate {
  return isoDateFromParts(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - (months - 1), 1);
}

const euros = (cents: number) => `€ ${formatAmount(cents)}`;
const toEuros = (cents: number) => Math.round(cents) / 100;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

async function figures(db: Database, tenantId: string, from: IsoDate, to: IsoDate, months: Months) {
  const per = months <= 6 ? 'week' : 'month';
  const [dso, cash, byChannel, byStep, funnel, [aging]] = await Promise.all([
    dsoReport(db, { tenantId, from, to, interval: 'month' }),
    cashReport(db, { tenantId, from, to, interval: per }),
    recoveryBy(db, { tenantId, by: 'channel', from, to }),
    recoveryBy(db, { tenantId, by: 'step', from, to }),
    messageFunnel(db, { tenantId, from, to }),
    receivablesOn(db, tenantId, [to]),
  ]);
  return { per, dso, cash, byChannel, byStep, funnel, aging: aging! } as const;
}

function dashboardPage(
  context: ConsoleRequestContext,
  months: Months,
  data: Awaited<ReturnType<typeof figures>>,
): string {
  const t = context.texts.dashboards;
  const { per, dso, cash, byChannel, byStep, funnel, aging } = data;
  const latestDso = (dso.at(-1)?.dsoDays ?? 0).toFixed(1);
  const collected = cash.reduce((sum, row) => sum + row.collectedCents, 0);
  const sent = funnel.reduce((sum, row) => sum + row.sent, 0);
  const paid = funnel.reduce((sum, row) => sum + row.paid, 0);

  const picker = `<form method="get" action="/console/dashboards" class="actions"><label for="months">${h(t.period)}</label><select id="months" name="months">${DASHBOARD_MONTHS.map((n) => `<option value="${n}"${n === months ? ' selected' : ''}>${h(t.months(n))}</option>`).join('')}</select><button type="submit">${h(t.show)}</button></form>`;
  const headline = [
    [t.headline.receivables, euros(aging.totalCents)],
    [t.headline.dso, t.days(latestDso)],
    [t.headline.collected, euros(collected)],
    [t.headline.recovery, `${percent(paid, sent)}%`],
  ]
    .map(
      ([label, value]) =>
        `<article class="figure"><p>${h(label!)}</p><p class="big">${h(value!)}</p></article>`,
    )
    .join('');

  const recoveryFigure = (id: string, title: string, groups: typeof byChannel) => {
    if (!groups.length)
      return `<section aria-labelledby="${id}-title"><h2 id="${id}-title">${h(title)}</h2><p>${h(t.recovery.none)}</p></section>`;
    const rates = groups.map((g) => percent(g.recovered, g.messages));
    const top = Math.max(...rates);
    return chartFigure({
      id,
      title,
      summary:
        top > 0 ? t.recovery.summary(groups[rates.indexOf(top)]!.key, `${top}%`) : t.recovery.noneRecovered,
      spec: {
        type: 'bar',
        unit: 'percent',
        labels: groups.map((g) => g.key),
        datasets: [{ label: t.recovery.rate, data: rates }],
      },
      columns: ['', t.recovery.messages, t.recovery.rate],
      rows: groups.map((g, i) => [g.key, String(g.messages), String(rates[i])]),
      dataLabel: t.numbers,
    });
  };

  const stages = ['sent', 'delivered', 'opened', 'clicked', 'paid'] as const;
  const buckets = [
    ['current', aging.currentCents],
    ['1-30', aging.days1To30Cents],
    ['31-60', aging.days31To60Cents],
    ['61-90', aging.days61To90Cents],
    ['over-90', aging.over90Cents],
  ] as const;

  const sections = [
    chartFigure({
      id: 'dso',
      title: t.dso.title,
      summary: t.dso.summary(latestDso),
      spec: {
        type: 'line',
        unit: 'number',
        labels: dso.map((row) => row.periodStart.slice(0, 7)),
        datasets: [{ label: t.dso.column, data: dso.map((row) => row.dsoDays) }],
      },
      columns: ['', t.dso.column],
      rows: dso.map((row) => [row.periodStart.slice(0, 7), row.dsoDays.toFixed(1)]),
      dataLabel: t.numbers,
    }),
    chartFigure({
      id: 'cash',
      title: t.cash.title,
      summary: t.cash.summary(euros(collected), per),
      spec: {
        type: 'bar',
        unit: 'number',
        labels: cash.map((row) => row.periodStart),
        datasets: [{ label: t.cash.column, data: cash.map((row) => toEuros(row.collectedCents)) }],
      },
      columns: ['', t.cash.column],
      rows: cash.map((row) => [row.periodStart, formatAmount(row.collectedCents)]),
      dataLabel: t.numbers,
    }),
    recoveryFigure('by-channel', t.recovery.byChannel, byChannel),
    recoveryFigure('by-step', t.recovery.byStep, byStep),
    chartFigure({
      id: 'funnel',
      title: t.funnel.title,
      summary: t.funnel.summary(sent, paid),
      spec: {
        type: 'bar',
        unit: 'number',
        labels: stages.map((stage) => t.funnel.stages[stage]),
        datasets: funnel.map((row) => ({ label: row.channel, data: stages.map((stage) => row[stage]) })),
      },
      columns: ['', ...stages.map((stage) => t.funnel.stages[stage])],
      rows: funnel.map((row) => [row.channel, ...stages.map((stage) => String(row[stage]))]),
      dataLabel: t.numbers,
    }),
    chartFigure({
      id: 'aging',
      title: t.aging.title,
      summary: t.aging.summary(euros(aging.totalCents), euros(aging.totalCents - aging.currentCents)),
      spec: {
        type: 'bar',
        unit: 'number',
        labels: buckets.map(([bucket]) => t.aging.buckets[bucket]),
        datasets: [{ label: t.aging.column, data: buckets.map(([, cents]) => toEuros(cents)) }],
      },
      columns: ['', t.aging.column],
      rows: buckets.map(([bucket, cents]) => [t.aging.buckets[bucket], formatAmount(cents)]),
      dataLabel: t.numbers,
    }),
  ];
  return consolePage(
    context,
    t.title,
    `<h1>${h(t.title)}</h1>${picker}<div class="figures">${headline}</div><div class="charts">${sections.join('')}</div>`,
    'dashboards',
    ['/console/assets/chart.umd.min.js', '/console/assets/dashboards.js'],
  );
}

export const dashboardRoutes: FastifyPluginAsync<{
  auth: ConsoleAuth;
  db: Database;
  now: () => Date;
}> = async (app, { auth, db, now }) => {
  app.get(
    '/console/dashboards',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console dashboards',
        querystring: {
          type: 'object',
          properties: { months: { type: 'string', maxLength: 3 } },
        },
        response: {
          200: { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
          303: SIGN_IN_REDIRECT,
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: { months?: string } }>, reply) => {
      const context = consoleContext(request);
      // A value that is not offered is ignored (as the worklist's filters are), not refused.
      const months = DASHBOARD_MONTHS.find((n) => String(n) === request.query.months) ?? 12;
      const to = toAmsterdamParts(now()).date;
      const data = await figures(db, context.user.tenantId, rangeStart(to, months), to, months);
      return reply
        .type('text/html; charset=utf-8')
        .headers(PAGE_HEADERS)
        .send(dashboardPage(context, months, data));
    },
  );
};
