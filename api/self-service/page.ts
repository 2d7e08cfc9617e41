// HTML of the debtor self-service pages. Every value is escaped; notices come from fixed codes
// (never text from the URL), so a crafted link cannot put words on the creditor's page.
import { escapeHtml as h, isSafeLink } from '../../activities/templates/safety.js';
import { directDebitLimits, openCollection } from '../../workflows/direct-debit-logic.js';
import type { Language } from '../../workflows/domain.js';
import type { DirectDebitState, Instalment } from '../../workflows/dunning-types.js';
import { DEFAULT_DIRECT_DEBIT } from '../../workflows/policy/ladder.js';
import { betalingskenmerkFor } from '../../workflows/policy/references.js';
import { type PageContext, pagePath } from './context.js';
import { layout, questionsLine } from './layout.js';
import type { DoneCode, ErrorCode } from './page-texts.js';
import {
  amountToPayNow,
  availableActions,
  COLLECTION_DAYS,
  defaultCollectionDay,
  instalmentPaid,
  planChoices,
  promiseWindow,
} from './plan.js';

export const FORMS = [
  'plan',
  'promise',
  'dispute',
  'callback',
  'contact',
  'direct-debit',
  'direct-debit-stop',
] as const;
export type FormName = (typeof FORMS)[number];

/** Where a form posts to, below the page's path. */
export function formPath(name: FormName): string {
  return name === 'direct-debit-stop' ? 'direct-debit/stop' : name;
}

export interface Notice {
  done?: DoneCode;
  error?: ErrorCode;
  /** The form the notice is about: it is shown opened. */
  form?: FormName;
}

const money = (ctx: PageContext, cents: number) => h(ctx.formats.money(cents));

/** `query` (e.g. `instalments=3&`) is kept when switching language. */
function shell(ctx: PageContext, title: string, path: string, query = '') {
  return {
    lang: ctx.lang,
    texts: ctx.texts,
    brand: ctx.brand,
    logoSrc: ctx.logoSrc,
    title,
    languageHref: (lang: Language) => `${path}?${query}lang=${lang}`,
  };
}

/** Hidden field that keeps the chosen language across form posts. */
const langField = (ctx: PageContext) => `<input type="hidden" name="lang" value="${ctx.lang}">`;

function instalmentDate(ctx: PageContext, instalment: Instalment): string {
  // A compressed (demo) policy has several instalments a day: show the clock too.
  return ctx.policy?.secondsPerDay
    ? ctx.formats.dateTime(instalment.dueAt)
    : ctx.formats.date(instalment.dueDate);
}

function instalmentTable(ctx: PageContext, instalments: Instalment[], withState: boolean): string {
  const t = ctx.texts.plan;
  const rows = instalments
    .map((i) => {
      const state = withState
        ? ` <span class="badge${instalmentPaid(ctx, i) ? ' paid' : ''}">${h(instalmentPaid(ctx, i) ? t.instalmentPaid : t.instalmentOpen)}</span>`
        : '';
      return `<tr><td>${i.number}</td><td>${h(instalmentDate(ctx, i))}${state}</td><td class="r">${money(ctx, i.amountCents)}</td></tr>`;
    })
    .join('');
  const total = instalments.reduce((sum, i) => sum + i.amountCents, 0);
  return `<table class="plan"><thead><tr><th>${h(t.number)}</th><th>${h(t.date)}</th><th class="r">${h(t.amount)}</th></tr></thead><tbody>${rows}<tr class="sum"><td colspan="2">${h(t.total)}</td><td class="r">${money(ctx, total)}</td></tr></tbody></table>`;
}

function noticeHtml(ctx: PageContext, notice: Notice): string {
  if (notice.error) return `<div class="notice err" role="alert">${h(ctx.texts.errors[notice.error])}</div>`;
  if (notice.done) return `<div class="notice ok" role="status">${h(ctx.texts.done[notice.done])}</div>`;
  return '';
}

