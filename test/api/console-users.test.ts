// The console's user management (admins) and every user's own account page, on the real database:
// roles, the last admin kept, passwords shown once and sessions ended, tenants apart, the language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_TEXTS } from '../../api/console/texts.js';
import { consoleUserByEmail } from '../../db/queries/console-users.js';
import { CONSOLE_PASSWORD, sessionCookie, signedInConsoleUser } from '../support/console-seed.js';
import { type ApiHarness, startApiHarness, unique } from './harness.js';

const en = CONSOLE_TEXTS.en;
const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' };

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

const get = (url: string, cookie: string) =>
  h.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': 'en' } });
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** Posts a console form the way the page does: with the session's CSRF token. */
async function post(url: string, cookie: string, fields: Record<string, string> = {}) {
  const csrf = csrfOf((await get('/console/account', cookie)).body);
  return h.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, cookie },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
}

const signIn = (email: string, password: string) =>
  h.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    headers: FORM,
    payload: new URLSearchParams({ email, password }).toString(),
  });

const shownPassword = (html: string) => /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1];

describe('console users (admins)', () => {
  it('is for admins only: a collector is refused the page and every change', async () => {
    const tenant = await h.newTenant();
    const collector = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'collector');
    expect((await get('/console/users', collector.cookie)).statusCode).toBe(403);
    const response = await post('/console/users', collector.cookie, {
      email: 'x@example.test',
      role: 'admin',
    });
    expect(response.statusCode).toBe(403);
    expect(await consoleUserByEmail(h.database.db, 'x@example.test')).toBeUndefined();
    // The navigation offers the section to admins only.
    expect((await get('/console', collector.cookie)).body).not.toContain('href="/console/users"');
  });

  it('adds a user whose generated password, shown once, signs in with the role given', async () => {
    const tenant = await h.newTenant();
    const admin = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'admin');
    expect((await get('/console', admin.cookie)).body).toContain('href="/console/users"');
    const email = `${unique('new')}@example.test`;
    const added = await post('/console/users', admin.cookie, { email, role: 'collector' });
    expect(added.statusCode).toBe(200);
    const password = shownPassword(added.body)!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(added.body).toContain(en.users.passwordShownOnce);
    const stored = (await consoleUserByEmail(h.database.db, email))!;
    expect(stored).toMatchObject({ tenantId: tenant.tenantId, role: 'collector' });
    expect(stored.passwordHash).not.toContain(password);
    expect((await signIn(email, password)).statusCode).toBe(303);
    // The list shows it afterwards, without any password.
    const list = (await get('/console/users', admin.cookie)).body;
    expect(list).toContain(email);
    expect(shownPassword(list)).toBeUndefined();
    // The same email again (in any case), or no email, is refused.
    expect(
      (await post('/console/users', admin.cookie, { email: email.toUpperCase(), role: 'viewer' })).statusCode,
    ).toBe(409);
    const bad = await post('/console/users', admin.cookie, { email: 'not-an-email', role: 'viewer' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain(en.users.invalidEmail);
  });

  it('changes roles but never leaves the tenant without an admin', async () => {
    const tenant = await h.newTenant();
    const admin = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'admin');
    const demoteSelf = await post(`/console/users/${admin.id}/role`, admin.cookie, { role: 'viewer' });
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.body).toContain(en.users.lastAdmin);
    expect((await consoleUserByEmail(h.database.db, admin.email))!.role).toBe('admin');
    const removeSelf = await post(`/console/users/${admin.id}/remove`, admin.cookie, { confirm: 'yes' });
    expect(removeSelf.statusCode).toBe(409);

    const other = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'viewer');
    expect((await post(`/console/users/${other.id}/role`, admin.cookie, { role: 'admin' })).statusCode).toBe(
      200,
    );
    expect((await consoleUserByEmail(h.database.db, other.email))!.role).toBe('admin');
    // With a second admin the first may step down.
    expect(
      (await post(`/console/users/${admin.id}/role`, admin.cookie, { role: 'collector' })).statusCode,
    ).toBe(200);
    expect((await consoleUserByEmail(h.database.db, admin.email))!.role).toBe('collector');
    // An unknown role changes nothing.
    expect((await post(`/console/users/${other.id}/role`, other.cookie, { role: 'root' })).statusCode).toBe(
      422,
    );
  });

  it('removes a user only with the confirmation, and the removed user’s session ends', async () => {
    const tenant = await h.newTenant();
    const admin = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'admin');
    const viewer = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'viewer');
    const unconfirmed = await post(`/console/users/${viewer.id}/remove`, admin.cookie);
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain(en.users.notConfirmed);
    expect((await get('/console', viewer.cookie)).statusCode).toBe(200);
    const removed = await post(`/console/users/${viewer.id}/remove`, admin.cookie, { confirm: 'yes' });
    expect(removed.statusCode).toBe(200);
    expect(await consoleUserByEmail(h.database.db, viewer.email)).toBeUndefined();
    expect((await get('/console', viewer.cookie)).headers.location).toBe('/console/sign-in?expired=1');
  });

  it('gives a new password that ends the user’s sessions, and unlocks a locked user', async () => {
    const tenant = await h.newTenant();
    const admin = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'admin');
    const user = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'collector');
    const reset = await post(`/console/users/${user.id}/password`, admin.cookie);
    const password = shownPassword(reset.body)!;
    expect(password).toBeTruthy();
    expect((await get('/console', user.cookie)).statusCode).toBe(303);
    expect((await signIn(user.email, CONSOLE_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(user.email, password)).statusCode).toBe(303);

    for (let i = 0; i < 5; i++) await signIn(user.email, 'wrong password');
    expect((await signIn(user.email, password)).statusCode).toBe(423);
    const list = (await get('/console/users', admin.cookie)).body;
    expect(list).toContain(`action="/console/users/${user.id}/unlock"`);
    expect((await post(`/console/users/${user.id}/unlock`, admin.cookie)).statusCode).toBe(200);
    expect((await signIn(user.email, password)).statusCode).toBe(303);
  });

  it('never reaches another tenant’s users', async () => {
    const mine = await h.newTenant();
    const theirs = await h.newTenant();
    const admin = await signedInConsoleUser(h.app, h.database.db, mine.tenantId, 'admin');
    const stranger = await signedInConsoleUser(h.app, h.database.db, theirs.tenantId, 'viewer');
    expect((await get('/console/users', admin.cookie)).body).not.toContain(stranger.email);
    for (const [action, fields] of [
      ['role', { role: 'admin' }],
      ['password', {}],
      ['remove', { confirm: 'yes' }],
    ] as const) {
      const response = await post(`/console/users/${stranger.id}/${action}`, admin.cookie, fields);
      expect(response.statusCode, action).toBe(404);
    }
    expect((await consoleUserByEmail(h.database.db, stranger.email))!.role).toBe('viewer');
    expect((await get('/console', stranger.cookie)).statusCode).toBe(200);
  });
});

