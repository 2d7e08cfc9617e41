// Every text says what is true at the moment it is sent (issue 13 item 7): for every shipped policy,
// every step, every channel and every language, the real text is rendered from the facts the
// workflow's own logic computes at that step (amounts, notice facts, fresh deadlines), and checked:
// costs named only when the policy charges them and then to the cent, never announced as future once
// charged; every pay-by day in the future; amounts that add up to what was really paid; one greeting;
// a signature that does not repeat the creditor.
import { describe, expect, it } from 'vitest';
import { templateData } from '../../activities/compose-message.js';
import { toGsm7Lookalikes } from '../../activities/templates/gsm7.js';
import { type MessageOverrides, renderMessage, type TemplateData } from '../../activities/templates/index.js';
import { defaultBrand } from '../../db/brand.js';
import type { DebtorRow } from '../../db/queries/debtors.js';
import { languagePack } from '../../languages/index.js';
import type { SendMessageInput } from '../../workflows/activity-contract.js';
import { planInstalments } from '../../workflows/commands/plan.js';
import { CHANNELS, type Channel, LANGUAGES, type Language, type TemplateId } from '../../workflows/domain.js';
import {
  amounts,
  costDeadline,
  initialState,
  noticeFacts,
  refreshCharges,
} from '../../workflows/dunning-logic.js';
import type { DunningInput, DunningState } from '../../workflows/dunning-types.js';
import { addDays } from '../../workflows/policy/dates.js';
import { type DunningPolicy, POLICIES } from '../../workflows/policy/ladder.js';

/** The creditor signs itself: brand name and sender name are the same. */
const BRAND = defaultBrand('Polderstroom B.V.');
const URLS = { baseUrl: 'https://pay.example', tokenSecret: 'step-texts-secret' };
const SETTINGS = { sepaCreditorId: 'NL79ZZZ999999990000' };
const DUE = '2026-11-14';

/** A day as the languages write it: `14 november 2026`, `14. November 2026`, `14 Kasım 2026`. */
const DAY = String.raw`(\d{1,2}\.? \p{L}+ \d{4})`;
const payBy = (pattern: string) => new RegExp(pattern.replace('DAY', DAY), 'gu');

/** Words that name costs, that announce costs as still to come, and a pay-by day (the day in group 1). */
const WORDS: Record<Language, { costs: RegExp; future: RegExp; payBy: RegExp }> = {
  nl: {
    costs: /kosten/i,
    future: /brengen wij u .* in rekening|komt er .* bij/,
    payBy: payBy('(?<!moest |had )uiterlijk DAY'),
  },
  en: { costs: /costs/i, future: /will charge|will be added/, payBy: payBy('(?<!was due |were due )by DAY') },
  de: { costs: /kosten/i, future: /berechnen wir Ihnen|kommen .* dazu/, payBy: payBy('spätestens DAY') },
  fr: { costs: /frais/i, future: /nous vous facturons|s’ajoutent/, payBy: payBy('au plus tard le DAY') },
  pl: { costs: /koszt/i, future: /naliczymy|doliczymy/, payBy: payBy('najpóźniej do DAY') },
  tr: { costs: /masraf/i, future: /yansıtacağız|eklenir/, payBy: payBy('DAY tarihine kadar') },
};

const noon = (day: string) => new Date(`${day}T11:00:00Z`);

