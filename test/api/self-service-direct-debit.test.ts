// Paying by SEPA direct debit from the debtor's self-service page, on the real stack (Temporal dev
// server, PostgreSQL, a worker, the sandbox PSP): the offer with its collection-day form, the 303 to
// the PSP's mandate checkout, invalid days and cross-site posts that change nothing, the mandate
// granted through the sandbox checkout and Settle's Mollie webhook, the active state with its next
// collection and stop form, and the note after the ladder gave up on failed collections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectDebitResource } from '../../api/invoice-resource.js';
import { type ApiHarness, eventually, invoiceBody, startApiHarness } from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
  // Direct debit is offered only by a creditor with a SEPA creditor identifier.
  expect((await h.call('PUT', '/v1/settings', { sepaCreditorId: 'NL79ZZZ999999990000' })).statusCode).toBe(
    200,
  );
});
afterAll(async () => {
  await h?.close();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const page = (url: string) => h.app.inject({ method: 'GET', url });
const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, ...headers },
    payload: new URLSearchParams(fields).toString(),
  });

interface Invoice {
  status: string;
  amountDue: { value: string };
  stage: string;
  selfServiceUrl: string;
  directDebit: DirectDebitResource | null;
}
const invoice = async (invoiceId: string) =>
  (await h.call('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json() as Invoice;
/** What the workflow holds right after a page action (the read model follows a moment later). */
const directDebitOf = async (invoiceId: string) =>
  ((await h.call('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json() as Invoice).directDebit;

/** A running demo-policy invoice (its payment request sent) and the path of its page. */
async function invoiceWithPage(debtor: Record<string, unknown> = {}) {
  const body = invoiceBody({}, debtor);
  expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
  const resource = await eventually(async () => {
    const found = await invoice(body.invoiceId);
    return found.stage === 'payment-request' && found;
  });
  return { invoiceId: body.invoiceId, path: new URL(resource.selfServiceUrl).pathname };
}

/** The id of a sandbox checkout URL, e.g. `tr_sandbox…`. */
const checkoutId = (url: string) => new URL(url).pathname.split('/').at(-1)!;

/** The debtor completes the sandbox checkout; the PSP's webhook reaches Settle and is processed. */
async function settleCheckout(url: string, fields: Record<string, string>) {
  const settled = await post(`/sandbox/checkout/${checkoutId(url)}`, fields);
  expect(settled.statusCode, settled.body).toBe(303);
  await h.app.webhooks.drain();
  return settled;
}

/** Invites with `collectionDay` and returns the checkout URL the page sent the debtor to. */
async function invite(path: string, collectionDay: string): Promise<string> {
  const response = await post(`${path}/direct-debit`, { collectionDay });
  expect(response.statusCode, response.body).toBe(303);
  return response.headers.location as string;
}

describe('self-service: pay automatically by direct debit', () => {
  it('offers the form, sends the debtor to the mandate checkout, then shows it active and stops it', async () => {
    const { invoiceId, path } = await invoiceWithPage();

    const offer = await page(path);
    expect(offer.statusCode).toBe(200);
    expect(offer.body).toContain('<details class="card" id="direct-debit">');
    expect(offer.body).toContain('Automatisch betalen met incasso');
    expect(offer.body).toContain('€ 0,01 via uw bank (iDEAL)');
    // The mandate terms state the agreed pre-notification period (SEPA: 14 days unless agreed) and the Incassant ID.
    expect(offer.body).toContain(
      '<p data-mandate-terms>U krijgt van elke afschrijving ten minste 5 dagen van tevoren bericht, met het bedrag, de datum, het kenmerk van uw machtiging en ons Incassant-ID NL79ZZZ999999990000. Met het aanzetten gaat u akkoord met deze termijn van 5 dagen.</p>',
    );
    expect(offer.body).toContain(`<form method="post" action="${path}/direct-debit">`);
    const days = [
      ...offer.body.matchAll(/<select id="collection-day" name="collectionDay">(.*?)<\/select>/g),
    ];
    expect(days).toHaveLength(1);
    const options = [...days[0]![1]!.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(options).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    // No payday known: just after the usual one (the 25th).
    expect(days[0]![1]).toContain('<option value="26" selected>');
    // The post answers with a redirect to the PSP: Chromium checks form-action on redirects too.
    expect(offer.headers['content-security-policy']).toContain("form-action 'self' https:");
    expect((await page(`${path}?lang=en`)).body).toContain('Pay automatically by direct debit');

    // Invalid days and foreign posts change nothing.
    for (const collectionDay of ['0', '29', 'x', '', '2.5', '-1']) {
      const refused = await post(`${path}/direct-debit`, { collectionDay });
      expect(refused.statusCode, collectionDay).toBe(303);
      expect(refused.headers.location, collectionDay).toBe(
        `${path}?lang=nl&e=collection-day&f=direct-debit#direct-debit`,
      );
    }
    const shown = await page(`${path}?lang=nl&e=collection-day&f=direct-debit`);
    expect(shown.body).toContain('Kies een dag van de maand uit de lijst (1 tot en met 28).');
    expect(shown.body).toContain('<details class="card" id="direct-debit" open>');
    const foreign = await post(
      `${path}/direct-debit`,
      { collectionDay: '27' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('Dit formulier is niet verstuurd');
    expect(await directDebitOf(invoiceId)).toBeNull();

    // A valid day: on to the PSP's checkout for the mandate's first payment.
    const checkout = await invite(path, '27');
    expect(checkout).toMatch(new RegExp(`^${h.baseUrl}/sandbox/checkout/tr_`));
    expect(await directDebitOf(invoiceId)).toMatchObject({
      status: 'invited',
      collectionDay: 27,
      checkoutUrl: checkout,
      mandateId: null,
    });
    const checkoutPage = await page(new URL(checkout).pathname);
    expect(checkoutPage.statusCode).toBe(200);
    expect(checkoutPage.body).toContain('mandate');

    // Back on the page before the bank said yes: waiting, with the link and the form again.
    const waiting = await page(path);
    expect(waiting.body).toContain('data-direct-debit="invited"');
    expect(waiting.body).toContain('Wacht op toestemming van uw bank');
    expect(waiting.body).toContain(`href="${checkout}"`);
    expect(waiting.body).toContain('<option value="27" selected>');

    // The debtor pays the cent: the mandate is granted and collection is on.
    const back = await settleCheckout(checkout, { outcome: 'paid' });
    expect(back.headers.location).toContain(path);
    const active = await eventually(async () => {
      const state = await directDebitOf(invoiceId);
      return state?.status === 'active' && state;
    });
    expect(active.mandateId).toMatch(/^mdt_/);
    expect(active.checkoutUrl).toBeNull();
    // The read model follows the workflow's state change.
    await eventually(async () => (await invoice(invoiceId)).amountDue.value === '123.44');

    const on = await page(path);
    expect(on.body).toContain('data-direct-debit="active"');
    expect(on.body).toContain('Automatisch betalen staat aan.');
    expect(on.body).toContain('Gekozen dag van de maand: 27.');
    expect(on.body).toContain(`action="${path}/direct-debit/stop" id="direct-debit-stop"`);
    expect(on.body).not.toContain('name="collectionDay"');
    expect(on.headers['content-security-policy']).toContain("form-action 'self';");
    // The workflow announces the first collection; the page shows its amount and date.
    const announced = await eventually(async () => {
      const response = await page(`${path}?lang=en`);
      return response.body.includes('data-next-collection') && response.body;
    });
    expect(announced).toMatch(/<p data-next-collection>Next collection: €123\.44 on \d{1,2} \w+ \d{4}/);

    // Inviting again while active: refused kindly, nothing changes.
    const again = await post(`${path}/direct-debit`, { collectionDay: '5' });
    expect(again.headers.location).toContain('e=direct-debit-refused');
    expect((await directDebitOf(invoiceId))?.collectionDay).toBe(27);

    // Stop, with an optional reason that is too long first.
    const long = await post(`${path}/direct-debit/stop`, { reason: 'x'.repeat(501) });
    expect(long.headers.location).toContain('e=reason-too-long');
    expect((await directDebitOf(invoiceId))?.status).toBe('active');
    const stopped = await post(`${path}/direct-debit/stop`, { reason: '' });
    expect(stopped.statusCode).toBe(303);
    expect(stopped.headers.location).toBe(`${path}?lang=nl&done=direct-debit-stopped`);
    expect(await directDebitOf(invoiceId)).toMatchObject({
      status: 'ended',
      endReason: 'stopped by debtor via self-service',
    });
    const after = await page(stopped.headers.location as string);
    expect(after.body).toContain('Automatisch betalen is gestopt. U betaalt weer zelf.');
    // Stopped by the debtor: the plain offer again, without a note.
    expect(after.body).toContain('<details class="card" id="direct-debit">');
    expect(after.body).not.toContain('data-direct-debit=');
    const twice = await post(`${path}/direct-debit/stop`, {});
    expect(twice.headers.location).toContain('e=direct-debit-stop-refused');

    // A mandate on file now: a new invitation activates at once, without a checkout.
    const reused = await post(`${path}/direct-debit`, { collectionDay: '3' });
    expect(reused.headers.location).toBe(`${path}?lang=nl&done=direct-debit`);
    expect(await directDebitOf(invoiceId)).toMatchObject({ status: 'active', collectionDay: 3 });
  });

  it('offers no direct debit while the creditor has no SEPA creditor identifier', async () => {
    const { invoiceId, path } = await invoiceWithPage();
    expect((await h.call('PUT', '/v1/settings', {})).statusCode).toBe(200);
    try {
      const offer = await page(path);
      expect(offer.statusCode).toBe(200);
      expect(offer.body).not.toContain('id="direct-debit"');
      const refused = await post(`${path}/direct-debit`, { collectionDay: '21' });
      expect(refused.headers.location).toContain('e=direct-debit-refused');
      expect(await directDebitOf(invoiceId)).toBeNull();
    } finally {
      await h.call('PUT', '/v1/settings', { sepaCreditorId: 'NL79ZZZ999999990000' });
    }
  });

  it('preselects the day after the debtor’s payday; no offer while disputed or once closed', async () => {
    const { invoiceId, path } = await invoiceWithPage({ payday: { dayOfMonth: 20 } });
    expect((await page(path)).body).toContain('<option value="21" selected>');

    expect((await post(`${path}/dispute`, { reason: 'Niet besteld' })).headers.location).toContain(
      'done=dispute',
    );
    const disputed = await page(path);
    expect(disputed.body).not.toContain('id="direct-debit"');
    expect(disputed.headers['content-security-policy']).toContain("form-action 'self';");
    const refused = await post(`${path}/direct-debit`, { collectionDay: '21' });
    expect(refused.headers.location).toContain('e=direct-debit-refused');
    expect(await directDebitOf(invoiceId)).toBeNull();

    expect(
      (await h.call('POST', `/v1/invoices/${invoiceId}/cancel`, { reason: 'credit note' })).statusCode,
    ).toBe(200);
    const closed = await post(`${path}/direct-debit`, { collectionDay: '21' });
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe(`${path}?lang=nl`);
    const closedPage = await page(path);
    expect(closedPage.statusCode).toBe(200);
    expect(closedPage.body).toContain('id="closed"');
  });

  it('after collections failed, says automatic payment stopped and offers the form again', async () => {
    const { invoiceId, path } = await invoiceWithPage();
    const checkout = await invite(path, '10');
    // The sandbox mandate's collections bounce (insufficient funds).
    await settleCheckout(checkout, { outcome: 'paid', collections: 'failed' });
    await eventually(async () => (await directDebitOf(invoiceId))?.status === 'active');

    // The demo policy announces and submits collections within seconds; the sandbox bank bounces them.
    const ended = await eventually(async () => {
      for (const row of await h.sandbox.psp.settleDueCollections(0, h.tenantId)) {
        expect(await h.sandbox.psp.announce(row)).toBe(true);
      }
      await h.app.webhooks.drain();
      const state = await directDebitOf(invoiceId);
      return state?.status === 'ended' && state;
    }, 60_000);
    expect(ended.collections.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(ended.collections[0]!.failureReason).toBe('AM04');
    expect(ended.endReason).toBe('2 collections failed');

    const note = await page(path);
    expect(note.body).toContain('data-direct-debit="ended"');
    expect(note.body).toContain('De laatste afschrijvingen zijn niet gelukt.');
    expect(note.body).toContain('name="collectionDay"');
    expect(note.body).toContain('<option value="10" selected>');
  }, 90_000);

  it('documents both form posts in /openapi.json', async () => {
    const spec = (await page('/openapi.json')).json() as {
      paths: Record<
        string,
        { post?: { summary?: string; responses: Record<string, { description?: string }> } }
      >;
    };
    const start = spec.paths['/p/{token}/direct-debit']?.post;
    expect(start?.summary).toMatch(/direct debit/);
    expect(start?.responses['303']?.description).toMatch(/checkout/);
    expect(spec.paths['/p/{token}/direct-debit/stop']?.post?.summary).toMatch(/Stop/);
  });
});
