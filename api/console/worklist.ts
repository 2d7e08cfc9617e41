// /console: the worklist of a tenant's open invoices from the read model, with filters, search,
// ready-made views of what is stuck, sorting and paging. Filters are a GET form, so every view is a
// link that can be bookmarked; values that do not parse are ignored rather than refused.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import {
  listWorklist,
  openStages,
  type WorklistFilter,
  type WorklistRow,
} from '../../db/queries/invoices.js';
import { CHANNELS, INVOICE_STATUSES, STEP_ID_PATTERN, STEP_IDS } from '../../workflows/domain.js';
import { today } from '../../workflows/dunning-logic.js';
import { formatAmount } from '../../workflows/policy/money.js';
import { inputField, selectField } from './forms.js';
import { consolePage, PAGE_HEADERS } from './layout.js';
import { maskEmail, maskName, seesContactData } from './masking.js';
import { SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';
import { WORKLIST_VIEWS, type WorklistView } from './texts.js';

export const PAGE_SIZE = 25;
/** A dispute open longer than this is "open for long" (ready-made view). */
export const LONG_DISPUTE_DAYS = 14;
const SORTS = ['overdue', 'amount', 'invoice', 'due'] as const;
const MAX_PAGE = 10_000;

const QUERY_FIELDS = [
  'q',
  'status',
  'stage',
  'channel',
  'bounced',
  'disputed',
  'min',
  'max',
  'overdueMin',
  'overdueMax',
  'view',
  'sort',
  'page',
] as const;
type WorklistQuery = Partial<Record<(typeof QUERY_FIELDS)[number], string>>;

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;
const yesNo = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : undefined);
function whole(value: string | undefined, max = 1_000_000): number | undefined {
  if (!value || !/^\d{1,7}$/.test(value.trim())) return undefined;
  return Math.min(Number(value), max);
}
function euroCents(value: string | undefined): number | undefined {
  const match = value ? /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(value.trim()) : null;
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : undefined;
}

export function parseWorklistQuery(
  query: WorklistQuery,
  context: Pick<ConsoleRequestContext, 'user'>,
  now: Date,
): WorklistFilter {
  const page = Math.max(1, whole(query.page, MAX_PAGE) ?? 1);
  const search = query.q?.trim().slice(0, 100);
  const filter: WorklistFilter = {
    tenantId: context.user.tenantId,
    today: today(now),
    sort: oneOf(SORTS, query.sort) ?? 'overdue',
    offset: (page - 1) * PAGE_SIZE,
    // One more than shown: whether there is a next page.
    limit: PAGE_SIZE + 1,
    searchNames: seesContactData(context.user.role),
    disputeOpenBefore: new Date(now.getTime() - LONG_DISPUTE_DAYS * 86_400_000),
  };
  const status = oneOf(INVOICE_STATUSES, query.status);
  // Any step id a ladder may name: a tenant's own ladder has stages of its own.
  const stage = query.stage && new RegExp(STEP_ID_PATTERN).test(query.stage) ? query.stage : undefined;
  const channel = oneOf(CHANNELS, query.channel);
  const bounced = yesNo(query.bounced);
  const disputed = yesNo(query.disputed);
  const view = oneOf(WORKLIST_VIEWS, query.view);
  const entries = {
    status,
    stage,
    channel,
    bounced,
    disputed,
    view,
    search: search || undefined,
    minDueCents: euroCents(query.min),
    maxDueCents: euroCents(query.max),
    minDaysOverdue: whole(query.overdueMin),
    maxDaysOverdue: whole(query.overdueMax),
  };
  for (const [key, value] of Object.entries(entries))
    if (value !== undefined) Object.assign(filter, { [key]: value });
  return filter;
}

function debtorCell(row: WorklistRow, context: ConsoleRequestContext): string {
  const t = context.texts.worklist;
  const id = `<a href="/console/debtors/${encodeURIComponent(row.debtorId)}">${h(row.debtorId)}</a>`;
  if (!row.debtorName) return id;
  if (!seesContactData(context.user.role))
    return `${id}<br><span class="masked" title="${h(t.masked)}">${h(maskName(row.debtorName))}${row.debtorEmail ? ` · ${h(maskEmail(row.debtorEmail))}` : ''}</span><span class="visually-hidden"> (${h(t.masked)})</span>`;
  return `${id}<br>${h(row.debtorName)}${row.debtorEmail ? `<br><small>${h(row.debtorEmail)}</small>` : ''}`;
}

function linkWith(query: WorklistQuery, changes: WorklistQuery): string {
  const params = new URLSearchParams();
  for (const field of QUERY_FIELDS) {
    const value = field in changes ? changes[field] : query[field];
    if (value) params.set(field, value);
  }
  const text = params.toString();
  return text ? `/console?${text}` : '/console';
}

/** The built-in steps in ladder order, then the tenant's own stages and the one filtered on. */
function stageOptions(stages: readonly string[], current: string | undefined): string[] {
  const own = [...stages, ...(current ? [current] : [])].filter(
    (s) => !(STEP_IDS as readonly string[]).includes(s),
  );
  return [...STEP_IDS, ...[...new Set(own)].sort()];
}