describe('my account', () => {
  it('switches the console language, answering in the new one at once, and back to the browser’s', async () => {
    const tenant = await h.newTenant();
    const user = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'viewer');
    expect((await get('/console', user.cookie)).body).toContain('<html lang="en">');
    const chosen = await post('/console/account/language', user.cookie, { language: 'nl' });
    expect(chosen.body).toContain('<html lang="nl">');
    expect(chosen.body).toContain(CONSOLE_TEXTS.nl.account.languageSaved);
    // Later pages follow the choice, whatever the browser asks.
    expect((await get('/console', user.cookie)).body).toContain('<html lang="nl">');
    await post('/console/account/language', user.cookie, { language: '' });
    expect((await get('/console', user.cookie)).body).toContain('<html lang="en">');
  });

  it('changes the password with the current one, ends the other sessions and keeps this one', async () => {
    const tenant = await h.newTenant();
    const user = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'viewer');
    const elsewhere = sessionCookie(await signIn(user.email, user.password));
    const next = 'a much longer new passphrase';
    const wrong = await post('/console/account/password', user.cookie, {
      current: 'nope',
      next,
      repeat: next,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain(en.account.wrongCurrent);
    const short = await post('/console/account/password', user.cookie, {
      current: user.password,
      next: 'short',
      repeat: 'short',
    });
    expect(short.body).toContain(en.account.tooShort(12));
    const differ = await post('/console/account/password', user.cookie, {
      current: user.password,
      next,
      repeat: `${next}!`,
    });
    expect(differ.body).toContain(en.account.mismatch);

    const changed = await post('/console/account/password', user.cookie, {
      current: user.password,
      next,
      repeat: next,
    });
    expect(changed.statusCode).toBe(200);
    const renewed = sessionCookie(changed);
    expect((await get('/console', elsewhere)).statusCode).toBe(303);
    expect((await get('/console', user.cookie)).statusCode).toBe(303);
    expect((await get('/console', renewed)).statusCode).toBe(200);
    // The page's forms carry the new session's token: the next change goes through.
    const csrf = csrfOf(changed.body);
    const again = await h.app.inject({
      method: 'POST',
      url: '/console/account/language',
      headers: { ...FORM, cookie: renewed },
      payload: new URLSearchParams({ _csrf: csrf, language: 'en' }).toString(),
    });
    expect(again.statusCode).toBe(200);
    expect((await signIn(user.email, user.password)).statusCode).toBe(401);
    expect((await signIn(user.email, next)).statusCode).toBe(303);
  });
});
