// The console's ladder pages through the app on the real database: an admin saves a new ladder and a
// new version from the form, a refused save shows each problem at its field, the assignment takes
// effect for the API's next invoice; other roles read only; CSRF; another tenant's ladder is a 404.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valuesOfPolicy } from '../../api/console/ladder-form.js';
import { debtors, invoices } from '../../db/schema.js';
import { type LadderStep, NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { signedInConsoleUser } from '../support/console-seed.js';
import { type ApiHarness, invoiceBody, startApiHarness, type Tenant } from './harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let h: ApiHarness;
let tenant: Tenant;
beforeAll(async () => {
  h = await startApiHarness({ worker: false });
  tenant = await h.newTenant();
});
afterAll(async () => {
  await h?.close();
});

const signedIn = (tenantId: string, role: 'viewer' | 'collector' | 'admin') =>
  signedInConsoleUser(h.app, h.database.db, tenantId, role);

const get = (url: string, cookie: string) =>
  h.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en', cookie } });
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

async function post(url: string, cookie: string, fields: Record<string, string>, withToken = true) {
  const page = await get('/console/ladders', cookie);
  const token = withToken ? csrfOf(page.body) : 'forged';
  return h.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, 'accept-language': 'en', cookie, origin: h.baseUrl },
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
  });
}

/** The error text the form shows at a field (its name is the pointer without the slash). */
function errorAt(response: LightMyRequestResponse, name: string): string | undefined {
  const id = `f-${name.replaceAll('/', '-')}-error`;
  return new RegExp(`<small id="${id}" class="field-error">([^<]*)</small>`).exec(response.body)?.[1];
}

const consumerForm = (id: string, changes: Record<string, string> = {}) => ({
  ...valuesOfPolicy(NL_CONSUMER, id),
  description: 'Console ladder',
  ...changes,
});

