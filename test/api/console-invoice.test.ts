// The console's invoice page, its confirmed actions and the debtor page, through the app on the real
// database and a real worker: what each role sees (masking, no actions for viewers), CSRF, tenant
// isolation, the messages as stored (sanitised email HTML in a frameable sandboxed preview, the
// letter's PDF, SMS text), and each action's effect on the read model.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../activities/templates/safety.js';
import { CONSOLE_TEXTS } from '../../api/console/texts.js';
import { getDebtor } from '../../db/queries/debtors.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { type NewMessageCopy, storeMessageCopy } from '../../db/queries/message-copies.js';
import { paymentsOfInvoice } from '../../db/queries/payments.js';
import { today } from '../../workflows/dunning-logic.js';
import { seedInvoice, signedInConsoleUser } from '../support/console-seed.js';
import { type ApiHarness, eventually, invoiceBody, isoDay, startApiHarness, type Tenant } from './harness.js';

const en = CONSOLE_TEXTS.en;
const t = en.casework;
const UI = 'http://temporal-ui.test:8233';

let h: ApiHarness;
let other: Tenant;

beforeAll(async () => {
  h = await startApiHarness({ env: { TEMPORAL_UI_URL: `${UI}/` } });
  other = await h.newTenant();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

type Role = 'viewer' | 'collector' | 'admin';
interface User {
  cookie: string;
  csrf: string;
}

async function signedIn(tenantId: string, role: Role): Promise<User> {
  const { cookie } = await signedInConsoleUser(h.app, h.database.db, tenantId, role);
  const page = await get('/console', cookie);
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
}

const get = (url: string, cookie: string) =>
  h.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en', cookie } });

function post(url: string, user: User, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'accept-language': 'en',
      origin: h.baseUrl,
      cookie: user.cookie,
      ...headers,
    },
    payload: new URLSearchParams({ _csrf: user.csrf, ...fields }).toString(),
  });
}

/** The idempotency key the action form was shown with. */
async function formKey(user: User, invoiceId: string, action: string): Promise<string> {
  const form = await get(`/console/invoices/${invoiceId}/actions/${action}`, user.cookie);
  expect(form.statusCode).toBe(200);
  return /name="key" value="([^"]+)"/.exec(form.body)![1]!;
}

async function act(user: User, invoiceId: string, action: string, fields: Record<string, string> = {}) {
  const key = await formKey(user, invoiceId, action);
  return post(`/console/invoices/${invoiceId}/actions/${action}`, user, { key, confirm: 'yes', ...fields });
}

function expectDone(response: LightMyRequestResponse, invoiceId: string, action: string) {
  if (response.statusCode !== 303) throw new Error(`${action}: ${response.statusCode} ${response.body}`);
  expect(response.headers.location).toBe(`/console/invoices/${invoiceId}?done=${action}`);
}

const statusOf = async (invoiceId: string) =>
  (await getInvoice(h.database.db, h.tenantId, invoiceId))?.status;

/** A new invoice on the demo policy whose workflow has sent its payment request. */
async function runningInvoice(): Promise<{ invoiceId: string; debtorId: string }> {
  const body = invoiceBody();
  expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
  await eventually(async () => {
    const timeline = (await h.call('GET', `/v1/invoices/${body.invoiceId}/timeline`)).json() as {
      entries: { kind: string; detail?: string }[];
    };
    return timeline.entries.some((e) => e.kind === 'step' && e.detail === 'payment-request');
  });
  return { invoiceId: body.invoiceId, debtorId: body.debtor.id };
}

