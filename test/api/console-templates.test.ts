// The console's template editor and house style through the app on the real database: roles, CSRF,
// publish (a version the API lists and a send composes with), the API's refusal shown on the form,
// the diff between versions, rollback, previews, tenant isolation and escaping.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage } from '../../activities/compose-message.js';
import { CONSOLE_TEXTS } from '../../api/console/texts.js';
import type { DebtorRow } from '../../db/queries/debtors.js';
import { getTenant } from '../../db/queries/tenants.js';
import type { SendMessageInput } from '../../workflows/activity-contract.js';
import { seedConsoleUser } from '../support/console-seed.js';
import { type ApiHarness, startApiHarness, type Tenant } from './harness.js';

const en = CONSOLE_TEXTS.en.templateEditor;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let h: ApiHarness;
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  h = await startApiHarness({ worker: false });
  tenant = await h.newTenant();
  other = await h.newTenant();
});
afterAll(async () => {
  await h?.close();
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signedIn(tenantId: string, role: 'viewer' | 'collector' | 'admin'): Promise<Session> {
  const user = await seedConsoleUser(h.database.db, tenantId, role);
  const response = await h.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    headers: FORM,
    payload: new URLSearchParams({ email: user.email, password: user.password }).toString(),
  });
  expect(response.statusCode).toBe(303);
  const cookie = /^(settle_console=[^;]+);/.exec(String(response.headers['set-cookie']))![1]!;
  const page = await get('/console/templates', cookie);
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
}

const get = (url: string, cookie: string) =>
  h.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': 'en' } });

function post(
  url: string,
  session: Session,
  fields: Record<string, string>,
  { csrf = true, origin = h.baseUrl }: { csrf?: boolean; origin?: string } = {},
): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, cookie: session.cookie, origin, 'accept-language': 'en' },
    payload: new URLSearchParams({ ...(csrf ? { _csrf: session.csrf } : {}), ...fields }).toString(),
  });
}

const versionsOf = async (path: string, as: Tenant) =>
  (await h.call('GET', `/v1/templates/${path}/versions`, undefined, { as })).json().versions as {
    version: number;
    content: Record<string, unknown> | null;
    restoredFrom: number | null;
  }[];

const debtor: DebtorRow = {
  tenantId: '',
  id: 'D-1',
  type: 'consumer',
  name: 'Anna de Vries',
  email: 'anna@example.org',
  phone: '+31612345678',
  whatsappOptIn: true,
  language: 'en',
  address: null,
  preferredChannel: null,
  payday: null,
  appUserId: null,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
};

/** The email a send of reminder-2 composes for this tenant now. */
async function composedEmail(tenantId: string) {
  const tenantRow = await getTenant(h.database.db, tenantId);
  const input = {
    tenantId,
    invoiceId: 'INV-1',
    workflowId: `dunning:${tenantId}:INV-1`,
    idempotencyKey: 'k',
    debtorId: debtor.id,
    stepKey: 'reminder-2',
    channel: 'email',
    template: 'reminder-2',
    amounts: {
      principalCents: 12_345,
      costsCents: 0,
      interestCents: 0,
      paidCents: 0,
      dueCents: 12_345,
      parts: {
        principal: { chargedCents: 12_345, paidCents: 0, outstandingCents: 12_345 },
        costs: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
        interest: { chargedCents: 0, paidCents: 0, outstandingCents: 0 },
      },
    },
    dueDate: '2026-11-15',
  } as SendMessageInput;
  const composition = await composeMessage({
    input,
    debtor: { ...debtor, tenantId },
    brand: tenantRow!.brand,
    settings: {},
    postedOn: '2026-11-16',
    db: h.database.db,
    urls: { baseUrl: h.baseUrl, tokenSecret: 'x'.repeat(32) },
  });
  const message = composition!.message;
  if (message.channel !== 'email') throw new Error('expected an email');
  return message;
}

const EDITOR = '/console/templates/reminder-2/email/en';