describe('console ladders', () => {
  it('an admin saves a ladder and a new version; invoices after the assignment take the newest', async () => {
    const admin = await signedIn(tenant.tenantId, 'admin');
    const created = await post('/console/ladders/new', admin.cookie, consumerForm('console-ladder'));
    expect(created.statusCode, created.body).toBe(303);
    expect(created.headers.location).toBe('/console/ladders/console-ladder?saved=1');
    const again = await post('/console/ladders/console-ladder', admin.cookie, {
      ...consumerForm('console-ladder'),
      'steps/1/after/days': '5',
    });
    expect(again.statusCode, again.body).toBe(303);
    const page = await get('/console/ladders/console-ladder?saved=1', admin.cookie);
    expect(page.body).toContain('Saved as version 2.');
    expect(page.body).toContain('name="steps/1/after/days" type="text" value="5"');
    expect(page.body).toMatch(/<td class="num">2<\/td><td>[^<]*@example\.test<\/td>/);

    const assigned = await post('/console/ladders/console-ladder/assign', admin.cookie, {});
    expect(assigned.headers.location).toBe('/console/ladders/console-ladder?assigned=consumer');
    const { policy: _demo, ...body } = invoiceBody();
    const invoice = await h.call('POST', '/v1/invoices', body, { as: tenant });
    expect(invoice.json()).toMatchObject({ policy: 'console-ladder', policyVersion: 2 });

    // The version list counts the invoice on version 2 only.
    const counted = (await get('/console/ladders/console-ladder', admin.cookie)).body;
    expect(counted).toMatch(/<td class="num">2<\/td>(<td>[^<]*<\/td>){3}<td class="num">1<\/td>/);
    expect(counted).toMatch(/<td class="num">1<\/td>(<td>[^<]*<\/td>){3}<td class="num">0<\/td>/);
    const list = await get('/console/ladders', admin.cookie);
    expect(list.body).toContain(
      '<tr><th scope="row">consumers</th><td><a href="/console/ladders/console-ladder">console-ladder</a> · Version 2</td></tr>',
    );
  });

  it('the direct-debit limits are edited in the form and kept by the version', async () => {
    const admin = await signedIn(tenant.tenantId, 'admin');
    const form = (await get('/console/ladders/new', admin.cookie)).body;
    // A policy without limits of its own shows the defaults that apply to it.
    expect(form).toContain('name="directDebit/leadDays" type="text" value="5"');
    const created = await post(
      '/console/ladders/new',
      admin.cookie,
      consumerForm('debit-ladder', {
        'directDebit/leadDays': '14',
        'directDebit/chargebackWindowDays': '56',
      }),
    );
    expect(created.statusCode, created.body).toBe(303);
    const stored = await h.call('GET', '/v1/policies/debit-ladder', undefined, { as: tenant });
    expect(stored.json().versions[0]).toMatchObject({
      version: 1,
      directDebit: { leadDays: 14, maxAttempts: 2, verificationCents: 1, chargebackWindowDays: 56 },
    });
    const typo = await post('/console/ladders/debit-ladder', admin.cookie, {
      ...consumerForm('debit-ladder'),
      'directDebit/maxAttempts': '2,5',
    });
    expect(typo.statusCode).toBe(422);
    expect(errorAt(typo, 'directDebit/maxAttempts')).toBe(
      'direct debit needs at least one collection attempt (a whole number up to 10)',
    );
  });

  it('a refused save answers 422 with each problem at its field, and stores nothing', async () => {
    const admin = await signedIn(tenant.tenantId, 'admin');
    const response = await post(
      '/console/ladders/new',
      admin.cookie,
      consumerForm('refused-ladder', {
        respectCalendar: '',
        'steps/3/costDeadline/days': '10',
        'steps/2/channels': 'email, fax',
        'paymentPlan/maxInstalments': '13',
        'directDebit/leadDays': '0',
      }),
    );
    expect(response.statusCode).toBe(422);
    expect(errorAt(response, 'directDebit/leadDays')).toBe(
      'direct debit needs at least one day of pre-notification (a whole number up to 60)',
    );
    expect(errorAt(response, 'respectCalendar')).toBe(
      'contact hours (07:00–20:00, no Sundays or holidays) cannot be switched off',
    );
    expect(errorAt(response, 'steps/3/costDeadline/days')).toBe(
      'the term after receipt must be 14 to 60 days (art. 6:96 lid 6 BW)',
    );
    expect(errorAt(response, 'steps/2/channels')).toBe('must be one of email, sms, whatsapp, letter, app');
    expect(errorAt(response, 'paymentPlan/maxInstalments')).toBe(
      'payment plan instalments must lie within 2–12',
    );
    expect(response.body).toContain('aria-invalid="true"');
    // What the admin typed stays in the form.
    expect(response.body).toContain('name="steps/2/channels" type="text" value="email, fax"');
    expect((await h.call('GET', '/v1/policies/refused-ladder', undefined, { as: tenant })).statusCode).toBe(
      404,
    );
  });

  it('a skipped row moves the problems of the steps after it to their own rows', async () => {
    const admin = await signedIn(tenant.tenantId, 'admin');
    const response = await post(
      '/console/ladders/new',
      admin.cookie,
      consumerForm('gap-ladder', { 'steps/2/id': '', 'steps/4/template': 'formal-notice' }),
    );
    expect(response.statusCode).toBe(422);
    expect(errorAt(response, 'steps/4/template')).toBe(
      'the formal-notice text is written for a formal-notice step',
    );
  });

  it('viewers read a disabled form; a collector cannot save; a forged token is refused', async () => {
    const viewer = await signedIn(tenant.tenantId, 'viewer');
    const page = await get('/console/ladders/nl-consumer', viewer.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<fieldset disabled>');
    expect(page.body).not.toContain('Save as a new version');
    expect((await get('/console/ladders/new', viewer.cookie)).statusCode).toBe(403);
    const collector = await signedIn(tenant.tenantId, 'collector');
    expect(
      (await post('/console/ladders/new', collector.cookie, consumerForm('by-collector'))).statusCode,
    ).toBe(403);
    const admin = await signedIn(tenant.tenantId, 'admin');
    expect((await post('/console/ladders/new', admin.cookie, consumerForm('forged'), false)).statusCode).toBe(
      403,
    );
    expect((await h.call('GET', '/v1/policies/by-collector', undefined, { as: tenant })).statusCode).toBe(
      404,
    );
  });

  it('another tenant’s ladder is as absent as a made-up one', async () => {
    const other = await h.newTenant();
    const admin = await signedIn(other.tenantId, 'admin');
    expect((await get('/console/ladders/console-ladder', admin.cookie)).statusCode).toBe(404);
    expect(
      (await post('/console/ladders/console-ladder', admin.cookie, consumerForm('console-ladder')))
        .statusCode,
    ).toBe(404);
    expect((await get('/console/ladders', admin.cookie)).body).not.toContain('console-ladder');
  });

  it('steps are named in the form; the worklist filters on a stage the tenant named', async () => {
    const own = await h.newTenant();
    const admin = await signedIn(own.tenantId, 'admin');
    const third: LadderStep = {
      id: 'herinnering-3',
      kind: 'reminder',
      after: { days: 7, from: 'previous' },
      channels: 'preferred',
      template: 'reminder-2',
    };
    const steps = [...NL_CONSUMER.steps.slice(0, 3), third, ...NL_CONSUMER.steps.slice(3)];
    const values = { ...valuesOfPolicy({ ...NL_CONSUMER, steps }, 'drie'), description: 'Three reminders' };
    const created = await post('/console/ladders/new', admin.cookie, values);
    expect(created.statusCode, created.body).toBe(303);
    const saved = (await h.call('GET', '/v1/policies/drie', undefined, { as: own })).json();
    expect(saved.versions[0].steps[3]).toEqual(third);
    const page = await get('/console/ladders/drie', admin.cookie);
    expect(page.body).toContain('name="steps/3/id" type="text" value="herinnering-3"');

    const refused = await post('/console/ladders/new', admin.cookie, {
      ...values,
      id: 'drie-b',
      'steps/3/id': 'plan1',
    });
    expect(refused.statusCode).toBe(422);
    expect(errorAt(refused, 'steps/3/id')).toBe('plan1 is a name Settle uses itself: choose another id');

    // An open invoice at the custom stage, as the workflow's read model would write it.
    await h.database.db
      .insert(debtors)
      .values({ tenantId: own.tenantId, id: 'D-1', type: 'consumer', name: 'Jan' });
    await h.database.db.insert(invoices).values({
      tenantId: own.tenantId,
      invoiceId: 'INV-3',
      debtorId: 'D-1',
      workflowId: `dunning:${own.tenantId}:INV-3`,
      requestHash: 'INV-3',
      amountCents: 10_000,
      currency: 'EUR',
      issueDate: '2027-01-01',
      dueDate: '2027-01-15',
      policyId: 'drie',
      amountDueCents: 10_000,
      status: 'open',
      stage: 'herinnering-3',
    });
    const worklist = await get('/console?stage=herinnering-3', admin.cookie);
    expect(worklist.statusCode).toBe(200);
    expect(worklist.body).toContain('<option value="herinnering-3" selected>herinnering-3</option>');
    expect(worklist.body).toContain('INV-3');
    const elsewhere = await get('/console?stage=reminder-1', admin.cookie);
    expect(elsewhere.body).not.toContain('INV-3');
    expect(elsewhere.body).toContain('<option value="herinnering-3">herinnering-3</option>');
  });
});
