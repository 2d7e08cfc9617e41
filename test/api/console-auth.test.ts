// The console's sign-in, sessions, CSRF, roles and worklist on the real database, through the app.
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAuth } from '../../api/console/session.js';
import { CONSOLE_TEXTS } from '../../api/console/texts.js';
import { consoleUserByEmail } from '../../db/queries/console-users.js';
import { today } from '../../workflows/dunning-logic.js';
import {
  CONSOLE_PASSWORD,
  seedConsoleUser,
  seedInvoice,
  sessionCookie,
  signedInConsoleUser,
} from '../support/console-seed.js';
import { type ApiHarness, startApiHarness, type Tenant, unique } from './harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const en = CONSOLE_TEXTS.en;

let h: ApiHarness;
/** The app's clock runs this far ahead of the system clock (lockouts and sessions end in tests). */
let skewMs = 0;

beforeAll(async () => {
  h = await startApiHarness({ worker: false, now: () => new Date(Date.now() + skewMs) });
});
afterAll(async () => {
  await h?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    headers: { ...FORM, 'accept-language': 'en', ...headers },
    payload: form({ email, password }),
  });
}

const signedIn = (tenantId: string, role: 'viewer' | 'collector' | 'admin') =>
  signedInConsoleUser(h.app, h.database.db, tenantId, role);