describe('the template catalogue and editor', () => {
  it('asks for a sign-in, lets a viewer read but not edit, and shows a collector the form', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/console/templates' })).statusCode).toBe(303);
    const viewer = await signedIn(tenant.tenantId, 'viewer');
    const catalogue = await get('/console/templates', viewer.cookie);
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.body).toContain(`<h1>${en.title}</h1>`);
    expect(catalogue.body).toContain(`href="${EDITOR}"`);
    const page = await get(EDITOR, viewer.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(en.readOnly);
    expect(page.body).not.toContain('id="template-form"');
    const refused = await post(EDITOR, viewer, { subject: 'Viewer text {{invoiceId}}' });
    expect(refused.statusCode).toBe(403);
    expect(await versionsOf('reminder-2/email/en', tenant)).toEqual([]);

    const collector = await signedIn(tenant.tenantId, 'collector');
    const editor = await get(EDITOR, collector.cookie);
    expect(editor.body).toContain('id="template-form"');
    // The page may frame this origin's previews only, and run only this origin's scripts.
    const csp = String(editor.headers['content-security-policy']);
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // Only the placeholders reminder-2 always has: no {{deadline}}, no {{creditorPhone}} without a phone.
    expect(editor.body).toContain('<code>{{invoiceId}}</code>');
    expect(editor.body).not.toContain('<code>{{deadline}}</code>');
    expect(editor.body).toContain('src="/console/assets/template-preview.js"');
    expect(editor.body).toMatch(
      /<iframe name="preview"[^>]* sandbox=""[^>]* src="\/console\/templates\/reminder-2\/email\/en\/preview"/,
    );
  });

  it('refuses a form without the session’s CSRF token or from another site, storing nothing', async () => {
    const collector = await signedIn(tenant.tenantId, 'collector');
    const before = await versionsOf('reminder-1/sms/en', tenant);
    for (const options of [{ csrf: false }, { origin: 'https://evil.example' }]) {
      const response = await post(
        '/console/templates/reminder-1/sms/en',
        collector,
        { text: 'Pay {{payUrl}}' },
        options,
      );
      expect(response.statusCode).toBe(403);
    }
    expect(await versionsOf('reminder-1/sms/en', tenant)).toEqual(before);
  });

  it('publishes a version that the API lists and a send composes, then shows the diff and rolls back', async () => {
    const collector = await signedIn(tenant.tenantId, 'collector');
    const first = await post(EDITOR, collector, {
      subject: 'Invoice {{invoiceId}} is still open',
      paragraphs: 'Dear {{debtorName}},\r\n\r\nPlease pay {{amountDue}} today.',
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${EDITOR}?published=1`);
    expect(await versionsOf('reminder-2/email/en', tenant)).toEqual([
      {
        version: 1,
        content: {
          subject: 'Invoice {{invoiceId}} is still open',
          paragraphs: ['Dear {{debtorName}},', 'Please pay {{amountDue}} today.'],
        },
        restoredFrom: null,
        createdAt: expect.any(String),
      },
    ]);
    expect((await composedEmail(tenant.tenantId)).subject).toBe('Invoice INV-1 is still open');

    const second = await post(EDITOR, collector, {
      subject: 'Invoice {{invoiceId}} is overdue',
      paragraphs: 'Dear {{debtorName}},\n\nPlease pay {{amountDue}} today.',
    });
    expect(second.headers.location).toBe(`${EDITOR}?published=2`);
    const page = await get(String(second.headers.location), collector.cookie);
    expect(page.body).toContain(en.published(2));
    expect(page.body).toContain('<del>still open</del>');
    expect(page.body).toContain('<ins>overdue</ins>');
    expect(page.body).toContain(`action="${EDITOR}/versions/1/restore"`);

    const restore = await post(`${EDITOR}/versions/1/restore`, collector, {});
    expect(restore.statusCode).toBe(303);
    expect(restore.headers.location).toBe(`${EDITOR}?restored=3&from=1`);
    const versions = await versionsOf('reminder-2/email/en', tenant);
    expect(versions.map((v) => [v.version, v.restoredFrom, v.content?.subject])).toEqual([
      [3, 1, 'Invoice {{invoiceId}} is still open'],
      [2, null, 'Invoice {{invoiceId}} is overdue'],
      [1, null, 'Invoice {{invoiceId}} is still open'],
    ]);
    expect((await composedEmail(tenant.tenantId)).subject).toBe('Invoice INV-1 is still open');
    expect((await get(String(restore.headers.location), collector.cookie)).body).toContain(
      en.restoredNotice(3, 1),
    );

    // Back to the shipped text: a version without content, which sends the shipped subject.
    const shippedSubject = (await composedEmail(other.tenantId)).subject;
    const shipped = await post(`${EDITOR}/shipped`, collector, {});
    expect(shipped.headers.location).toBe(`${EDITOR}?shipped=4`);
    expect((await versionsOf('reminder-2/email/en', tenant))[0]).toMatchObject({ version: 4, content: null });
    expect((await composedEmail(tenant.tenantId)).subject).toBe(shippedSubject);
    const after = (await get(String(shipped.headers.location), collector.cookie)).body;
    expect(after).toContain(en.shippedNotice(4));
    expect(after).not.toContain(`action="${EDITOR}/shipped"`);
    // A second click changes nothing.
    expect((await post(`${EDITOR}/shipped`, collector, {})).headers.location).toBe(EDITOR);
    expect(await versionsOf('reminder-2/email/en', tenant)).toHaveLength(4);
  });

  it('refuses what would not send with the API’s error on the form, keeping the draft', async () => {
    const collector = await signedIn(tenant.tenantId, 'collector');
    const url = '/console/templates/reminder-1/email/en';
    const response = await post(url, collector, { subject: 'Pay by {{deadline}}' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain(en.refused);
    expect(response.body).toMatch(
      /<a href="#f-subject">Subject<\/a>: \{\{deadline\}\} has no value when reminder-1 is sent/,
    );
    expect(response.body).toMatch(
      /<input type="text" id="f-subject" name="subject"[^>]*aria-invalid="true"[^>]*value="Pay by \{\{deadline\}\}">/,
    );
    const empty = await post(url, collector, { subject: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(en.empty);
    expect(await versionsOf('reminder-1/email/en', tenant)).toEqual([]);
  });

  it('previews a draft in the sandboxed frame: SMS segments, the hint, and why a text cannot be sent', async () => {
    const collector = await signedIn(tenant.tenantId, 'collector');
    const url = '/console/templates/reminder-1/sms/en/preview';
    const sms = await post(url, collector, { text: `Please pay today. ${'a'.repeat(150)} {{payUrl}}` });
    expect(sms.statusCode).toBe(200);
    expect(String(sms.headers['content-security-policy'])).toMatch(/(^|;\s*)sandbox(;|$)/);
    expect(String(sms.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    expect(sms.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(sms.body).toContain('data-segments="2"');
    expect(sms.body).toMatch(/\d+ characters · 2 segments \(GSM-7\)/);
    expect(sms.body).toContain('Plain language (B1)');
    // The SMS renderer keeps texts in GSM-7: the preview shows the lookalikes the debtor receives.
    const accented = await post(url, collector, { text: 'Łódź, betaal vandaag: {{payUrl}}' });
    expect(accented.body).toContain('Lodz, betaal vandaag: ');
    expect(accented.body).toMatch(/ · 1 segment \(GSM-7\)/);
    const broken = await post(url, collector, { text: 'Pay {{amountDeu}}' });
    expect(broken.body).toContain(en.cannotSend);
    expect(broken.body).toContain('{{amountDeu}}');
    // The stored version (here: the shipped text) for everyone who may read.
    const viewer = await signedIn(tenant.tenantId, 'viewer');
    const shipped = await get(url, viewer.cookie);
    expect(shipped.statusCode).toBe(200);
    expect(shipped.body).toMatch(/segments? \(GSM-7\)/);
    expect((await post(url, viewer, { text: 'x' })).statusCode).toBe(403);
  });

  it('shows WhatsApp’s approved template with its parameters, and offers the letter’s PDF', async () => {
    const viewer = await signedIn(tenant.tenantId, 'viewer');
    const whatsapp = await get('/console/templates/reminder-1/whatsapp/en', viewer.cookie);
    expect(whatsapp.body).toContain(en.whatsappFixed);
    const frame = await get('/console/templates/reminder-1/whatsapp/en/preview', viewer.cookie);
    expect(frame.body).toContain('Approved template settle_reminder_1_v1');
    expect(frame.body).toContain('<th scope="row">{{1}}</th>');
    const letter = await get('/console/templates/reminder-1/letter/en', viewer.cookie);
    expect(letter.body).toContain('href="/console/templates/reminder-1/letter/en/preview?format=pdf"');
    const pdf = await get('/console/templates/reminder-1/letter/en/preview?format=pdf', viewer.cookie);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps each tenant to its own versions: another’s version is absent (404)', async () => {
    const stranger = await signedIn(other.tenantId, 'admin');
    const page = await get(EDITOR, stranger.cookie);
    expect(page.body).toContain(en.shippedInUse);
    expect(page.body).toContain(en.noVersions);
    expect((await post(`${EDITOR}/versions/1/restore`, stranger, {})).statusCode).toBe(404);
    expect((await get(`${EDITOR}/preview?version=1`, stranger.cookie)).statusCode).toBe(404);
    expect(await versionsOf('reminder-2/email/en', other)).toEqual([]);
    expect((await get('/console/templates/no-such/email/en', stranger.cookie)).statusCode).toBe(404);
  });

  it('escapes the tenant’s text on the page, in the diff and in the preview', async () => {
    const collector = await signedIn(tenant.tenantId, 'collector');
    const url = '/console/templates/reminder-1/app/en';
    const hostile = '<img src=x onerror=alert(1)> {{invoiceId}}';
    expect((await post(url, collector, { title: hostile })).statusCode).toBe(303);
    const page = await get(url, collector.cookie);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const frame = await get(`${url}/preview`, collector.cookie);
    expect(frame.body).not.toContain('<img src=x');
  });
});

describe('the house style', () => {
  const fields = {
    name: 'Energie Noord B.V.',
    senderName: 'Team Klantenservice',
    email: 'klantenservice@energienoord.example',
    addressLines: 'Stationsplein 1\r\n9726 AE Groningen',
    primaryColor: '#0b5394',
    accentColor: '#e69138',
    footer: 'KvK 12345678',
    iban: 'NL91 ABNA 0417 1643 00',
  };

  it('saves what PUT /v1/brand accepts, refuses what it refuses, and lets only admins edit', async () => {
    const admin = await signedIn(tenant.tenantId, 'admin');
    const bad = await post('/console/house-style', admin, { ...fields, iban: 'NL00ABNA0417164300' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('<a href="#b-iban">IBAN</a>: is not a valid IBAN (structure or check digits)');
    const badColour = await post('/console/house-style', admin, { ...fields, primaryColor: 'red' });
    expect(badColour.statusCode).toBe(422);
    expect(badColour.body).toContain('<a href="#b-primaryColor">Main colour</a>');

    const saved = await post('/console/house-style', admin, fields);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/console/house-style?saved=1');
    const brand = (await h.call('GET', '/v1/brand', undefined, { as: tenant })).json();
    expect(brand).toEqual({
      name: 'Energie Noord B.V.',
      senderName: 'Team Klantenservice',
      email: 'klantenservice@energienoord.example',
      addressLines: ['Stationsplein 1', '9726 AE Groningen'],
      primaryColor: '#0b5394',
      accentColor: '#e69138',
      footer: 'KvK 12345678',
      iban: 'NL91ABNA0417164300',
    });
    const preview = await get('/console/house-style/preview', admin.cookie);
    expect(preview.body).toContain('#0b5394');
    const draft = await post('/console/house-style/preview', admin, { ...fields, primaryColor: '#123456' });
    expect(draft.body).toContain('#123456');

    const collector = await signedIn(tenant.tenantId, 'collector');
    expect((await get('/console/house-style', collector.cookie)).body).toContain(
      CONSOLE_TEXTS.en.templateEditor.houseStyle.readOnly,
    );
    expect((await post('/console/house-style', collector, { ...fields, name: 'Other' })).statusCode).toBe(
      403,
    );
  });
});
