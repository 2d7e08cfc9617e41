// Who is simulated: invoices with their debtor as the workflow sees them (DebtorSnapshot, amount,
// dates), no personal data. Synthetic from a seed, or fitted from a tenant's own history: its invoices'
// amounts and terms, and a response model estimated from when its debtors paid after which message.
import type { HistoryInvoice, HistoryMessage } from '../db/queries/simulation-history.js';
import type { Channel, Reachability, Segment, StepId } from '../workflows/domain.js';
import { addDays, toAmsterdamParts } from '../workflows/policy/calendar.js';
import { KIND_OF_BUILT_IN_STEP, type StepKind } from '../workflows/policy/ladder.js';
import { debtorRandom, type Random } from './prng.js';
import type { ResponseModel } from './response-model.js';

export interface SimInvoice {
  /** Position in the population: the debtor's draws are seeded by it. */
  index: number;
  invoiceId: string;
  segment: Segment;
  principalCents: number;
  /** Days from the simulation's start. */
  issueInDays: number;
  dueInDays: number;
  reachability: Reachability;
  preferredChannel?: Channel;
}

export interface Population {
  invoices: SimInvoice[];
  /** The model fitted from history, when the population came from it. */
  fittedModel?: ResponseModel;
}

export interface SyntheticOptions {
  n: number;
  seed: number;
  /** Share of business debtors (default 0). */
  businessShare?: number;
}

/** A log-uniform amount between €25 and €1,500, in whole cents. */
function amount(random: Random): number {
  return Math.round(Math.exp(Math.log(2_500) + random() * (Math.log(150_000) - Math.log(2_500))));
}

export function syntheticPopulation({ n, seed, businessShare = 0 }: SyntheticOptions): Population {
  const invoices: SimInvoice[] = [];
  for (let index = 0; index < n; index++) {
    const random = debtorRandom(seed, index, 'population');
    const segment: Segment = random() < businessShare ? 'business' : 'consumer';
    const principalCents = amount(random);
    const dueInDays = Math.floor(random() * 31);
    const email = random() < 0.9;
    const sms = random() < 0.6;
    const whatsapp = sms && random() < 0.4;
    const preferSms = sms && random() < 0.15;
    const reachability: Reachability = { email, sms, whatsapp, letter: true, app: false };
    const preferredChannel: Channel | undefined = preferSms ? 'sms' : email ? 'email' : undefined;
    invoices.push({
      index,
      invoiceId: `SIM-${seed}-${index}`,
      segment,
      principalCents,
      issueInDays: dueInDays - 14,
      dueInDays,
      reachability,
      ...(preferredChannel ? { preferredChannel } : {}),
    });
  }
  return { invoices };
}

const DAY_MS = 86_400_000;
/** How long after a message a payment counts as its response when fitting. */
export const FIT_WINDOW_DAYS = 14;

/**
 * A ladder message's kind, by its template: each ladder template is written for the built-in step of
 * its name, whatever a tenant's ladder calls the step. Instalment and contact messages have none.
 */
function kindOfMessage(message: HistoryMessage): StepKind | null {
  const { template } = message;
  return template !== 'handover' && Object.hasOwn(KIND_OF_BUILT_IN_STEP, template)
    ? KIND_OF_BUILT_IN_STEP[template as StepId]
    : null;
}

/**
 * Fits the daily hazards from history: for each (step kind, channel), paid-in-full invoices within
 * FIT_WINDOW_DAYS of that message (before the next one) over the days at risk then; the base rate
 * from the days at risk outside any message's window (an unpaid invoice is at risk until `asOf`).
 */
export function fitResponseModel(
  invoices: HistoryInvoice[],
  messages: HistoryMessage[],
  asOf: Date = new Date(),
): ResponseModel {
  const byInvoice = new Map<string, HistoryMessage[]>();
  for (const m of messages) byInvoice.set(m.invoiceId, [...(byInvoice.get(m.invoiceId) ?? []), m]);
  const exposure = new Map<string, { days: number; paid: number }>();
  const base = { days: 0, paid: 0 };
  const now = asOf.getTime();
  for (const invoice of invoices) {
    const start = Date.parse(`${invoice.issueDate}T00:00:00Z`);
    const end = invoice.paidAt ? Date.parse(invoice.paidAt) : now;
    const sent = (byInvoice.get(invoice.invoiceId) ?? [])
      .filter((m) => kindOfMessage(m) !== null && Date.parse(m.sentAt) < end)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    let cursor = start;
    let paidCounted = false;
    sent.forEach((m, i) => {
      const from = Date.parse(m.sentAt);
      base.days += Math.max(0, from - cursor) / DAY_MS;
      const next = sent[i + 1] ? Date.parse(sent[i + 1]!.sentAt) : Number.POSITIVE_INFINITY;
      const until = Math.min(next, end, from + FIT_WINDOW_DAYS * DAY_MS);
      const key = `${kindOfMessage(m)}|${m.channel}`;
      const entry = exposure.get(key) ?? { days: 0, paid: 0 };
      entry.days += Math.max(0, until - from) / DAY_MS;
      if (invoice.paidAt && end <= until && end >= from) {
        entry.paid++;
        paidCounted = true;
      }
      exposure.set(key, entry);
      cursor = until;
    });
    base.days += Math.max(0, end - cursor) / DAY_MS;
    if (invoice.paidAt && !paidCounted) base.paid++;
  }
  const baseDailyHazard = base.days > 0 ? base.paid / base.days : 0;
  const lift: ResponseModel['lift'] = {};
  for (const [key, { days, paid }] of exposure) {
    const [kind, channel] = key.split('|') as [StepKind, Channel];
    if (days <= 0) continue;
    lift[kind] = { ...lift[kind], [channel]: Math.max(0, paid / days - baseDailyHazard) };
  }
  return { baseDailyHazard, lift };
}

/** A population shaped like a tenant's invoices (amounts, terms, channels used), with its fitted model. */
export function historyPopulation(
  invoices: HistoryInvoice[],
  messages: HistoryMessage[],
  options: { n?: number; seed: number; asOf?: Date },
): Population {
  const fittedModel = fitResponseModel(invoices, messages, options.asOf);
  const n = options.n ?? invoices.length;
  const channelsOf = new Map<string, Set<Channel>>();
  for (const m of messages)
    channelsOf.set(m.invoiceId, (channelsOf.get(m.invoiceId) ?? new Set()).add(m.channel));
  const population: SimInvoice[] = [];
  if (invoices.length === 0) return { invoices: population, fittedModel };
  for (let index = 0; index < n; index++) {
    const random = debtorRandom(options.seed, index, 'population');
    const source = invoices[Math.floor(random() * invoices.length)]!;
    const used = channelsOf.get(source.invoiceId) ?? new Set<Channel>(['email']);
    const term = Math.max(0, daysBetweenDates(source.issueDate, source.dueDate));
    const dueInDays = Math.floor(random() * 31);
    population.push({
      index,
      invoiceId: `SIM-H-${options.seed}-${index}`,
      segment: source.debtorType === 'business' ? 'business' : 'consumer',
      principalCents: source.amountCents,
      issueInDays: dueInDays - term,
      dueInDays,
      reachability: {
        email: used.has('email'),
        sms: used.has('sms'),
        whatsapp: used.has('whatsapp'),
        letter: true,
        app: used.has('app'),
      },
      ...(used.has('email') ? { preferredChannel: 'email' as const } : {}),
    });
  }
  return { invoices: population, fittedModel };
}

function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Amsterdam date `days` after `start`. */
export function dateAfter(start: Date, days: number): string {
  return addDays(toAmsterdamParts(start).date, days);
}