function debtor(policy: DunningPolicy, language: Language): DebtorRow {
  return {
    tenantId: 't',
    id: 'D-1',
    type: policy.segment,
    name: 'Anna de Vries',
    email: 'anna@example.nl',
    phone: '+31612345678',
    whatsappOptIn: true,
    language,
    address: { line1: 'Kerkstraat 12', postalCode: '1234 AB', city: 'Amsterdam', country: 'NL' },
    preferredChannel: null,
    payday: null,
    appUserId: 'app-1',
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

function dunningInput(policy: DunningPolicy, dueDate: string): DunningInput {
  return {
    tenantId: 't',
    invoiceId: 'F2026-004812',
    debtor: {
      id: 'D-1',
      segment: policy.segment,
      language: 'nl',
      reachability: { email: true, sms: true, whatsapp: true, letter: true, app: true },
    },
    principalCents: 24_550,
    currency: 'EUR',
    issueDate: addDays(dueDate, -30),
    dueDate,
    policy,
  };
}

interface Moment {
  label: string;
  template: TemplateId;
  /** The day it is sent. */
  day: string;
  input: DunningInput;
  state: DunningState;
  send: SendMessageInput;
}

/** What the workflow hands the activity when it sends `template` on `day`. */
function sendInput(
  input: DunningInput,
  state: DunningState,
  template: TemplateId,
  day: string,
  extra: Partial<SendMessageInput> = {},
): SendMessageInput {
  refreshCharges(input, state, noon(day));
  return {
    tenantId: input.tenantId,
    invoiceId: input.invoiceId,
    workflowId: 'wf-1',
    idempotencyKey: `wf-1:${template}`,
    debtorId: input.debtor.id,
    stepKey: template,
    channel: 'email',
    template,
    amounts: amounts(input, state),
    dueDate: input.dueDate,
    ...noticeFacts(input, state, template, noon(day)),
    ...extra,
  };
}

/** Each step of the policy's ladder on the day it goes out, and the plan messages after it. */
function momentsOf(policy: DunningPolicy): Moment[] {
  const moments: Moment[] = [];
  const input = dunningInput(policy, DUE);
  const state: DunningState = { ...initialState(input), freshPaymentDeadline: true };
  let day = DUE;
  for (const step of policy.steps) {
    if (!step.template) continue;
    day =
      step.after.from === 'due' ? addDays(DUE, step.after.days) : addDays(day, Math.max(step.after.days, 3));
    const send = sendInput(input, state, step.template, day);
    moments.push({
      label: step.id,
      template: step.template,
      day,
      input,
      state: structuredClone(state),
      send,
    });
    // The 14-day letter's term starts when it is received: from then on its costs are owed.
    if (step.costDeadline) state.costDeadline = costDeadline(step.costDeadline, noon(day));
  }

  // A payment request for an invoice whose due date had passed when it was created.
  const late = dunningInput(policy, '2026-11-15');
  const lateState: DunningState = { ...initialState(late), freshPaymentDeadline: true };
  const lateDay = '2026-12-01';
  moments.push({
    label: 'payment-request (past due date)',
    template: 'payment-request',
    day: lateDay,
    input: late,
    state: lateState,
    send: sendInput(late, lateState, 'payment-request', lateDay),
  });

  // A payment plan agreed after the last reminder: nothing has been paid yet.
  const due = amounts(input, state).dueCents;
  const plan = planInstalments(input, due, 3, noon(day));
  const first = plan[0]!;
  const instalment = { number: 1, of: plan.length, amountCents: first.amountCents, dueDate: first.dueDate };
  const planFacts = {
    instalments: plan.length,
    instalmentAmountCents: plan.at(-1)!.amountCents,
    firstDueDate: first.dueDate,
  };
  for (const template of ['plan-confirmation', 'instalment-due'] as const) {
    const send = sendInput(input, state, template, day, {
      instalment,
      ...(template === 'plan-confirmation' ? { plan: planFacts } : {}),
    });
    moments.push({ label: template, template, day, input, state: structuredClone(state), send });
  }
  return moments;
}

/** Everything the debtor reads on a channel, as one text. */
function readable(
  channel: Channel,
  template: TemplateId,
  language: Language,
  data: TemplateData,
  o?: MessageOverrides,
) {
  switch (channel) {
    case 'email': {
      const email = renderMessage(template, 'email', language, data, o);
      return `${email.subject}\n${email.text}`;
    }
    case 'sms':
      return renderMessage(template, 'sms', language, data, o).text;
    case 'whatsapp':
      return renderMessage(template, 'whatsapp', language, data, o).text;
    case 'letter': {
      const letter = renderMessage(template, 'letter', language, data, o);
      return [
        letter.title,
        letter.greeting ?? '',
        ...letter.paragraphs,
        letter.selfService,
        ...letter.closing,
      ].join('\n');
    }
    case 'app': {
      const app = renderMessage(template, 'app', language, data, o);
      return `${app.title}\n${app.text}`;
    }
  }
}

/** Every day a text may name around `day`, as the debtor reads it, mapped to the ISO date. */
function namedDays(language: Language, day: string): Map<string, string> {
  const formatted = new Map<string, string>();
  for (let offset = -120; offset <= 120; offset++) {
    const iso = addDays(day, offset);
    const named = languagePack(language).formats.date(iso);
    formatted.set(named, iso);
    // An SMS stays in GSM-7: "14 Kasım" reads "14 Kasim" there.
    formatted.set(toGsm7Lookalikes(named), iso);
  }
  return formatted;
}

const CASES = Object.values(POLICIES).flatMap((policy) =>
  momentsOf(policy).flatMap((moment) =>
    LANGUAGES.flatMap((language) => CHANNELS.map((channel) => ({ policy, moment, language, channel }))),
  ),
);

describe('the rendered text of every step, for every policy, channel and language', () => {
  it.each(
    CASES.map((c) => [`${c.policy.id} / ${c.moment.label} / ${c.channel} / ${c.language}`, c] as const),
  )('%s', (_, { policy, moment, language, channel }) => {
    const data = templateData(moment.send, debtor(policy, language), BRAND, URLS, SETTINGS);
    const text = readable(channel, moment.template, language, data);
    const words = WORDS[language];
    const euro = languagePack(language).formats.money;
    expect(text).not.toMatch(/\{\{|\}\}/);

    // Costs: named only when the policy charges them, then to the cent; never as future once charged.
    const { costsCents } = moment.send.amounts;
    if (policy.costs === 'none') {
      expect(text).not.toMatch(words.costs);
      expect(text).not.toContain(euro(4_000));
    }
    if (moment.send.collectionCostsCents !== undefined) {
      expect(text).toContain(
        euro(moment.send.collectionCostsCents + (moment.send.collectionCostsVatCents ?? 0)),
      );
    } else if (costsCents === 0) {
      expect(text).not.toMatch(words.costs);
    }
    if (costsCents > 0) expect(text).not.toMatch(words.future);

    // Every pay-by day named is still ahead on the day the message is sent.
    const days = namedDays(language, moment.day);
    for (const [, named] of text.matchAll(words.payBy)) {
      expect(days.get(named!), `${named} in: ${text}`).toBeDefined();
      // A compressed demo day lasts seconds: its plan's first instalment falls on the day itself.
      const ahead = policy.secondsPerDay ? days.get(named!)! >= moment.day : days.get(named!)! > moment.day;
      expect(ahead, `${named} is not ahead of ${moment.day}`).toBe(true);
    }
    if (moment.template === 'payment-request' && moment.input.dueDate <= moment.day) {
      expect(moment.send.deadline).toBeDefined();
      expect(text).toContain(channel === 'sms' ? toGsm7Lookalikes(data.deadline!) : data.deadline);
    }

    // One greeting; the creditor that signs itself is named once in the signature.
    const greeting = languagePack(language).messages.greeting.replace('{{debtorName}}', data.debtorName);
    if (channel === 'email' || channel === 'letter') {
      expect(text.split(greeting)).toHaveLength(2);
      const letter = renderMessage(moment.template, 'letter', language, data);
      expect(letter.closing).toEqual([languagePack(language).messages.closing, BRAND.name]);
    }

    // The amounts add up to what was really paid: what is still to pay is all that is due.
    if (channel === 'email') {
      const { amountDue } = languagePack(language).messages.amounts;
      const due = moment.send.amounts;
      expect(due.principalCents + due.costsCents + due.interestCents - due.paidCents).toBe(due.dueCents);
      expect(text).toMatch(new RegExp(`${amountDue}:\\s+${escapeRegExp(euro(due.dueCents))}\\n`));
    }
  });
});

describe("a tenant's own text", () => {
  const policy = POLICIES['nl-consumer']!;
  const moment = momentsOf(policy).find((m) => m.template === 'reminder-1')!;

  it.each(LANGUAGES)('that opens with its own greeting gets no second one (%s)', (language) => {
    const data = templateData(moment.send, debtor(policy, language), BRAND, URLS, SETTINGS);
    const opening = `${languagePack(language).messages.greetingWords.at(-1)} {{debtorName}},`;
    const overrides = {
      paragraphs: [`${opening} factuur {{invoiceId}} staat open.`, 'Betaal via {{payUrl}}.'],
    };
    for (const channel of ['email', 'letter'] as const) {
      const text = readable(channel, 'reminder-1', language, data, overrides);
      expect(text.split(data.debtorName)).toHaveLength(2);
    }
  });

  it('a signature names a sender and a creditor that differ both', () => {
    const data = templateData(
      moment.send,
      debtor(policy, 'nl'),
      { ...BRAND, senderName: 'Team Debiteuren' },
      URLS,
      SETTINGS,
    );
    expect(renderMessage('reminder-1', 'letter', 'nl', data).closing).toEqual([
      'Met vriendelijke groet,',
      'Team Debiteuren',
      BRAND.name,
    ]);
  });

  it('that does not open with a greeting keeps the shipped one', () => {
    const data = templateData(moment.send, debtor(policy, 'nl'), BRAND, URLS, SETTINGS);
    const letter = renderMessage('reminder-1', 'letter', 'nl', data, {
      paragraphs: ['Bestelling {{invoiceId}}.'],
    });
    expect(letter.greeting).toBe('Beste Anna de Vries,');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