const get = (url: string, cookie?: string) =>
  h.app.inject({
    method: 'GET',
    url,
    headers: { 'accept-language': 'en', ...(cookie ? { cookie } : {}) },
  });

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe('console sign-in', () => {
  it('shows the form under the console headers, in the browser’s language', async () => {
    const response = await get('/console/sign-in');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<label for="email">Email address</label>');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(csp).toContain("form-action 'self'");
    expect(response.headers['cache-control']).toBe('no-store');
    const dutch = await h.app.inject({
      method: 'GET',
      url: '/console/sign-in',
      headers: { 'accept-language': 'de;q=1, nl;q=0.8, en;q=0.5' },
    });
    expect(dutch.body).toContain('<html lang="nl">');
    expect(dutch.body).toContain('Wachtwoord');
  });

  it('signs in with the right password: a session cookie for /console only, then the worklist', async () => {
    const user = await seedConsoleUser(h.database.db, h.tenantId, 'collector');
    const response = await signIn(user.email.toUpperCase(), user.password);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console');
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^settle_console=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('Path=/console');
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    // PUBLIC_BASE_URL is plain http here: a Secure cookie would never come back.
    expect(header).not.toContain('Secure');
    const worklist = await get('/console', sessionCookie(response));
    expect(worklist.statusCode).toBe(200);
    expect(worklist.body).toContain(`<h1>${en.worklist.title}</h1>`);
    expect(worklist.body).toContain(user.email);
  });

  it('refuses a wrong password and an unknown email alike, without a cookie', async () => {
    const user = await seedConsoleUser(h.database.db, h.tenantId, 'viewer');
    for (const [email, password] of [
      [user.email, 'wrong password'],
      [`${unique('nobody')}@example.test`, CONSOLE_PASSWORD],
      ['', ''],
    ] as const) {
      const response = await signIn(email, password);
      expect(response.statusCode, email).toBe(401);
      expect(response.body).toContain(en.signIn.failed);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a sign-in form sent from another site', async () => {
    const user = await seedConsoleUser(h.database.db, h.tenantId, 'viewer');
    const response = await signIn(user.email, user.password, { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('locks the user for 15 minutes after 5 failures, even for the right password, and says until when', async () => {
    const user = await seedConsoleUser(h.database.db, h.tenantId, 'admin');
    for (let attempt = 1; attempt <= 4; attempt++)
      expect((await signIn(user.email, `wrong ${attempt}`)).statusCode).toBe(401);
    const fifth = await signIn(user.email, 'wrong 5');
    expect(fifth.statusCode).toBe(423);
    const stored = await consoleUserByEmail(h.database.db, user.email);
    const lockedFor = stored!.lockedUntil!.getTime() - Date.now() - skewMs;
    expect(lockedFor).toBeGreaterThan(14 * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(15 * 60_000);
    const retryAt = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Amsterdam',
      timeZoneName: 'short',
    }).format(stored!.lockedUntil!);
    expect(fifth.body).toContain(`try again after ${retryAt}`);
    const rightButLocked = await signIn(user.email, user.password);
    expect(rightButLocked.statusCode).toBe(423);
    expect(rightButLocked.headers['set-cookie']).toBeUndefined();
    skewMs += 16 * 60_000;
    try {
      expect((await signIn(user.email, user.password)).statusCode).toBe(303);
      expect((await consoleUserByEmail(h.database.db, user.email))!.failedAttempts).toBe(0);
    } finally {
      skewMs -= 16 * 60_000;
    }
  });

  it('counts failures from the last success: 4 wrong, 1 right, 4 wrong is no lockout', async () => {
    const user = await seedConsoleUser(h.database.db, h.tenantId, 'viewer');
    for (let attempt = 1; attempt <= 4; attempt++) await signIn(user.email, 'wrong');
    expect((await signIn(user.email, user.password)).statusCode).toBe(303);
    for (let attempt = 1; attempt <= 4; attempt++)
      expect((await signIn(user.email, 'wrong')).statusCode).toBe(401);
  });

  it('ends a session after 8 hours: the worklist sends the user back to sign in', async () => {
    const { cookie } = await signedIn(h.tenantId, 'viewer');
    expect((await get('/console', cookie)).statusCode).toBe(200);
    skewMs += 8 * 3600_000 + 1000;
    try {
      const expired = await get('/console', cookie);
      expect(expired.statusCode).toBe(303);
      expect(expired.headers.location).toBe('/console/sign-in?expired=1');
      expect((await get('/console/sign-in?expired=1')).body).toContain(en.signIn.expired);
    } finally {
      skewMs -= 8 * 3600_000 + 1000;
    }
  });

  it('sends a visitor without a session to the sign-in form', async () => {
    const response = await get('/console');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console/sign-in');
  });
});

describe('console CSRF and sign-out', () => {
  const signOut = (cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/console/sign-out',
      headers: { ...FORM, cookie, 'accept-language': 'en', ...headers },
      payload: form(fields),
    });

  it('refuses a state-changing form without the session’s CSRF token, or from another site', async () => {
    const { cookie } = await signedIn(h.tenantId, 'admin');
    const token = csrfOf((await get('/console', cookie)).body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const [fields, headers] of [
      [{}, {}],
      [{ _csrf: 'x'.repeat(43) }, {}],
      [{ _csrf: token! }, { origin: 'https://evil.example' }],
    ] as const) {
      const response = await signOut(cookie, fields, headers);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain(en.forbidden.csrf);
    }
    // Nothing happened: the session still works.
    expect((await get('/console', cookie)).statusCode).toBe(200);
  });

  it('signs out with the token: the cookie is cleared and the old one no longer works', async () => {
    const { cookie } = await signedIn(h.tenantId, 'viewer');
    const token = csrfOf((await get('/console', cookie)).body)!;
    const response = await signOut(cookie, { _csrf: token }, { origin: h.baseUrl });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console/sign-in?out=1');
    expect(String(response.headers['set-cookie'])).toMatch(/^settle_console=; Path=\/console;.*Max-Age=0/);
    expect((await get('/console', cookie)).statusCode).toBe(303);
  });

  it('another user’s CSRF token does not do', async () => {
    const one = await signedIn(h.tenantId, 'viewer');
    const two = await signedIn(h.tenantId, 'viewer');
    const token = csrfOf((await get('/console', two.cookie)).body)!;
    expect((await signOut(one.cookie, { _csrf: token })).statusCode).toBe(403);
  });

  it('checks roles in the preHandler: a lower role is refused before the handler runs', async () => {
    const app = Fastify();
    await app.register(formbody);
    const auth = createConsoleAuth({ db: h.database.db, now: () => new Date(), publicBaseUrl: h.baseUrl });
    let ran = 0;
    app.get('/console/admin-only', { preHandler: auth.requireRole('admin') }, async () => {
      ran++;
      return 'ok';
    });
    app.get('/console/collectors', { preHandler: auth.requireRole('collector') }, async () => {
      ran++;
      return 'ok';
    });
    const collector = await signedIn(h.tenantId, 'collector');
    const viewer = await signedIn(h.tenantId, 'viewer');
    const call = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    expect((await call('/console/admin-only', collector.cookie)).statusCode).toBe(403);
    expect((await call('/console/collectors', viewer.cookie)).statusCode).toBe(403);
    expect(ran).toBe(0);
    expect((await call('/console/collectors', collector.cookie)).statusCode).toBe(200);
    expect(ran).toBe(1);
    await app.close();
  });
});

describe('console worklist', () => {
  let tenant: Tenant;
  const day = today(new Date());
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tenant = await h.newTenant();
    const db = h.database.db;
    const seed = async (name: string, spec: Parameters<typeof seedInvoice>[3]) => {
      ids[name] = (
        await seedInvoice(db, tenant.tenantId, day, { invoiceId: unique(`W-${name}`), ...spec })
      ).invoiceId;
    };
    await seed('plain', {
      debtor: { name: 'Anna de Vries', email: 'anna@example.nl' },
      daysOverdue: 3,
      amountDueCents: 5_000,
    });
    // The email bounced, the letter is the channel left.
    await seed('bounced', {
      debtor: { name: 'Bram Bakker', email: 'bram@example.nl' },
      daysOverdue: 20,
      amountDueCents: 20_000,
      messages: [{ channel: 'email', status: 'bounced' }],
    });
    // Email bounced, letter returned, no phone: nothing left.
    await seed('stuck', {
      debtor: { name: 'Cor Claassen', email: 'cor@example.nl' },
      daysOverdue: 40,
      amountDueCents: 90_000,
      messages: [
        { channel: 'email', status: 'bounced' },
        { channel: 'letter', status: 'returned' },
      ],
    });
    await seed('disputeOld', { status: 'disputed', disputeOpenDays: 20, daysOverdue: 30 });
    await seed('disputeNew', { status: 'disputed', disputeOpenDays: 2, daysOverdue: 29 });
    await seed('promise', { promiseBroken: true, messages: [{ channel: 'sms', status: 'delivered' }] });
    await seed('closed', { closed: true, status: 'paid' });
  });

  const worklist = async (query: string, role: 'viewer' | 'collector' = 'collector') => {
    const { cookie } = await signedIn(tenant.tenantId, role);
    const response = await get(`/console${query}`, cookie);
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  /** The invoice ids listed, in their order. */
  const listed = (html: string) =>
    [...html.matchAll(/<a href="\/console\/invoices\/([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!));
  const mine = (html: string) => listed(html).filter((id) => Object.values(ids).includes(id));

  it('lists the open invoices only, most overdue first', async () => {
    const html = await worklist('');
    expect(mine(html)).toEqual([
      ids.stuck,
      ids.disputeOld,
      ids.disputeNew,
      ids.bounced,
      ids.promise,
      ids.plain,
    ]);
    expect(mine(html)).not.toContain(ids.closed);
  });

  it('masks debtor names and emails for a viewer and shows them to a collector', async () => {
    const viewer = await worklist(`?q=${ids.plain}`, 'viewer');
    expect(mine(viewer)).toEqual([ids.plain]);
    expect(viewer).not.toContain('Anna de Vries');
    expect(viewer).not.toContain('anna@example.nl');
    expect(viewer).toContain('A••• d••• V•••');
    expect(viewer).toContain('a•••@e•••');
    const collector = await worklist(`?q=${ids.plain}`, 'collector');
    expect(collector).toContain('Anna de Vries');
    expect(collector).toContain('anna@example.nl');
    expect(collector).not.toContain('A••• d••• V•••');
  });

  it('searches by invoice id, debtor id and (for roles that see names) name', async () => {
    expect(mine(await worklist(`?q=${ids.bounced!.toLowerCase()}`))).toEqual([ids.bounced]);
    expect(mine(await worklist('?q=bram'))).toEqual([ids.bounced]);
    // A viewer cannot probe for names it may not see.
    expect(mine(await worklist('?q=bram', 'viewer'))).toEqual([]);
    // LIKE wildcards are text.
    expect(mine(await worklist('?q=%25'))).toEqual([]);
  });

  it('filters by bounced, disputed, channel, status, amount and days overdue', async () => {
    expect(mine(await worklist('?bounced=yes'))).toEqual([ids.stuck, ids.bounced]);
    expect(mine(await worklist('?disputed=yes'))).toEqual([ids.disputeOld, ids.disputeNew]);
    expect(mine(await worklist('?channel=sms'))).toEqual([ids.promise]);
    expect(mine(await worklist('?status=disputed&disputed=no'))).toEqual([]);
    expect(mine(await worklist('?min=150&max=500'))).toEqual([ids.bounced]);
    expect(mine(await worklist('?overdueMin=5&overdueMax=25'))).toEqual([ids.bounced, ids.promise]);
    // Nonsense is ignored, not an error.
    expect(mine(await worklist('?status=nope&min=abc&sort=x'))).toHaveLength(6);
  });

  it('has ready-made views: bounced with no channel left, dispute open > 14 days, promise broken', async () => {
    expect(mine(await worklist('?view=no-channel-left'))).toEqual([ids.stuck]);
    expect(mine(await worklist('?view=dispute-long'))).toEqual([ids.disputeOld]);
    expect(mine(await worklist('?view=promise-broken'))).toEqual([ids.promise]);
  });

  it('sorts by amount', async () => {
    expect(mine(await worklist('?sort=amount')).slice(0, 2)).toEqual([ids.stuck, ids.bounced]);
  });

  it('pages by 25', async () => {
    const other = await h.newTenant();
    for (let n = 0; n < 27; n++)
      await seedInvoice(h.database.db, other.tenantId, day, { invoiceId: `P-${String(n).padStart(2, '0')}` });
    const { cookie } = await signedIn(other.tenantId, 'viewer');
    const first = (await get('/console?sort=invoice', cookie)).body;
    expect(listed(first)).toHaveLength(25);
    expect(first).toContain('href="/console?sort=invoice&amp;page=2" rel="next"');
    const second = (await get('/console?sort=invoice&page=2', cookie)).body;
    expect(listed(second)).toEqual(['P-25', 'P-26']);
    expect(second).not.toContain('rel="next"');
    expect(second).toContain('rel="prev"');
  });

  it('never shows another tenant’s invoices, not even by searching their id', async () => {
    const { cookie } = await signedIn(h.tenantId, 'admin');
    const html = (await get(`/console?q=${ids.stuck}`, cookie)).body;
    expect(listed(html)).toEqual([]);
    expect(html).not.toContain('Cor Claassen');
    const all = (await get('/console', cookie)).body;
    for (const id of Object.values(ids)) expect(all).not.toContain(id);
  });

  it('opens an invoice of the own tenant from its row, masked for a viewer; another tenant’s is 404', async () => {
    const collector = await signedIn(tenant.tenantId, 'collector');
    const page = await get(`/console/invoices/${encodeURIComponent(ids.bounced!)}`, collector.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>${en.invoice.title(ids.bounced!)}</h1>`);
    expect(page.body).toContain('EUR 200.00');
    expect(page.body).toContain('Bram Bakker');
    const viewer = await signedIn(tenant.tenantId, 'viewer');
    const masked = await get(`/console/invoices/${encodeURIComponent(ids.bounced!)}`, viewer.cookie);
    expect(masked.body).not.toContain('Bram Bakker');
    expect(masked.body).not.toContain('bram@example.nl');
    expect(masked.body).toContain('B••• B•••');
    const outsider = await signedIn(h.tenantId, 'admin');
    const foreign = await get(`/console/invoices/${encodeURIComponent(ids.bounced!)}`, outsider.cookie);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Bram Bakker');
    expect((await get('/console/invoices/NOPE', collector.cookie)).statusCode).toBe(404);
    expect((await get(`/console/invoices/${ids.bounced}`)).statusCode).toBe(303);
  });

  it('escapes what it shows', async () => {
    const other = await h.newTenant();
    await seedInvoice(h.database.db, other.tenantId, day, {
      invoiceId: 'X-<b>1',
      debtor: { name: '<script>alert(1)</script>' },
    });
    const { cookie } = await signedIn(other.tenantId, 'collector');
    const html = (await get('/console', cookie)).body;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="/console/invoices/X-%3Cb%3E1">X-&lt;b&gt;1</a>');
  });
});
