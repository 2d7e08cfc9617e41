// GET /v1/invoices/{id}/schedule and POST …/messages/{messageId}/delivery through app.inject on the
// real stack: the schedule ahead projected from the live workflow, tenant isolation, paused and closed
// invoices; a returned letter reported by the print house reaches the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { atwHolidayOn } from '../../workflows/policy/legal/holidays.js';
import { DEFAULT_POSTING, letterReceiptDate, postingDate } from '../../workflows/policy/receipt.js';
import { type ApiHarness, eventually, invoiceBody, isoDay, problemOf, startApiHarness } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

interface ScheduleBody {
  invoiceId: string;
  status: string;
  steps: {
    step: string;
    at: string;
    channel: string | null;
    amountsIfUnpaid: Record<'principal' | 'costs' | 'interest' | 'paid' | 'due', string>;
  }[];
  reason: string | null;
}

const cents = (value: string) => Math.round(Number(value) * 100);

async function scheduleOf(invoiceId: string, until: (s: ScheduleBody) => boolean) {
  return eventually(async () => {
    const response = await h.call('GET', `/v1/invoices/${invoiceId}/schedule`);
    if (response.statusCode !== 200) throw new Error(response.body);
    const body = response.json() as ScheduleBody;
    return until(body) && body;
  });
}

describe('GET /v1/invoices/{invoiceId}/schedule', () => {
  it('lists each remaining step with its moment, channel and what would be owed then', async () => {
    const body = invoiceBody({ policy: 'nl-consumer', dueDate: isoDay(10) });
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const schedule = await scheduleOf(body.invoiceId, (s) => s.steps.some((x) => x.step === 'handover'));
    expect(schedule).toMatchObject({ invoiceId: body.invoiceId, status: 'open', reason: null });
    const ids = schedule.steps.map((s) => s.step);
    expect(ids.slice(-5)).toEqual([
      'reminder-2',
      'formal-notice',
      'payment-plan-offer',
      'final-notice',
      'handover',
    ]);
    for (const [i, step] of schedule.steps.entries()) {
      const local = toAmsterdamParts(new Date(step.at));
      // Lawful contact moments, in order.
      expect(local.hour).toBeGreaterThanOrEqual(7);
      expect(local.hour).toBeLessThan(20);
      expect(local.weekday).not.toBe(7);
      expect(atwHolidayOn(local.date)).toBeUndefined();
      if (i > 0) expect(step.at > schedule.steps[i - 1]!.at).toBe(true);
      const a = step.amountsIfUnpaid;
      expect(a.principal).toBe('123.45');
      expect(cents(a.due)).toBe(cents(a.principal) + cents(a.costs) + cents(a.interest) - cents(a.paid));
    }
    const byStep = Object.fromEntries(schedule.steps.map((s) => [s.step, s]));
    // The 14-day letter goes by post; no costs until its 14 days after receipt are over.
    expect(byStep['formal-notice']!.channel).toBe('letter');
    expect(byStep['formal-notice']!.amountsIfUnpaid.costs).toBe('0.00');
    const receipt = letterReceiptDate(postingDate(new Date(byStep['formal-notice']!.at), DEFAULT_POSTING));
    const offer = byStep['payment-plan-offer']!;
    expect(toAmsterdamParts(new Date(offer.at)).date > addDays(receipt, 14)).toBe(true);
    // €123.45 → 15% is €18.52, under the €40 minimum of the statutory scale.
    expect(offer.amountsIfUnpaid.costs).toBe('40.00');
    expect(byStep.handover).toMatchObject({ channel: null });
    expect(cents(byStep.handover!.amountsIfUnpaid.due)).toBeGreaterThanOrEqual(12_345 + 4_000);
  });

  it("answers 404 for another tenant's invoice and an unknown one", async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const other = await h.newTenant();
    problemOf(await h.call('GET', `/v1/invoices/${body.invoiceId}/schedule`, undefined, { as: other }), 404);
    problemOf(await h.call('GET', '/v1/invoices/NOPE-1/schedule'), 404);
  });

  it('is empty with the reason for a paused invoice and a closed one', async () => {
    const body = invoiceBody({ policy: 'nl-consumer', dueDate: isoDay(10) });
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    await scheduleOf(body.invoiceId, (s) => s.steps.length > 0);
    expect(
      (await h.call('POST', `/v1/invoices/${body.invoiceId}/pause`, { reason: 'called the debtor' }))
        .statusCode,
    ).toBe(200);
    const paused = await scheduleOf(body.invoiceId, (s) => s.status === 'paused');
    expect(paused).toMatchObject({ steps: [], reason: 'paused until resumed' });
    expect(
      (await h.call('POST', `/v1/invoices/${body.invoiceId}/cancel`, { reason: 'credit note' })).statusCode,
    ).toBe(200);
    const closed = await scheduleOf(body.invoiceId, (s) => s.status === 'cancelled');
    expect(closed).toMatchObject({ steps: [], reason: 'the invoice is closed (cancelled)' });
  });

  it('is described in the OpenAPI document with an example', async () => {
    const spec = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = spec.paths['/v1/invoices/{invoiceId}/schedule'].get;
    const media = operation.responses['200'].content['application/json'];
    // @fastify/swagger moves schema examples to the media type's named examples.
    const example =
      media.schema.examples?.[0] ??
      (Object.values(media.examples ?? {})[0] as { value?: { steps?: unknown[] } } | undefined)?.value;
    expect(example?.steps?.[0]).toHaveProperty('amountsIfUnpaid');
    expect(spec.paths['/v1/invoices/{invoiceId}/messages/{messageId}/delivery'].post).toBeDefined();
  });
});

