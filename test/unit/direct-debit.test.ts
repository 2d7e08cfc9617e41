// The pure direct debit rules: collection days, pre-notification lead, retries and the end.
import { describe, expect, it } from 'vitest';
import {
  activateMandate,
  applyCollectionFailure,
  chargebackWindowEnd,
  collectionDate,
  endDirectDebit,
  isValidCollectionDay,
  noticeTemplate,
  openCollection,
  reverseCollection,
  scheduleCollection,
} from '../../workflows/direct-debit-logic.js';
import type { DirectDebitCollection, DirectDebitState, DunningState } from '../../workflows/dunning-types.js';
import { toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { DEMO, NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { validatePolicy } from '../../workflows/policy/policy-rules.js';

const NOW = new Date('2026-11-25T10:00:00Z'); // a Wednesday

function active(collectionDay = 27): DirectDebitState {
  const state: DirectDebitState = {
    status: 'invited',
    collectionDay,
    invitations: 1,
    checkoutUrl: 'https://pay.example/tr_1',
    mandate: null,
    collections: [],
    endReason: null,
    agreedLeadDays: 5,
  };
  activateMandate(state, { customerId: 'cst_1', mandateId: 'mdt_1' });
  return state;
}

describe('collectionDate', () => {
  it.each([
    // chosen day, earliest → collection day (a TARGET2 business day on or after the chosen day)
    [27, '2026-11-30', '2026-12-28'], // 27 Dec 2026 is a Sunday → Monday 28th
    [27, '2026-11-27', '2026-11-27'], // the earliest day itself
    [1, '2026-11-30', '2026-12-01'],
    [25, '2026-11-30', '2026-12-28'], // Christmas and Boxing Day, then Sunday 27th
    [28, '2026-12-29', '2027-01-28'], // over the year end
    [1, '2026-12-30', '2027-01-04'], // New Year's Day, then a weekend
    [15, '2027-02-10', '2027-02-15'],
    [3, '2026-03-20', '2026-04-07'], // Good Friday 3 April 2026 → Saturday, Sunday, Easter Monday → Tuesday
    [6, '2026-03-20', '2026-04-07'], // Easter Monday 6 April 2026
    [1, '2026-04-10', '2026-05-04'], // 1 May 2026 (a Friday) → Monday 4 May
    [27, '2026-04-10', '2026-04-27'], // King's Day: a Dutch holiday, but TARGET2 is open
    [14, '2026-05-10', '2026-05-14'], // Ascension Day: a Dutch holiday, but TARGET2 is open
  ])('day %i from %s → %s', (day, earliest, expected) => {
    expect(collectionDate(day, earliest)).toBe(expected);
  });

  it('replays collections announced before the TARGET2 rule on the Dutch business-day calendar', () => {
    expect(collectionDate(27, '2026-04-10', 'dutch-business-days')).toBe('2026-04-28');
    expect(collectionDate(14, '2026-05-10', 'dutch-business-days')).toBe('2026-05-15');
  });

  it('accepts only days every month has', () => {
    expect([1, 14, 28].every(isValidCollectionDay)).toBe(true);
    expect([0, 29, 31, 2.5, Number.NaN].some(isValidCollectionDay)).toBe(false);
  });
});

describe('scheduleCollection', () => {
  it('announces at least the lead days ahead, on the chosen day, at the start of that day', () => {
    const collection = scheduleCollection({
      policy: NL_CONSUMER,
      directDebit: active(27),
      amountCents: 12_344,
      today: '2026-11-25',
      now: NOW,
      calendar: 'target2',
    });
    expect(collection).toEqual({
      number: 1,
      amountCents: 12_344,
      // 27 Nov lies within the 5-day lead; the next 27th is a Sunday, so Monday 28 Dec.
      collectDate: '2026-12-28',
      collectAt: '2026-12-28T05:00:00.000Z', // 06:00 in Amsterdam
      providerPaymentId: null,
      outcome: 'scheduled',
    });
  });

  it('uses the next chosen day after the lead time', () => {
    const collection = scheduleCollection({
      policy: NL_CONSUMER,
      directDebit: active(27),
      amountCents: 100,
      today: '2026-11-20',
      now: NOW,
      calendar: 'target2',
    });
    expect(collection.collectDate).toBe('2026-11-27');
    expect(toAmsterdamParts(new Date(collection.collectAt))).toMatchObject({ date: '2026-11-27', hour: 6 });
  });

  it('never announces less than the lead days ahead: a chosen day inside the lead waits a month', () => {
    const on = (collectionDay: number) =>
      scheduleCollection({
        policy: NL_CONSUMER,
        directDebit: active(collectionDay),
        amountCents: 100,
        today: '2026-11-20',
        now: NOW,
        calendar: 'target2',
      }).collectDate;
    expect(on(25)).toBe('2026-11-25'); // exactly five days ahead
    expect(on(24)).toBe('2026-12-24'); // four days ahead is too soon
  });

  it('collects an instalment on its due date, never before the lead time', () => {
    const base = {
      policy: NL_CONSUMER,
      directDebit: active(3),
      amountCents: 4_115,
      today: '2026-11-25',
      now: NOW,
      calendar: 'target2' as const,
    };
    expect(
      scheduleCollection({ ...base, instalmentDue: { date: '2026-12-10', at: '2026-12-10T09:00:00Z' } })
        .collectDate,
    ).toBe('2026-12-10');
    expect(
      scheduleCollection({ ...base, instalmentDue: { date: '2026-11-26', at: '2026-11-26T09:00:00Z' } })
        .collectDate,
    ).toBe('2026-11-30');
  });

  it('gives 14 days when the mandate terms agreed no shorter period (an invitation from before they did)', () => {
    const { agreedLeadDays: _, ...unagreed } = active(27);
    const on = (today: string) =>
      scheduleCollection({
        policy: NL_CONSUMER,
        directDebit: unagreed,
        amountCents: 100,
        today,
        now: NOW,
        calendar: 'target2',
      }).collectDate;
    expect(on('2026-11-13')).toBe('2026-11-27'); // exactly 14 days ahead
    expect(on('2026-11-14')).toBe('2026-12-28'); // 13 days is too soon: the next 27th (a Sunday → Monday)
  });

  it('keeps the policy’s lead days for collections announced before the SEPA rule (replay)', () => {
    const { agreedLeadDays: _, ...unagreed } = active(25);
    const collection = scheduleCollection({
      policy: NL_CONSUMER,
      directDebit: unagreed,
      amountCents: 100,
      today: '2026-11-20',
      now: NOW,
      calendar: 'dutch-business-days',
    });
    expect(collection.collectDate).toBe('2026-11-25');
  });

  it('counts policy days in the demo policy', () => {
    const collection = scheduleCollection({
      policy: DEMO,
      directDebit: active(),
      amountCents: 100,
      today: '2026-11-25',
      now: NOW,
      calendar: 'target2',
    });
    expect(Date.parse(collection.collectAt) - NOW.getTime()).toBe(5 * DEMO.secondsPerDay! * 1000);
  });
});

describe('chargebacks', () => {
  it('keeps a paid invoice open for reversals for 8 weeks after the last paid collection', () => {
    const state = { status: 'paid', directDebit: active() } as unknown as DunningState;
    expect(chargebackWindowEnd(NL_CONSUMER, state)).toBeUndefined(); // nothing collected by direct debit
    state.directDebit!.collections.push(
      { ...collection(1, 'tr_1'), outcome: 'paid', paidAt: '2026-12-28T09:00:00.000Z' },
      { ...collection(2, 'tr_2'), outcome: 'paid', paidAt: '2027-01-28T09:00:00.000Z' },
    );
    expect(chargebackWindowEnd(NL_CONSUMER, state)?.toISOString()).toBe('2027-03-25T09:00:00.000Z');
    expect(chargebackWindowEnd({ ...NL_CONSUMER, directDebit: undefined }, state)?.toISOString()).toBe(
      '2027-03-25T09:00:00.000Z',
    );
    expect(chargebackWindowEnd(NL_CONSUMER, { ...state, status: 'open' })).toBeUndefined();
  });

  it('a reversed collection stops direct debit; an unknown payment changes nothing', () => {
    const state = active();
    state.collections.push({ ...collection(1, 'tr_1'), outcome: 'paid' });
    expect(reverseCollection(state, 'tr_other')).toBe(false);
    expect(state.status).toBe('active');
    expect(reverseCollection(state, 'tr_1')).toBe(true);
    expect(state).toMatchObject({
      status: 'ended',
      endReason: 'a collection was reversed at the debtor’s bank',
    });
    expect(state.collections[0]!.outcome).toBe('charged_back');
  });
});

function collection(number: number, providerPaymentId: string): DirectDebitCollection {
  return {
    number,
    amountCents: 100,
    collectDate: '2026-12-28',
    collectAt: '2026-12-28T05:00:00Z',
    providerPaymentId,
    outcome: 'pending',
  };
}

describe('failures and ends', () => {
  function pending(state: DirectDebitState, id: string): void {
    state.collections.push({
      number: state.collections.length + 1,
      amountCents: 100,
      collectDate: '2026-12-28',
      collectAt: '2026-12-28T05:00:00Z',
      providerPaymentId: id,
      outcome: 'pending',
    });
  }

  it('retries up to the policy’s attempts, then ends; unknown or repeated reports are ignored', () => {
    const state = active();
    pending(state, 'tr_1');
    expect(applyCollectionFailure(NL_CONSUMER, state, { providerPaymentId: 'tr_unknown' })).toBe('ignored');
    expect(applyCollectionFailure(NL_CONSUMER, state, { providerPaymentId: 'tr_1', reason: 'AM04' })).toBe(
      'retry',
    );
    expect(applyCollectionFailure(NL_CONSUMER, state, { providerPaymentId: 'tr_1', reason: 'AM04' })).toBe(
      'ignored',
    );
    expect(noticeTemplate(state)).toBe('direct-debit-failed');
    pending(state, 'tr_2');
    expect(applyCollectionFailure(NL_CONSUMER, state, { providerPaymentId: 'tr_2' })).toBe('ended');
    expect(state).toMatchObject({ status: 'ended', endReason: '2 collections failed' });
    expect(state.collections[0]!.failureReason).toBe('AM04');
  });

  it('a paid collection resets the count of failures in a row', () => {
    const state = active();
    pending(state, 'tr_1');
    applyCollectionFailure(NL_CONSUMER, state, { providerPaymentId: 'tr_1' });
    pending(state, 'tr_2');
    state.collections[1]!.outcome = 'paid';
    expect(noticeTemplate(state)).toBe('direct-debit-notice');
    pending(state, 'tr_3');
    expect(applyCollectionFailure(NL_CONSUMER, state, { providerPaymentId: 'tr_3' })).toBe('retry');
  });

  it('ending skips what was announced but not submitted, and keeps what the bank is processing', () => {
    const state = active();
    pending(state, 'tr_1');
    state.collections.push({
      ...state.collections[0]!,
      number: 2,
      providerPaymentId: null,
      outcome: 'scheduled',
    });
    expect(openCollection(state)?.number).toBe(1);
    endDirectDebit(state, 'debtor stopped it');
    expect(state.collections.map((c) => c.outcome)).toEqual(['pending', 'skipped']);
  });

  it('policies must give notice and at least one attempt', () => {
    expect(
      validatePolicy({
        ...NL_CONSUMER,
        directDebit: { leadDays: 0, maxAttempts: 0, verificationCents: 0, chargebackWindowDays: -1 },
      }),
    ).toEqual([
      'direct debit needs at least one day of pre-notification (a whole number up to 60)',
      'direct debit needs at least one collection attempt (a whole number up to 10)',
      'the mandate’s first payment must be at least 1 cent (whole cents, at most 10000)',
      'the chargeback window must be a whole number of days from 0 to 396',
    ]);
    // Not a number (a form's "5,5" or empty field) is refused like any other bad value.
    expect(
      validatePolicy({
        ...NL_CONSUMER,
        directDebit: {
          leadDays: Number.NaN,
          maxAttempts: 2.5,
          verificationCents: 1,
          chargebackWindowDays: 56,
        },
      }),
    ).toHaveLength(2);
  });
});