function summary(ctx: PageContext): string {
  const t = ctx.texts;
  const a = ctx.amounts;
  const row = (label: string, cents: number, minus = false) =>
    `<tr><th>${h(label)}</th><td class="r">${minus ? '− ' : ''}${money(ctx, cents)}</td></tr>`;
  const lines = [
    ctx.row.description
      ? `<tr><th>${h(t.description)}</th><td class="text">${h(ctx.row.description)}</td></tr>`
      : '',
    `<tr><th>${h(t.dueDate)}</th><td class="r">${h(ctx.formats.date(ctx.row.dueDate))}</td></tr>`,
    row(t.principal, a.principalCents),
    a.costsCents ? row(t.costs, a.costsCents) : '',
    a.interestCents ? row(t.interest, a.interestCents) : '',
    a.paidCents ? row(t.paid, a.paidCents, true) : '',
    `<tr class="sum"><td>${h(t.amountDue)}</td><td class="r">${money(ctx, a.dueCents)}</td></tr>`,
  ].join('');
  return `<section class="card" id="summary"><h1>${h(t.title(ctx.row.invoiceId))} <span class="badge ${ctx.status}" data-status="${ctx.status}">${h(t.status[ctx.status])}</span></h1><p class="label">${h(t.amountDue)}</p><p class="due" data-amount-due>${money(ctx, a.dueCents)}</p><h2>${h(t.why)}</h2><table>${lines}</table></section>`;
}

function stateInfo(ctx: PageContext): string {
  const live = ctx.live;
  const t = ctx.texts;
  if (!live) return '';
  if (live.plan?.status === 'active')
    return `<section class="card" id="plan-active"><h2>${h(t.plan.activeHeading)}</h2>${instalmentTable(ctx, live.plan.instalments, true)}</section>`;
  if (live.dispute) return `<div class="notice ok">${h(t.disputed)}</div>`;
  if (live.promise)
    return `<div class="notice ok">${h(t.promised(ctx.formats.date(live.promise.date)))}</div>`;
  if (live.pause) return `<div class="notice ok">${h(t.paused)}</div>`;
  return '';
}

/** "Pay now" leads through /pay, which picks the link for what is due at the moment of the click. */
function payCard(ctx: PageContext): string {
  const t = ctx.texts.pay;
  const toPay = amountToPayNow(ctx);
  if (toPay.amountCents <= 0) return '';
  const what = toPay.instalment
    ? t.instalment(toPay.instalment.number, toPay.instalment.of, ctx.formats.money(toPay.amountCents))
    : t.amount(ctx.formats.money(toPay.amountCents));
  const button = `<p data-pay-amount>${h(what)}</p><a class="btn pay" href="${pagePath(ctx, 'pay')}?lang=${ctx.lang}" rel="noreferrer">${h(t.button)}</a>`;
  const iban = ctx.brand.iban
    ? `<p class="hint">${h(t.transfer)} <span class="mono">${h(ctx.brand.iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 '))}</span> (${h(ctx.brand.name)}) ${h(t.reference)} <span class="mono">${h(betalingskenmerkFor(ctx.row.workflowId).replace(/(\d{4})(?=\d)/g, '$1 '))}</span>.</p>`
    : '';
  return `<section class="card" id="pay"><h2>${h(t.heading)}</h2>${button}${iban}</section>`;
}

function planCard(ctx: PageContext): string {
  const t = ctx.texts.plan;
  const options = planChoices(ctx)
    .map((n) => `<option value="${n}">${n}</option>`)
    .join('');
  return `<section class="card" id="plan"><h2>${h(t.heading)}</h2><p>${h(t.intro)}</p><form method="get" action="${pagePath(ctx, 'plan')}">${langField(ctx)}<label for="instalments">${h(t.count)}</label><select id="instalments" name="instalments">${options}</select><button class="btn" type="submit">${h(t.show)}</button></form></section>`;
}

function foldout(id: FormName, heading: string, open: boolean, body: string): string {
  return `<details class="card" id="${id}"${open ? ' open' : ''}><summary>${h(heading)}</summary><div>${body}</div></details>`;
}

function form(ctx: PageContext, action: FormName, fields: string, button: string, attributes = ''): string {
  return `<form method="post" action="${pagePath(ctx, formPath(action))}"${attributes}>${langField(ctx)}${fields}<button class="btn" type="submit">${h(button)}</button></form>`;
}

function reasonField(name: string, label: string): string {
  return `<label for="${name}">${h(label)}</label><textarea id="${name}" name="reason" maxlength="500" required></textarea>`;
}