describe('POST /v1/invoices/{invoiceId}/messages/{messageId}/delivery', () => {
  it('a returned 14-day letter stops its cost clock and the workflow resends it; only letters, only own', async () => {
    // The demo ladder reaches its 14-day letter in under a minute; the debtor agreed to email.
    const body = invoiceBody({ dueDate: isoDay(-5) }, { preferredChannel: 'email' });
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    type Entry = { type: string; kind: string; channel?: string; detail?: string; status?: string };
    const timeline = async () =>
      (await h.call('GET', `/v1/invoices/${body.invoiceId}/timeline`)).json() as { entries: Entry[] };
    const communications = async () => {
      const { communicationsOfInvoice } = await import('../../db/queries/communications.js');
      return communicationsOfInvoice(h.database.db, h.tenantId, body.invoiceId);
    };
    const letter = await eventually(
      async () =>
        (await communications()).find(
          (m) => m.step === 'formal-notice' && m.channel === 'letter' && m.providerMessageId,
        ),
      90_000,
    );
    const email = (await communications()).find((m) => m.channel === 'email')!;
    const path = (id: string) => `/v1/invoices/${body.invoiceId}/messages/${id}/delivery`;

    const other = await h.newTenant();
    problemOf(await h.call('POST', path(letter.id), { status: 'returned' }, { as: other }), 404);
    problemOf(await h.call('POST', path('msg_unknown'), { status: 'returned' }), 404);
    const notLetter = problemOf(await h.call('POST', path(email.id), { status: 'returned' }), 422);
    expect(notLetter.detail).toMatch(/only letters/);
    problemOf(await h.call('POST', path(letter.id), { status: 'bounced' }), 400);

    const reported = await h.call('POST', path(letter.id), {
      status: 'returned',
      at: new Date().toISOString(),
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ messageId: letter.id, channel: 'letter', status: 'returned' });
    const entries = await eventually(async () => {
      const { entries } = await timeline();
      return (
        entries.some((e) => e.type === 'message' && e.kind === 'formal-notice' && e.channel === 'email') &&
        entries
      );
    }, 30_000);
    expect(entries).toContainEqual(
      expect.objectContaining({ type: 'event', kind: 'cost-clock-stopped', detail: 'letter:returned' }),
    );
    // Reporting it again changes nothing.
    expect((await h.call('POST', path(letter.id), { status: 'returned' })).statusCode).toBe(200);
  }, 150_000);
});