export function worklistPage(
  context: ConsoleRequestContext,
  query: WorklistQuery,
  filter: WorklistFilter,
  rows: WorklistRow[],
  /** The stages of the tenant's open invoices: the stage filter offers these beside the built-in steps. */
  stages: readonly string[],
): string {
  const { texts } = context;
  const t = texts.worklist;
  const page = filter.offset / PAGE_SIZE + 1;
  const shown = rows.slice(0, PAGE_SIZE);
  const activeView: WorklistView | 'all' = filter.view ?? 'all';
  const views = (['all', ...WORKLIST_VIEWS] as const)
    .map(
      (view) =>
        `<li><a href="${h(view === 'all' ? '/console' : `/console?view=${view}`)}"${view === activeView ? ' aria-current="page"' : ''}>${h(t.viewNames[view])}</a></li>`,
    )
    .join('');
  const any: [string, string] = ['', t.any];
  const form = `<details${Object.keys(query).some((k) => k !== 'page' && k !== 'view' && query[k as keyof WorklistQuery]) ? ' open' : ''}><summary>${h(t.filters)}</summary><form method="get" action="/console" role="search" class="filters">
${filter.view ? `<input type="hidden" name="view" value="${h(filter.view)}">` : ''}
<div class="wide">${inputField('q', t.search, query.q, 'search', ` maxlength="100" aria-describedby="q-hint"`)}<small id="q-hint">${h(t.searchHint)}</small></div>
${selectField('status', t.status, [any, ...INVOICE_STATUSES.map((s): [string, string] => [s, texts.statuses[s]])], filter.status)}
${selectField('stage', t.stage, [any, ...stageOptions(stages, filter.stage).map((s): [string, string] => [s, s])], filter.stage)}
${selectField('channel', t.channel, [any, ...CHANNELS.map((c): [string, string] => [c, c])], filter.channel)}
${selectField('bounced', t.bounced, [any, ['yes', t.yes], ['no', t.no]], query.bounced)}
${selectField('disputed', t.disputed, [any, ['yes', t.yes], ['no', t.no]], query.disputed)}
${inputField('min', t.amountMin, query.min, 'text', ' inputmode="decimal" maxlength="12"')}
${inputField('max', t.amountMax, query.max, 'text', ' inputmode="decimal" maxlength="12"')}
${inputField('overdueMin', t.overdueMin, query.overdueMin, 'number', ' min="0" max="100000"')}
${inputField('overdueMax', t.overdueMax, query.overdueMax, 'number', ' min="0" max="100000"')}
${selectField(
  'sort',
  t.sort,
  SORTS.map((s): [string, string] => [s, t.sorts[s]]),
  filter.sort,
)}
<div class="wide actions"><button type="submit">${h(t.apply)}</button><a href="/console">${h(t.reset)}</a></div>
</form></details>`;
  const body = shown
    .map((row) => {
      const flags = [row.bounced ? t.flagBounced : '', row.disputed ? t.flagDisputed : '']
        .filter(Boolean)
        .map((flag) => `<span class="flag">${h(flag)}</span>`)
        .join('');
      const status = (texts.statuses as Record<string, string>)[row.status] ?? row.status;
      return `<tr><th scope="row"><a href="/console/invoices/${encodeURIComponent(row.invoiceId)}">${h(row.invoiceId)}</a></th><td>${debtorCell(row, context)}</td><td>${h(status)}</td><td>${h(row.stage)}</td><td class="num">${h(`${row.currency} ${formatAmount(row.amountDueCents)}`)}</td><td class="num">${Math.max(row.daysOverdue, 0)}</td><td>${h(row.lastChannel ?? '—')}</td><td>${flags}</td></tr>`;
    })
    .join('');
  const c = t.columns;
  const table = shown.length
    ? `<div class="table-wrap" role="region" aria-labelledby="results" tabindex="0"><table class="striped"><caption id="results">${h(t.count(shown.length, page))}</caption><thead><tr><th scope="col">${h(c.invoice)}</th><th scope="col">${h(c.debtor)}</th><th scope="col">${h(c.status)}</th><th scope="col">${h(c.stage)}</th><th scope="col" class="num">${h(c.due)}</th><th scope="col" class="num">${h(c.overdue)}</th><th scope="col">${h(c.channel)}</th><th scope="col">${h(c.flags)}</th></tr></thead><tbody>${body}</tbody></table></div>`
    : `<p id="results">${h(t.none)}</p>`;
  const previous =
    page > 1
      ? `<a href="${h(linkWith(query, { page: String(page - 1) }))}" rel="prev">${h(t.previous)}</a>`
      : '<span></span>';
  const next =
    rows.length > PAGE_SIZE
      ? `<a href="${h(linkWith(query, { page: String(page + 1) }))}" rel="next">${h(t.next)}</a>`
      : '';
  return consolePage(
    context,
    t.title,
    `<h1>${h(t.title)}</h1><nav class="views-nav" aria-label="${h(t.views)}"><ul class="views">${views}</ul></nav>${form}${table}<nav class="pager" aria-label="${h(t.title)}">${previous}${next}</nav>`,
  );
}

export const worklistRoutes: FastifyPluginAsync<{
  auth: ConsoleAuth;
  db: import('../../db/client.js').Database;
  now: () => Date;
}> = async (app, { auth, db, now }) => {
  app.get(
    '/console',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console worklist',
        querystring: {
          type: 'object',
          properties: Object.fromEntries(
            QUERY_FIELDS.map((field) => [field, { type: 'string', maxLength: 100 }]),
          ),
        },
        response: {
          200: { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
          303: SIGN_IN_REDIRECT,
        },
      },
    },
    async (request: FastifyRequest<{ Querystring: WorklistQuery }>, reply) => {
      const context = consoleContext(request);
      const filter = parseWorklistQuery(request.query, context, now());
      const [rows, stages] = await Promise.all([
        listWorklist(db, filter),
        openStages(db, context.user.tenantId),
      ]);
      return reply
        .type('text/html; charset=utf-8')
        .headers(PAGE_HEADERS)
        .send(worklistPage(context, request.query, filter, rows, stages));
    },
  );
};
