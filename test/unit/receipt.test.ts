// The 14-day letter's receipt and cost clock: posting from the print batch schedule, delivery by the
// dated PostNL standard (vectors from the cited sources), email from its delivery report, lost letters.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import type { Channel, DeliveryStatus, Reachability } from '../../workflows/domain.js';
import { initialState } from '../../workflows/dunning-logic.js';
import type { DunningInput, MessageRecord } from '../../workflows/dunning-types.js';
import { fromAmsterdamLocal } from '../../workflows/policy/calendar.js';
import { NL_BUSINESS, NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { LETTER_DELIVERY_RULES, letterDeliveryRule } from '../../workflows/policy/legal/postal-delivery.js';
import {
  costDeadlineOf,
  DEFAULT_POSTING,
  extendedByAtw,
  letterReceiptDate,
  postingDate,
  receiptDateOf,
  reviewCostClock,
  workflowActsOnReport,
} from '../../workflows/policy/receipt.js';

const amsterdam = (date: string, time: string) =>
  fromAmsterdamLocal(date, Number(time.slice(0, 2)), Number(time.slice(3, 5)));

describe('postal delivery data', () => {
  it('every entry is dated and sourced, in order', () => {
    for (const rule of LETTER_DELIVERY_RULES) {
      expect(rule.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(rule.source).toMatch(/https:\/\/www\.rijksoverheid\.nl\//);
      expect(rule.deliveryWeekdays).toEqual([2, 3, 4, 5, 6]); // Tuesday to Saturday
    }
    expect(LETTER_DELIVERY_RULES.map((r) => r.from)).toEqual(
      [...LETTER_DELIVERY_RULES.map((r) => r.from)].sort(),
    );
  });

  it.each([
    ['2026-06-30', 1],
    ['2026-07-01', 2], // Postbesluit change: within 2 days from 1 July 2026
    ['2027-06-30', 2],
    ['2027-07-01', 3], // and within 3 days from 1 July 2027
  ])('a letter posted on %s: within %i delivery day(s)', (postedOn, days) => {
    expect(letterDeliveryRule(postedOn).deliveryDays).toBe(days);
  });
});

describe('posting day (print batch cut-off and posting days)', () => {
  it.each([
    ['Thursday before Christmas, before the cut-off', '2026-12-24', '11:59', '2026-12-24'],
    [
      'Thursday before Christmas, at the cut-off: Christmas, Boxing Day, Sunday pass',
      '2026-12-24',
      '12:00',
      '2026-12-28',
    ],
    ['Friday morning', '2026-12-18', '09:30', '2026-12-18'],
    ['Friday afternoon: the next posting day is Monday', '2026-12-18', '15:00', '2026-12-21'],
    ['Saturday', '2026-12-19', '09:00', '2026-12-21'],
    ['Sunday night after the clock change', '2026-10-25', '23:30', '2026-10-26'],
    ['just after midnight, UTC still the day before', '2026-12-01', '00:30', '2026-12-01'],
  ])('%s', (_name, date, time, posted) => {
    expect(postingDate(amsterdam(date, time), DEFAULT_POSTING)).toBe(posted);
  });

  it('a print house that also posts on Saturdays and later in the day', () => {
    const schedule = { cutoffMinute: 17 * 60, weekdays: [1, 2, 3, 4, 5, 6] };
    expect(postingDate(amsterdam('2026-12-19', '16:59'), schedule)).toBe('2026-12-19');
    expect(postingDate(amsterdam('2026-12-19', '17:00'), schedule)).toBe('2026-12-21');
  });
});

describe('latest plausible receipt of a posted letter', () => {
  it.each([
    // Rijksoverheid 2025-06-30: until July 2026 a letter is delivered within 24 hours.
    ['Monday, 24-hour standard', '2026-06-22', '2026-06-23'],
    ['Friday, 24-hour standard: Saturday', '2026-06-26', '2026-06-27'],
    // Rijksoverheid 2025-10-03: "Doe je maandag een brief op de bus, dan ligt die dinsdag of woensdag op de mat."
    ['Monday, 2-day standard: Wednesday', '2026-07-06', '2026-07-08'],
    [
      'Friday, 2-day standard: Saturday, then Tuesday (no Sunday/Monday delivery)',
      '2026-12-18',
      '2026-12-22',
    ],
    [
      'Thursday before Christmas: no delivery on 25/26 December, Sunday or Monday',
      '2026-12-24',
      '2026-12-30',
    ],
    ['Saturday (a print house posting on Saturdays): Tuesday, Wednesday', '2026-12-05', '2026-12-09'],
    ['Friday before Whit Monday', '2027-05-14', '2027-05-18'],
    ['Friday before Easter Monday (Good Friday is a postal delivery day)', '2027-03-26', '2027-03-30'],
    // "Vanaf 1 juli 2027 … een brief van maandag kan op dinsdag, woensdag of donderdag worden bezorgd."
    ['Monday, 3-day standard: Thursday', '2027-07-05', '2027-07-08'],
    ['Friday, 3-day standard: Saturday, Tuesday, Wednesday', '2027-07-09', '2027-07-14'],
  ])('%s', (_name, postedOn, receipt) => {
    expect(letterReceiptDate(postedOn)).toBe(receipt);
  });
});

function message(
  channel: Channel,
  sentAt: string,
  reports: [DeliveryStatus, string][] = [],
  postedOn?: string,
) {
  const history = [
    { status: 'sent' as DeliveryStatus, at: sentAt },
    ...reports.map(([status, at]) => ({ status, at })),
  ];
  return {
    messageId: `m-${channel}-${sentAt}`,
    stepKey: 'formal-notice',
    channel,
    template: 'formal-notice',
    status: history.at(-1)!.status,
    history,
    ...(postedOn ? { postedOn } : {}),
  } satisfies MessageRecord;
}

describe('receipt of one message', () => {
  it('email: the day (Amsterdam) of its delivery report, none before it, none after a bounce', () => {
    expect(receiptDateOf(message('email', '2026-12-24T09:00:00Z'))).toBeNull();
    expect(
      receiptDateOf(message('email', '2026-12-24T09:00:00Z', [['delivered', '2026-12-24T22:59:00Z']])),
    ).toBe('2026-12-24');
    expect(
      receiptDateOf(message('email', '2026-12-24T09:00:00Z', [['delivered', '2026-12-24T23:00:00Z']])),
    ).toBe('2026-12-25');
    expect(
      receiptDateOf(message('email', '2026-12-24T09:00:00Z', [['bounced', '2026-12-24T09:01:00Z']])),
    ).toBeNull();
  });

  it('letter: the postal model from its posting day; a reported delivery; nothing once returned', () => {
    expect(receiptDateOf(message('letter', '2026-12-24T10:00:00Z', [], '2026-12-24'))).toBe('2026-12-30');
    expect(
      receiptDateOf(
        message('letter', '2026-12-24T10:00:00Z', [['delivered', '2026-12-29T10:00:00Z']], '2026-12-24'),
      ),
    ).toBe('2026-12-29');
    expect(
      receiptDateOf(
        message('letter', '2026-12-24T10:00:00Z', [['returned', '2027-01-04T10:00:00Z']], '2026-12-24'),
      ),
    ).toBeNull();
    // A letter recorded before posting days were known: the safe default schedule.
    expect(receiptDateOf(message('letter', '2026-12-24T13:00:00Z'))).toBe('2026-12-30');
  });
});

const all: Reachability = { email: true, sms: true, whatsapp: true, letter: true, app: false };
function consumerInput(): DunningInput {
  return {
    tenantId: 't',
    invoiceId: 'INV-1',
    debtor: { id: 'D-1', segment: 'consumer', language: 'nl', reachability: all },
    principalCents: 12_345,
    currency: 'EUR',
    issueDate: '2026-11-01',
    dueDate: '2026-11-20',
    policy: NL_CONSUMER,
  };
}

describe('a statutory term ending on a weekend or holiday runs on (Algemene termijnenwet art. 1 lid 1)', () => {
  it.each([
    ['2027-01-05', '2027-01-05'], // a Tuesday: no extension
    ['2026-12-12', '2026-12-14'], // Saturday → Monday
    ['2026-12-13', '2026-12-14'], // Sunday → Monday
    ['2026-12-25', '2026-12-28'], // Eerste Kerstdag, then Tweede Kerstdag (a Saturday) and Sunday
    ['2027-05-07', '2027-05-10'], // a Friday the decree of Stcrt. 2025, 24713 equates with a holiday
    ['2026-04-03', '2026-04-07'], // Goede Vrijdag (art. 3 lid 2), the weekend, Tweede Paasdag
  ])('a term ending %s ends %s', (lastDay, extended) => {
    expect(extendedByAtw(lastDay)).toBe(extended);
  });

  it("the 14-day letter's deadline runs on: received Friday 11 December, 14 days end on Christmas", () => {
    const input = consumerInput();
    const state = initialState(input);
    state.messages.push(message('email', '2026-12-11T09:00:00Z', [['delivered', '2026-12-11T09:01:00Z']]));
    expect(costDeadlineOf(input, state)).toBe('2026-12-28');
  });
});

describe('the cost clock (art. 6:96 lid 6 BW; HR 25-11-2016, ECLI:NL:HR:2016:2704)', () => {
  it('14 full days after the day of receipt: a letter received 30 December has its deadline 13 January', () => {
    const input = consumerInput();
    const state = initialState(input);
    state.messages.push(message('letter', '2026-12-24T10:00:00Z', [], '2026-12-24'));
    expect(costDeadlineOf(input, state)).toBe('2027-01-13');
  });

  it('no received letter, no deadline; the resend on another channel restarts it', () => {
    const input = consumerInput();
    const state = initialState(input);
    state.messages.push(message('email', '2026-12-24T10:00:00Z', [['bounced', '2026-12-24T10:01:00Z']]));
    expect(costDeadlineOf(input, state)).toBeNull();
    state.messages.push(message('letter', '2026-12-28T10:00:00Z', [], '2026-12-28'));
    expect(costDeadlineOf(input, state)).toBe('2027-01-13'); // Mon 28 → Tue 29, Wed 30 → +14
    expect(costDeadlineOf({ ...input, policy: NL_BUSINESS }, state)).toBeNull(); // no 14-day letter step
  });

  it('costs charged on a letter that comes back are withdrawn, and the timeline says why', () => {
    const input = consumerInput();
    const state = initialState(input);
    const letter = message('letter', '2026-12-24T10:00:00Z', [], '2026-12-24');
    state.messages.push(letter);
    expect(reviewCostClock(input, state, new Date('2026-12-24T10:00:00Z'))).toEqual([
      { kind: 'cost-clock-started', detail: 'deadline 2027-01-13' },
    ]);
    state.costsCents = 4_000;
    state.interestCents = 12;
    // Still earned: the deadline is over and the letter was not reported lost.
    expect(reviewCostClock(input, state, new Date('2027-01-14T10:00:00Z'))).toEqual([]);
    expect(state.costsCents).toBe(4_000);
    letter.history.push({ status: 'returned', at: '2027-01-15T10:00:00Z' });
    letter.status = 'returned';
    expect(reviewCostClock(input, state, new Date('2027-01-15T10:00:00Z'), letter)).toEqual([
      { kind: 'cost-clock-stopped', detail: 'letter:returned' },
      { kind: 'costs-withdrawn', detail: '4000' },
    ]);
    expect(state).toMatchObject({ costDeadline: null, costsCents: 0, costsVatCents: 0, interestCents: 0 });
  });

  it('a debtor who paid the principal owes nothing once unearned costs are withdrawn', () => {
    const input = consumerInput();
    const state = initialState(input);
    state.messages.push(message('email', '2026-12-24T10:00:00Z', [['bounced', '2026-12-24T10:01:00Z']]));
    state.costsCents = 4_000;
    state.payments.push({
      dedupeKey: 'p',
      amountCents: 12_345,
      paidAt: '2027-01-20T10:00:00Z',
      source: 'manual',
    });
    reviewCostClock(input, state, new Date('2027-01-20T10:00:00Z'));
    expect(state.status).toBe('paid');
  });
});

describe('posting schedule configuration', () => {
  it('defaults to the safe schedule and parses a custom one', () => {
    expect(loadConfig({}).letterPosting).toEqual(DEFAULT_POSTING);
    expect(
      loadConfig({ LETTER_POSTING_CUTOFF: '16:30', LETTER_POSTING_DAYS: 'mon,wed,sat' }).letterPosting,
    ).toEqual({
      cutoffMinute: 16 * 60 + 30,
      weekdays: [1, 3, 6],
    });
  });

  it.each([
    ['LETTER_POSTING_CUTOFF', '24:00'],
    ['LETTER_POSTING_CUTOFF', '9:00'],
    ['LETTER_POSTING_DAYS', 'sun'],
    ['LETTER_POSTING_DAYS', 'mon,,tue'],
  ])('refuses %s=%s', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(key);
  });
});

describe('which delivery reports the workflow must hear (each one a billed signal)', () => {
  const at = '2026-12-07T10:00:00.000Z';
  const sent = { step: 'payment-request', history: [{ status: 'sent', at: '2026-12-07T09:00:00.000Z' }] };
  const letter = { ...sent, step: 'formal-notice' };
  const acts = (message: typeof sent, status: DeliveryStatus, when = at) =>
    workflowActsOnReport(NL_CONSUMER, message, { status, at: when });

  it('failures and engagement always; a plain delivery of a step without a cost clock never', () => {
    for (const status of ['bounced', 'failed', 'complained', 'returned', 'opened', 'clicked'] as const)
      expect(acts(sent, status), status).toBe(true);
    for (const status of ['queued', 'sent', 'deferred', 'delivered', 'unsubscribed'] as const)
      expect(acts(sent, status), status).toBe(false);
  });

  it("the cost step's delivery while it is the earliest receipt known: it starts the cost clock", () => {
    expect(acts(letter, 'delivered')).toBe(true);
    const opened = { ...letter, history: [...letter.history, { status: 'opened', at }] };
    expect(acts(opened, 'delivered', '2026-12-07T11:00:00.000Z')).toBe(false);
    // Reported out of order: a delivery before the known open moves the receipt earlier.
    expect(acts(opened, 'delivered', '2026-12-07T09:30:00.000Z')).toBe(true);
  });

  it('a policy without a cost step hears no plain delivery; an unknown policy hears every one', () => {
    // Business claims: costs follow the contract, no receipt-based clock (costStepOf: none).
    expect(workflowActsOnReport(NL_BUSINESS, letter, { status: 'delivered', at })).toBe(false);
    expect(workflowActsOnReport(undefined, sent, { status: 'delivered', at })).toBe(true);
  });
});