/** A seeded invoice with four messages: three with the copy their send stored, one sent before copies were kept. */
async function seededWithMessages(tenantId: string) {
  const seeded = await seedInvoice(h.database.db, tenantId, today(new Date()), {
    debtor: { name: 'Bram Bakker', email: 'bram@bounce.example', phone: '+31612345678' },
    amountDueCents: 24_950,
    messages: [
      { channel: 'email', status: 'bounced' },
      { channel: 'sms', status: 'delivered' },
      { channel: 'letter', status: 'sent' },
      { channel: 'whatsapp', status: 'delivered' },
    ],
  });
  const workflowId = `dunning-${tenantId}-${seeded.invoiceId}`;
  // What each send stored of what it handed its provider; the WhatsApp message (m3) predates copies.
  const copy = (index: number, values: Omit<NewMessageCopy, 'messageId' | 'tenantId'>) =>
    storeMessageCopy(h.database.db, { messageId: `${workflowId}-m${index}`, tenantId, ...values });
  await copy(0, {
    recipient: 'bram@bounce.example',
    subject: 'Herinnering factuur',
    text: 'Beste Bram, betaal alstublieft.',
    html: '<html><body><p style="color:#123456">Beste Bram</p><script>alert(1)</script><img src="x" onerror="alert(2)"></body></html>',
    templateVersion: 3,
  });
  await copy(1, {
    recipient: '+31612345678',
    text: 'Settle: betaal EUR 249,50 via https://pay.example/x',
    unsendableVersion: 2,
  });
  await copy(2, {
    recipient: 'Bram Bakker, Dorpsstraat 1, 3511 AA Utrecht, NL',
    text: 'Brief: laatste herinnering',
    pdf: Buffer.from('%PDF-1.4 letter'),
  });
  return { ...seeded, workflowId };
}