function mask(value: string | null | undefined, kind: 'email' | 'phone'): string | undefined {
  if (!value) return undefined;
  if (kind === 'phone') return `${value.slice(0, 3)}•••${value.slice(-2)}`;
  const [local = '', domain = ''] = value.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** The start form: a collection day (1–28), then on to the bank for the mandate. */
function directDebitForm(ctx: PageContext): string {
  const t = ctx.texts.directDebit;
  const preselected = defaultCollectionDay(ctx);
  const options = COLLECTION_DAYS.map(
    (d) => `<option value="${d}"${d === preselected ? ' selected' : ''}>${d}</option>`,
  ).join('');
  const fields = `<label for="collection-day">${h(t.dayLabel)}</label><select id="collection-day" name="collectionDay">${options}</select><p class="hint">${h(t.dayHint)}</p>`;
  return `${form(ctx, 'direct-debit', fields, t.button)}<p class="hint">${h(t.buttonHint)}</p>`;
}

function collectionLine(ctx: PageContext, directDebit: DirectDebitState): string {
  const next = openCollection(directDebit);
  if (!next) return '';
  // A compressed (demo) policy collects within the day: show the clock too.
  const date = ctx.policy?.secondsPerDay
    ? ctx.formats.dateTime(next.collectAt)
    : ctx.formats.date(next.collectDate);
  return `<p data-next-collection>${h(ctx.texts.directDebit.next(ctx.formats.money(next.amountCents), date))}</p>`;
}

/** The end reason recorded when the debtor stops on this page (their own words may follow). */
export const DEBTOR_STOP_REASON = 'stopped by debtor via self-service';

/** The ladder gave up after failed collections (or the PSP refused one). */
function endedByFailures(directDebit: DirectDebitState): boolean {
  const last = directDebit.collections.filter((c) => c.outcome !== 'skipped').at(-1);
  return last?.outcome === 'failed' || Boolean(directDebit.endReason?.startsWith('collection refused'));
}

/**
 * Automatic payment by SEPA direct debit: the offer (a fold-out like the other forms), the invitation
 * waiting for the bank, the active mandate with its next collection and a stop form, or a note that
 * collection stopped.
 */
function directDebitSection(ctx: PageContext, notice: Notice): string {
  const t = ctx.texts.directDebit;
  const can = availableActions(ctx);
  const directDebit = ctx.live?.directDebit ?? null;
  const limits = ctx.policy ? directDebitLimits(ctx.policy) : DEFAULT_DIRECT_DEBIT;
  const verification = ctx.formats.money(limits.verificationCents);
  const card = (status: string, body: string) =>
    `<section class="card" id="direct-debit" data-direct-debit="${status}"><h2>${h(t.heading)}</h2>${body}</section>`;
  if (directDebit?.status === 'active') {
    if (!can.stopDirectDebit) return '';
    const stop = form(
      ctx,
      'direct-debit-stop',
      `<label for="direct-debit-reason">${h(t.stopLabel)}</label><input id="direct-debit-reason" name="reason" maxlength="500">`,
      t.stopButton,
      ' id="direct-debit-stop"',
    );
    return card(
      'active',
      `<p>${h(t.active)}</p><p class="hint">${h(t.chosenDay(directDebit.collectionDay))}</p>${collectionLine(ctx, directDebit)}${stop}<p class="hint">${h(t.stopHint)}</p>`,
    );
  }
  if (directDebit?.status === 'invited' && !ctx.closed) {
    const link =
      directDebit.checkoutUrl && isSafeLink(directDebit.checkoutUrl)
        ? `<a class="btn pay" href="${h(directDebit.checkoutUrl)}" rel="noreferrer">${h(t.continue)}</a>`
        : '';
    const again = can.directDebit ? `<p class="hint">${h(t.again)}</p>${directDebitForm(ctx)}` : '';
    return card(
      'invited',
      `<p><strong>${h(t.waitingHeading)}</strong></p><p>${h(t.waiting(verification))}</p>${link}${again}`,
    );
  }
  if (!can.directDebit) return '';
  // The mandate terms the debtor accepts: the pre-notification period (fewer than SEPA's 14 days only
  // because these terms say so) and the creditor identifier every notice will name.
  const terms = t.terms(limits.leadDays, ctx.sepaCreditorId ?? '');
  const explanation = `<p>${h(t.how(ctx.status === 'in_plan'))}</p><p>${h(t.consent(verification))}</p><p data-mandate-terms>${h(terms)}</p><p>${h(t.safety)}</p>`;
  if (directDebit?.status === 'ended' && !directDebit.endReason?.startsWith(DEBTOR_STOP_REASON))
    return card(
      'ended',
      `<div class="notice err">${h(endedByFailures(directDebit) ? t.failed : t.stopped)}</div>${explanation}${directDebitForm(ctx)}`,
    );
  const open = notice.form === 'direct-debit' && Boolean(notice.error);
  return foldout('direct-debit', t.heading, open, `${explanation}${directDebitForm(ctx)}`);
}

function actionForms(ctx: PageContext, notice: Notice, now: Date): string {
  const t = ctx.texts;
  const can = availableActions(ctx);
  const open = (name: FormName) => notice.form === name && Boolean(notice.error);
  const parts: string[] = [];
  if (can.promise) {
    const { earliest, latest } = promiseWindow(ctx, now);
    parts.push(
      foldout(
        'promise',
        t.promise.heading,
        open('promise'),
        `<p>${h(t.promise.intro(ctx.formats.date(latest)))}</p>${form(ctx, 'promise', `<label for="promise-date">${h(t.promise.label)}</label><input id="promise-date" type="date" name="date" min="${earliest}" max="${latest}" required>`, t.promise.button)}`,
      ),
    );
  }
  if (can.dispute)
    parts.push(
      foldout(
        'dispute',
        t.dispute.heading,
        open('dispute'),
        `<p>${h(t.dispute.intro)}</p>${form(ctx, 'dispute', reasonField('dispute-reason', t.dispute.label), t.dispute.button)}`,
      ),
    );
  if (can.callback)
    parts.push(
      foldout(
        'callback',
        t.callback.heading,
        open('callback'),
        `<p>${h(t.callback.intro)}</p>${form(ctx, 'callback', reasonField('callback-reason', t.callback.label), t.callback.button)}`,
      ),
    );
  if (can.contact) {
    const c = t.contact;
    const onFile = [mask(ctx.debtor?.email, 'email'), mask(ctx.debtor?.phone, 'phone')]
      .filter(Boolean)
      .join(' · ');
    const fields = `<label for="email">${h(c.email)}</label><input id="email" type="email" name="email" autocomplete="email" maxlength="254"><label for="phone">${h(c.phone)}</label><input id="phone" type="tel" name="phone" autocomplete="tel" maxlength="32"><p class="hint">${h(c.phoneHint)}</p>`;
    parts.push(
      foldout(
        'contact',
        c.heading,
        open('contact'),
        `<p>${h(c.intro)}</p>${onFile ? `<p class="hint">${h(c.onFile)}: ${h(onFile)}</p>` : ''}${form(ctx, 'contact', fields, c.button)}`,
      ),
    );
  }
  return parts.join('');
}

/** The main page: amount due and why, the current arrangement, and every action possible now. */
export function renderInvoicePage(ctx: PageContext, notice: Notice, now: Date): string {
  const can = availableActions(ctx);
  const main = [
    noticeHtml(ctx, notice),
    summary(ctx),
    stateInfo(ctx),
    can.pay ? payCard(ctx) : '',
    can.plan ? planCard(ctx) : '',
    directDebitSection(ctx, notice),
    actionForms(ctx, notice, now),
  ].join('');
  return layout(shell(ctx, ctx.texts.title(ctx.row.invoiceId), pagePath(ctx)), main);
}

/** The plan before it is agreed: every instalment with its date and amount, then confirm. */
export function renderPlanPreview(ctx: PageContext, instalments: Instalment[]): string {
  const t = ctx.texts.plan;
  const count = instalments.length;
  const main = `<section class="card" id="plan-preview"><h1>${h(t.previewHeading(count))}</h1><p>${h(t.previewIntro)}</p>${instalmentTable(ctx, instalments, false)}<form method="post" action="${pagePath(ctx, 'plan')}">${langField(ctx)}<input type="hidden" name="instalments" value="${count}"><button class="btn" type="submit">${h(t.confirm)}</button></form><a class="btn ghost" href="${pagePath(ctx)}?lang=${ctx.lang}#plan">${h(t.back)}</a></section>`;
  return layout(shell(ctx, t.previewHeading(count), pagePath(ctx, 'plan'), `instalments=${count}&`), main);
}

/** A closed invoice: the token no longer steers anything; say so kindly. */
export function renderClosedPage(ctx: PageContext & { closed: NonNullable<PageContext['closed']> }): string {
  const t = ctx.texts;
  const c = t.closed[ctx.closed];
  const main = `<section class="card" id="closed" data-status="${ctx.closed}"><p class="label">${h(t.title(ctx.row.invoiceId))}</p><h1>${h(c.heading)}</h1><p>${h(c.body)}</p></section>${questionsLine(ctx.brand, t)}`;
  return layout(shell(ctx, c.heading, pagePath(ctx)), main);
}

/** A form sent from another site: nothing happened. */
export function renderForbidden(ctx: PageContext): string {
  const t = ctx.texts;
  const main = `<section class="card"><h1>${h(t.forbidden.heading)}</h1><p>${h(t.forbidden.body)}</p><a class="btn" href="${pagePath(ctx)}">${h(t.back)}</a></section>`;
  return layout(shell(ctx, t.forbidden.heading, pagePath(ctx)), main);
}