describe('the invoice page', () => {
  it('shows a collector the amounts, the messages as sent with their delivery history, the actions and the Temporal run', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { invoiceId, debtorId, workflowId } = await seededWithMessages(h.tenantId);
    const page = await get(`/console/invoices/${invoiceId}`, collector.cookie);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain(`<h1>Invoice ${invoiceId}</h1>`);
    expect(body).toContain('<strong>EUR 249.50</strong>');
    expect(body).toContain(
      `<a href="/console/debtors/${debtorId}">${debtorId}</a> · Bram Bakker · bram@bounce.example`,
    );
    expect(body).toContain(
      `href="${UI}/namespaces/default/workflows/${encodeURIComponent(workflowId)}" rel="noopener noreferrer" target="_blank">${t.temporalRun}</a>`,
    );
    // The email in a sandboxed frame of its preview, its text version beside it.
    const preview = `/console/invoices/${invoiceId}/messages/${encodeURIComponent(`${workflowId}-m0`)}/preview`;
    expect(body).toContain(
      `<iframe class="email-frame" sandbox="" src="${preview}" title="The email as sent: Herinnering factuur"></iframe>`,
    );
    expect(body).toContain('Subject: <strong>Herinnering factuur</strong>');
    expect(body).toContain('<pre class="message-text">Beste Bram, betaal alstublieft.</pre>');
    expect(body).toContain(
      '<blockquote class="bubble"><pre class="message-text">Settle: betaal EUR 249,50 via https://pay.example/x</pre></blockquote>',
    );
    expect(body).toContain(
      `<a href="/console/invoices/${invoiceId}/messages/${encodeURIComponent(`${workflowId}-m2`)}/preview" download>${t.messages.openLetter}</a>`,
    );
    // Each message names the text it was rendered from.
    expect(body).toContain(
      `${t.messages.template('reminder-1', 'nl')} · ${t.messages.source.tenant(3)}</small>`,
    );
    expect(body).toContain(`· ${escapeHtml(t.messages.source.fallback(2))}</small>`);
    expect(body).toContain(`· ${t.messages.source.shipped}</small>`);
    // The WhatsApp message was sent before Settle kept copies: Settle says so instead of guessing.
    expect(body.split(t.messages.notStored)).toHaveLength(2);
    expect(body).toContain('<span class="status flag">bounced</span>');
    expect(body.match(/<article class="message"/g)).toHaveLength(4);
    // Actions for an open invoice, in the order offered.
    const actions = [...body.matchAll(/href="\/console\/invoices\/[^/]+\/actions\/([a-z]+)"/g)].map(
      (m) => m[1],
    );
    expect(actions).toEqual(['pause', 'promise', 'plan', 'payment', 'dispute', 'cancel']);
    // The page runs no script of its own and may frame only this site.
    expect(String(page.headers['content-security-policy'])).toContain("frame-src 'self'");
    expect(body).not.toMatch(/<script/);
  });

  it('serves the email sanitised under the preview headers, frameable by this site only; the letter as a PDF download', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { invoiceId, workflowId } = await seededWithMessages(h.tenantId);
    const url = (index: number) =>
      `/console/invoices/${invoiceId}/messages/${encodeURIComponent(`${workflowId}-m${index}`)}/preview`;
    const email = await get(url(0), collector.cookie);
    expect(email.statusCode).toBe(200);
    expect(email.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(email.body).toContain('<p style="color:#123456">Beste Bram</p>');
    expect(email.body).not.toContain('<script');
    expect(email.body).not.toContain('onerror');
    const csp = String(email.headers['content-security-policy']);
    expect(csp).toMatch(/(^|;\s*)sandbox(;|$)/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(email.headers['x-frame-options']).toBe('SAMEORIGIN');

    const letter = await get(url(2), collector.cookie);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9_-]+\.pdf"$/);
    expect(letter.rawPayload.toString()).toBe('%PDF-1.4 letter');
    const sms = await get(url(1), collector.cookie);
    expect(sms.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(sms.body).toBe('Settle: betaal EUR 249,50 via https://pay.example/x');
    // No copy stored: nothing to show.
    expect((await get(url(3), collector.cookie)).statusCode).toBe(404);
  });

  it('shows a viewer the invoice without debtor data, message content or actions, and refuses them all', async () => {
    const viewer = await signedIn(h.tenantId, 'viewer');
    const { invoiceId, workflowId } = await seededWithMessages(h.tenantId);
    const page = await get(`/console/invoices/${invoiceId}`, viewer.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(' · B••• B••• · b•••@b•••');
    expect(page.body).not.toContain('Bram');
    expect(page.body).not.toContain('<iframe');
    expect(page.body.split(t.messages.hidden)).toHaveLength(5);
    expect(page.body).not.toContain('/actions/');
    expect(page.body).not.toContain(`<h2 id="actions">`);
    // Delivery history stays visible: it names no one.
    expect(page.body).toContain('<strong>bounced</strong>');
    const preview = `/console/invoices/${invoiceId}/messages/${encodeURIComponent(`${workflowId}-m0`)}/preview`;
    expect((await get(preview, viewer.cookie)).statusCode).toBe(403);
    expect((await get(`/console/invoices/${invoiceId}/actions/pause`, viewer.cookie)).statusCode).toBe(403);
    const refused = await post(`/console/invoices/${invoiceId}/actions/pause`, viewer, {
      key: 'k'.repeat(32),
      confirm: 'yes',
      reason: 'viewer tries',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain(en.forbidden.role);
  });

  it("answers another tenant's invoice, message and action as if they did not exist", async () => {
    const outsider = await signedIn(other.tenantId, 'admin');
    const { invoiceId, workflowId, debtorId } = await seededWithMessages(h.tenantId);
    expect((await get(`/console/invoices/${invoiceId}`, outsider.cookie)).statusCode).toBe(404);
    const preview = `/console/invoices/${invoiceId}/messages/${encodeURIComponent(`${workflowId}-m0`)}/preview`;
    expect((await get(preview, outsider.cookie)).statusCode).toBe(404);
    expect((await get(`/console/invoices/${invoiceId}/actions/pause`, outsider.cookie)).statusCode).toBe(404);
    const action = await post(`/console/invoices/${invoiceId}/actions/pause`, outsider, {
      key: 'k'.repeat(32),
      confirm: 'yes',
      reason: 'not mine',
    });
    expect(action.statusCode).toBe(404);
    expect((await get(`/console/debtors/${debtorId}`, outsider.cookie)).statusCode).toBe(404);
    const edit = await post(`/console/debtors/${debtorId}/edit`, outsider, { name: 'Someone Else' });
    expect(edit.statusCode).toBe(404);
    expect((await getDebtor(h.database.db, h.tenantId, debtorId))?.name).toBe('Bram Bakker');
    // A message id of this tenant under another invoice's path is no message of that invoice.
    const mine = await signedIn(h.tenantId, 'collector');
    const second = await seedInvoice(h.database.db, h.tenantId, today(new Date()));
    const crossed = `/console/invoices/${second.invoiceId}/messages/${encodeURIComponent(`${workflowId}-m0`)}/preview`;
    expect((await get(crossed, mine.cookie)).statusCode).toBe(404);
  });
});

describe('invoice actions', () => {
  it('refuses a form without the CSRF token or from another site, and does nothing', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { invoiceId } = await runningInvoice();
    const key = await formKey(collector, invoiceId, 'pause');
    const fields = { key, confirm: 'yes', reason: 'csrf test' };
    const url = `/console/invoices/${invoiceId}/actions/pause`;
    const noToken = await post(url, { ...collector, csrf: 'x'.repeat(43) }, fields);
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain(en.forbidden.csrf);
    const elsewhere = await post(url, collector, fields, { origin: 'https://evil.example' });
    expect(elsewhere.statusCode).toBe(403);
    expect(await statusOf(invoiceId)).toBe('open');
  });

  it('asks for the confirmation and shows the API’s validation at the fields, keeping the form’s key', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { invoiceId } = await runningInvoice();
    const key = await formKey(collector, invoiceId, 'pause');
    const unconfirmed = await post(`/console/invoices/${invoiceId}/actions/pause`, collector, {
      key,
      reason: 'later',
    });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain(
      `aria-invalid="true" aria-describedby="f-confirm-error">${t.actions.confirm}</label><small id="f-confirm-error" class="field-error">${t.actions.confirmRequired}</small>`,
    );
    expect(unconfirmed.body).toContain(`name="key" value="${key}"`);
    const noReason = await post(`/console/invoices/${invoiceId}/actions/pause`, collector, {
      key,
      confirm: 'yes',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain(
      '<small id="f-reason-error" class="field-error">must have required property &#39;reason&#39;</small>',
    );
    const amount = await act(collector, invoiceId, 'payment', { amount: '12.345' });
    expect(amount.statusCode).toBe(422);
    expect(amount.body).toContain(
      '<small id="f-amount-error" class="field-error">use a positive amount with at most two decimals, e.g. &quot;123.45&quot;</small>',
    );
    // The workflow's own refusal (more than is due) comes back on the form too.
    const over = await act(collector, invoiceId, 'payment', { amount: '500,00' });
    expect(over.statusCode).toBe(422);
    expect(over.body).toMatch(/<div role="alert" class="form-errors">.*overpayment/s);
    expect(await statusOf(invoiceId)).toBe('open');
    expect(await paymentsOfInvoice(h.database.db, h.tenantId, invoiceId)).toHaveLength(0);
  });

  it("words the forms' errors and the workflow's refusals in Dutch for a Dutch user", async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { invoiceId } = await runningInvoice();
    const inDutch = async (action: string, fields: Record<string, string>) => {
      const key = await formKey(collector, invoiceId, action);
      const url = `/console/invoices/${invoiceId}/actions/${action}`;
      const nl = { 'accept-language': 'nl' };
      const answer = await post(url, collector, { key, confirm: 'yes', ...fields }, nl);
      expect(answer.statusCode).toBe(422);
      return answer.body;
    };
    expect(await inDutch('payment', { amount: '12.345' })).toContain(
      '<small id="f-amount-error" class="field-error">vul een positief bedrag in met hoogstens twee decimalen, bijv. 123,45</small>',
    );
    // Ajv's own messages, through ajv-i18n.
    expect(await inDutch('pause', {})).toContain(
      '<small id="f-reason-error" class="field-error">moet de eigenschap reason bevatten</small>',
    );
    expect(await inDutch('payment', { amount: '500,00' })).toMatch(
      /<div role="alert" class="form-errors">.*<li>te veel: er staat nog € 123,45 open<\/li>/s,
    );
    expect(await inDutch('resume', {})).toContain('<li>de factuur is niet gepauzeerd</li>');
    expect(await paymentsOfInvoice(h.database.db, h.tenantId, invoiceId)).toHaveLength(0);
  });

  it('pauses and resumes; the page then shows the status from the read model', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { invoiceId } = await runningInvoice();
    expectDone(
      await act(collector, invoiceId, 'pause', { reason: 'customer on holiday' }),
      invoiceId,
      'pause',
    );
    await eventually(async () => (await statusOf(invoiceId)) === 'paused');
    const page = await get(`/console/invoices/${invoiceId}?done=pause`, collector.cookie);
    expect(page.body).toContain(`<p role="status"><mark>${t.done.pause}</mark></p>`);
    expect(page.body).toContain('<tr><th scope="row">Status</th><td>paused</td></tr>');
    const actions = [...page.body.matchAll(/\/actions\/([a-z]+)"/g)].map((m) => m[1]);
    expect(actions).toEqual(['resume', 'payment', 'cancel']);
    expectDone(await act(collector, invoiceId, 'resume'), invoiceId, 'resume');
    await eventually(async () => (await statusOf(invoiceId)) === 'open');
  });

  it('records a payment once when the same form is sent twice', async () => {
    const admin = await signedIn(h.tenantId, 'admin');
    const { invoiceId } = await runningInvoice();
    const key = await formKey(admin, invoiceId, 'payment');
    const fields = { key, confirm: 'yes', amount: '12,50', paidAt: isoDay(0), reference: '' };
    const url = `/console/invoices/${invoiceId}/actions/payment`;
    expectDone(await post(url, admin, fields), invoiceId, 'payment');
    expectDone(await post(url, admin, fields), invoiceId, 'payment');
    await eventually(
      async () => (await getInvoice(h.database.db, h.tenantId, invoiceId))?.paidCents === 1250,
    );
    const ledger = await paymentsOfInvoice(h.database.db, h.tenantId, invoiceId);
    expect(ledger.map((p) => [p.amountCents, p.source, p.dedupeKey])).toEqual([
      [1250, 'manual', `manual:console:${key}`],
    ]);
    expect(ledger[0]!.paidAt.toISOString()).toBe(`${isoDay(0)}T12:00:00.000Z`);
    expect((await getInvoice(h.database.db, h.tenantId, invoiceId))?.amountDueCents).toBe(12_345 - 1250);
  });

  it('opens a dispute and resolves it rejected; agrees a plan; records a promise; cancels', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const disputed = await runningInvoice();
    expectDone(
      await act(collector, disputed.invoiceId, 'dispute', { reason: 'goods not received' }),
      disputed.invoiceId,
      'dispute',
    );
    await eventually(async () => (await statusOf(disputed.invoiceId)) === 'disputed');
    expectDone(
      await act(collector, disputed.invoiceId, 'resolve', { outcome: 'rejected' }),
      disputed.invoiceId,
      'resolve',
    );
    await eventually(async () => (await statusOf(disputed.invoiceId)) === 'open');

    const planned = await runningInvoice();
    // The demo policy allows at most 4 instalments of €25 for €123.45.
    const tooMany = await act(collector, planned.invoiceId, 'plan', { instalments: '13' });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toMatch(/form-errors.*instalment/s);
    expectDone(
      await act(collector, planned.invoiceId, 'plan', { instalments: '3' }),
      planned.invoiceId,
      'plan',
    );
    await eventually(async () => (await statusOf(planned.invoiceId)) === 'in_plan');

    const promised = await runningInvoice();
    expectDone(
      await act(collector, promised.invoiceId, 'promise', { date: isoDay(5) }),
      promised.invoiceId,
      'promise',
    );
    await eventually(async () => {
      const row = await getInvoice(h.database.db, h.tenantId, promised.invoiceId);
      return row?.status === 'paused' && row.nextAction === 'resume';
    });

    expectDone(
      await act(collector, promised.invoiceId, 'cancel', { reason: 'credit note CN-7' }),
      promised.invoiceId,
      'cancel',
    );
    await eventually(async () => (await statusOf(promised.invoiceId)) === 'cancelled');
    const closed = await get(`/console/invoices/${promised.invoiceId}`, collector.cookie);
    await eventually(async () => (await getInvoice(h.database.db, h.tenantId, promised.invoiceId))?.closedAt);
    const after = await get(`/console/invoices/${promised.invoiceId}`, collector.cookie);
    expect(closed.statusCode).toBe(200);
    expect(after.body).toContain(`<p>${t.actions.closed}</p>`);
    expect(after.body).toContain(t.schedule.nothing('the invoice is closed (cancelled)'));
  });
});

describe('the debtor page', () => {
  it('masks contact data for a viewer and offers no edit; refuses the edit form and its post', async () => {
    const viewer = await signedIn(h.tenantId, 'viewer');
    const { debtorId } = await seededWithMessages(h.tenantId);
    const page = await get(`/console/debtors/${debtorId}`, viewer.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Debtor ${debtorId}</h1>`);
    for (const masked of ['B••• B•••', 'b•••@b•••', '+31•••78', 'U••• (NL)'])
      expect(page.body).toContain(`<span class="masked">${masked}</span>`);
    for (const secret of ['Bram', 'bram@', '612345678', 'Dorpsstraat'])
      expect(page.body).not.toContain(secret);
    expect(page.body).not.toContain('/edit');
    expect((await get(`/console/debtors/${debtorId}/edit`, viewer.cookie)).statusCode).toBe(403);
    expect((await post(`/console/debtors/${debtorId}/edit`, viewer, { name: 'X' })).statusCode).toBe(403);
    expect((await getDebtor(h.database.db, h.tenantId, debtorId))?.name).toBe('Bram Bakker');
  });

  it('shows a collector the contact data, preferences, learned payday and the invoices', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { debtorId, invoiceId } = await seededWithMessages(h.tenantId);
    const second = await seedInvoice(h.database.db, h.tenantId, today(new Date()), {
      debtor: { id: debtorId },
    });
    const page = await get(`/console/debtors/${debtorId}`, collector.cookie);
    const body = page.body;
    expect(body).toContain('<tr><th scope="row">Name</th><td>Bram Bakker</td></tr>');
    expect(body).toContain('<tr><th scope="row">Email address</th><td>bram@bounce.example</td></tr>');
    expect(body).toContain(
      '<tr><th scope="row">Postal address</th><td>Dorpsstraat 1, 1234 AB Utrecht, NL</td></tr>',
    );
    expect(body).toContain('<tr><th scope="row">Reachable by</th><td>email, sms, letter</td></tr>');
    expect(body).toContain(`<tr><th scope="row">Learned payday</th><td>${t.debtor.learnedNone}</td></tr>`);
    const invoices = [...body.matchAll(/<a href="\/console\/invoices\/([^"]+)">/g)].map((m) => m[1]).sort();
    expect(invoices).toEqual([invoiceId, second.invoiceId].sort());
    expect(body).toContain(`href="/console/debtors/${debtorId}/edit">${t.debtor.edit}</a>`);
    // The worklist row links to the debtor too.
    const worklist = await get(`/console?q=${invoiceId}`, collector.cookie);
    expect(worklist.body).toContain(`<a href="/console/debtors/${debtorId}">${debtorId}</a>`);
  });

  it('edits contact data through the PATCH code; its errors come back at the fields', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { invoiceId, debtorId } = await runningInvoice();
    const url = `/console/debtors/${debtorId}/edit`;
    const form = await get(url, collector.cookie);
    expect(form.body).toContain('value="jan@delivered.example"');
    const current = {
      name: 'Jan Jansen',
      email: 'jan@delivered.example',
      phone: '',
      language: 'nl',
      preferredChannel: '',
      'address.line1': 'Dorpsstraat 1',
      'address.line2': '',
      'address.postalCode': '1234 AB',
      'address.city': 'Utrecht',
      'address.country': 'NL',
      appUserId: '',
    };
    const bad = await post(url, collector, { ...current, email: 'not an email' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('<small id="f-email-error" class="field-error">use an email address</small>');
    const whatsapp = await post(url, collector, { ...current, whatsappOptIn: 'yes' });
    expect(whatsapp.statusCode).toBe(422);
    expect(whatsapp.body).toContain(
      '<small id="f-phone-error" class="field-error">is required for WhatsApp</small>',
    );
    const cleared = await post(url, collector, { ...current, email: '' });
    expect(cleared.body).toContain(
      `<small id="f-email-error" class="field-error">${t.debtor.cannotRemove}</small>`,
    );
    const unchanged = await post(url, collector, current);
    expect(unchanged.statusCode).toBe(422);
    expect(unchanged.body).toContain(`<li>${t.debtor.nothingChanged}</li>`);
    expect((await getDebtor(h.database.db, h.tenantId, debtorId))?.email).toBe('jan@delivered.example');

    const saved = await post(url, collector, {
      ...current,
      email: 'jan.jansen@delivered.example',
      phone: '+31687654321',
      whatsappOptIn: 'yes',
      preferredChannel: 'whatsapp',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/console/debtors/${debtorId}?saved=1`);
    expect(await getDebtor(h.database.db, h.tenantId, debtorId)).toMatchObject({
      name: 'Jan Jansen',
      email: 'jan.jansen@delivered.example',
      phone: '+31687654321',
      whatsappOptIn: true,
      preferredChannel: 'whatsapp',
      address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
    });
    const page = await get(String(saved.headers.location), collector.cookie);
    expect(page.body).toContain(`<p role="status"><mark>${t.debtor.saved(1)}</mark></p>`);
    // The open invoice's workflow was told (it records the change as an event).
    await eventually(async () => {
      const timeline = (await h.call('GET', `/v1/invoices/${invoiceId}/timeline`)).json() as {
        entries: { kind: string }[];
      };
      return timeline.entries.some((e) => e.kind === 'contact-updated');
    });
  });

  it('sets the payday the creditor gives; its errors come back at the fields, and it cannot be cleared', async () => {
    const collector = await signedIn(h.tenantId, 'collector');
    const { debtorId } = await runningInvoice();
    const url = `/console/debtors/${debtorId}/edit`;
    const form = await get(url, collector.cookie);
    expect(form.body).toContain('<select id="f-payday-rule" name="payday.rule">');
    const current = Object.fromEntries(
      [
        ...form.body.matchAll(/<input id="[^"]+" name="([^"]+)" type="(?:text|email|tel)" value="([^"]*)"/g),
      ].map((m) => [m[1]!, m[2]!.replaceAll('&amp;', '&')]),
    );
    const withPayday = (fields: Record<string, string>) =>
      post(url, collector, { ...current, language: 'nl', preferredChannel: '', ...fields });
    const tooLate = await withPayday({ 'payday.rule': 'dayOfMonth', 'payday.dayOfMonth': '40' });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.body).toContain(
      '<small id="f-payday-dayOfMonth-error" class="field-error">must be &lt;= 31</small>',
    );
    const notADay = await withPayday({ 'payday.rule': 'four-weekly', 'payday.anchor': '23-01-2026' });
    expect(notADay.body).toContain('<small id="f-payday-anchor-error" class="field-error">use YYYY-MM-DD');
    expect((await getDebtor(h.database.db, h.tenantId, debtorId))?.payday).toBeNull();

    const saved = await withPayday({ 'payday.rule': 'dayOfMonth', 'payday.dayOfMonth': '25' });
    expect(saved.statusCode).toBe(303);
    expect((await getDebtor(h.database.db, h.tenantId, debtorId))?.payday).toEqual({ dayOfMonth: 25 });
    const page = await get(`/console/debtors/${debtorId}`, collector.cookie);
    expect(page.body).toContain(`<td>${t.debtor.pattern({ dayOfMonth: 25 })}</td>`);
    const again = await get(url, collector.cookie);
    expect(again.body).toContain('<option value="dayOfMonth" selected>');
    expect(again.body).toContain('name="payday.dayOfMonth" type="text" value="25"');

    const weekly = await withPayday({ 'payday.rule': 'weekly', 'payday.weekday': '5' });
    expect(weekly.statusCode).toBe(303);
    expect((await getDebtor(h.database.db, h.tenantId, debtorId))?.payday).toEqual({
      rule: 'weekly',
      weekday: 5,
    });
    const cleared = await withPayday({ 'payday.rule': '' });
    expect(cleared.body).toContain(
      `<small id="f-payday-rule-error" class="field-error">${t.debtor.cannotRemove}</small>`,
    );
  });
});
