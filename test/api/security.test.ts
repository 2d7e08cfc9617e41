// Issue 11 ("Trust nothing"), findings 2–5 and the revocation delay, on the real stack: stored
// script in template overrides, the public all-tenant sandbox outbox, rate-limit bypasses, missing
// security headers on HTML routes, and an API key that kept working after it was revoked.
import { existsSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { connectDatabase } from '../../db/client.js';
import { saveTemplateOverride } from '../../db/queries/template-overrides.js';
import { checkoutBehind } from '../../devstack/pay-link.js';
import { createProviders, providerWebhooks } from '../../providers/runtime.js';
import { CHROMIUM_PATH } from '../../scripts/browser.js';
import { launchHeadlessChromium } from '../support/browser.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  problemOf,
  type Resource,
  startApiHarness,
  type Tenant,
} from './harness.js';

let h: ApiHarness;
let other: Tenant;
/** One open invoice per tenant, with its first message in the outbox and the checkout its pay link leads to. */
const invoices: Record<
  'own' | 'other',
  { invoiceId: string; resource: Resource; messageId: string; checkout: string }
> = {} as never;

interface OutboxItem {
  id: string;
  tenantId: string;
  invoiceId: string;
}

const outbox = async (tenant: Tenant) =>
  (await h.call('GET', '/sandbox/outbox.json', undefined, { as: tenant })).json() as OutboxItem[];

beforeAll(async () => {
  h = await startApiHarness();
  other = await h.newTenant();
  for (const [name, tenant] of [
    ['own', h],
    ['other', other],
  ] as const) {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body, { as: tenant })).statusCode).toBe(201);
    const resource = await eventually(async () => {
      const invoice = (
        await h.call('GET', `/v1/invoices/${body.invoiceId}`, undefined, { as: tenant })
      ).json();
      return invoice.stage === 'payment-request' && (invoice as Resource);
    });
    const message = await eventually(async () =>
      (await outbox(tenant)).find((m) => m.invoiceId === body.invoiceId),
    );
    const checkout = await checkoutBehind(resource.paymentUrl!);
    invoices[name] = { invoiceId: body.invoiceId, resource, messageId: message.id, checkout };
  }
});
afterAll(async () => {
  await h?.close();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const noKey = (url: string, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'GET', url, headers });

describe('finding 2: no active content from template overrides', () => {
  const REMINDER = '/v1/templates/reminder-1/email/nl';
  const VECTORS =
    '<html><body><p>Beste {{debtorName}}</p><script/x>alert(1)</script><svg/onload=alert(2)>' +
    '<img src="https://cdn.example/x.png" /onload=alert(3)><a href=javascript:alert(4)>klik</a><a href="{{payUrl}}">Betaal</a></body></html>';
  const executable = /<script|<svg|onload|javascript:/i;

  it('stores the sanitised HTML, says what was removed, and previews it in a CSP sandbox', async () => {
    const saved = await h.call('PUT', REMINDER, { html: VECTORS });
    expect(saved.statusCode).toBe(201);
    const { content, warnings } = saved.json();
    expect(content.html).not.toMatch(executable);
    expect(content.html).toContain('<a href="{{payUrl}}">Betaal</a>');
    expect(warnings).toContainEqual({ field: '/html', message: expect.stringContaining('<script>') });

    const preview = await h.call('GET', `${REMINDER}/preview?format=html`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).not.toMatch(executable);
    expect(preview.headers['content-security-policy']).toMatch(/(^|;\s*)sandbox(;|$)/);
    expect(preview.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sanitises at render time an override stored before saves were sanitised', async () => {
    await saveTemplateOverride(
      h.database.db,
      { tenantId: h.tenantId, templateId: 'reminder-2', channel: 'email', language: 'nl' },
      { html: VECTORS },
    );
    const preview = await h.call('GET', '/v1/templates/reminder-2/email/nl/preview?format=html');
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Beste ');
    expect(preview.body).not.toMatch(executable);
  });
});

describe('finding 3: a private sandbox', () => {
  it('answers the outbox only to a tenant key, with that tenant’s messages only', async () => {
    problemOf(await noKey('/sandbox/outbox.json'), 401);
    problemOf(
      await noKey('/sandbox/outbox.json', { authorization: 'Bearer sk_made_up_key_0123456789' }),
      401,
    );
    const own = await outbox(h);
    expect(own.map((m) => m.invoiceId)).toContain(invoices.own.invoiceId);
    expect(new Set(own.map((m) => m.tenantId))).toEqual(new Set([h.tenantId]));
    const theirs = await outbox(other);
    expect(theirs.map((m) => m.invoiceId)).not.toContain(invoices.own.invoiceId);

    const preview = `/sandbox/outbox/${invoices.other.messageId}/preview`;
    problemOf(await noKey(preview), 401);
    problemOf(await h.call('GET', preview), 404); // another tenant's message
    const allowed = await h.call('GET', preview, undefined, { as: other });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['content-security-policy']).toMatch(/(^|;\s*)sandbox(;|$)/);
  });

  it('works in a browser through a sign-in form that sets an HttpOnly, SameSite=Strict cookie', async () => {
    const anonymous = await noKey('/sandbox/outbox');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sandbox/sign-in');
    const form = await noKey('/sandbox/sign-in');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form method="post" action="/sandbox/sign-in">');

    const signIn = (key: string, origin: string) =>
      h.app.inject({
        method: 'POST',
        url: '/sandbox/sign-in',
        headers: { ...FORM, origin },
        payload: new URLSearchParams({ key }).toString(),
      });
    problemOf(await signIn(h.apiKey, 'https://evil.example'), 403);
    const refused = await signIn('sk_wrong_key_0123456789abcdef', h.baseUrl);
    expect(refused.headers.location).toBe('/sandbox/sign-in?failed=1');
    expect(refused.headers['set-cookie']).toBeUndefined();

    const signedIn = await signIn(h.apiKey, h.baseUrl);
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/sandbox/outbox');
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(
      /^settle_sandbox=sk_[^;]+; Path=\/sandbox; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
    );

    const page = await noKey('/sandbox/outbox', { cookie: cookie.split(';')[0]! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(invoices.own.invoiceId);
    expect(page.body).not.toContain(invoices.other.invoiceId);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it.skipIf(!existsSync(CHROMIUM_PATH) && !process.env.CI)(
    'headless Chromium: sign in, read the own outbox, open a preview',
    async () => {
      const browser = await launchHeadlessChromium();
      try {
        const tab = await browser.newPage();
        await tab.goto(`${h.baseUrl}/sandbox/outbox`);
        expect(new URL(tab.url()).pathname).toBe('/sandbox/sign-in');
        await tab.fill('input[name=key]', h.apiKey);
        await tab.click('form button');
        await tab.waitForURL(/\/sandbox\/outbox$/);
        const outboxText = await tab.locator('body').textContent();
        expect(outboxText).toContain(invoices.own.invoiceId);
        expect(outboxText).not.toContain(invoices.other.invoiceId);
        await tab.click(`a[href="/sandbox/outbox/${invoices.own.messageId}/preview"]`);
        await tab.waitForURL(/\/preview$/);
        expect(await tab.locator('body').textContent()).toContain(invoices.own.invoiceId);

        // The checkout's form post passes the origin check from a real browser.
        const body = invoiceBody();
        expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
        const payable = await checkoutBehind(
          (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json().paymentUrl as string,
        );
        await tab.goto(payable);
        await tab.click('button[value=paid]');
        await tab.waitForURL(/\/p\//);
        await eventually(
          async () =>
            ((await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as Resource).status === 'paid',
        );
      } finally {
        await browser.close();
      }
    },
  );

  it('refuses a checkout post from another site and settles nothing', async () => {
    const checkout = new URL(invoices.own.checkout).pathname;
    const post = (headers: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url: checkout,
        headers: { ...FORM, ...headers },
        payload: 'outcome=paid',
      });
    problemOf(await post({ origin: 'https://evil.example' }), 403);
    problemOf(await post({ origin: new URL(h.baseUrl).origin.replace('http:', 'https:') }), 403);
    problemOf(await post({ referer: 'https://evil.example/pay' }), 403);
    expect((await noKey(checkout)).statusCode).toBe(200); // still open
  });
});

describe('finding 4: limits that hold', () => {
  let limited: ApiHarness;
  beforeAll(async () => {
    limited = await startApiHarness({ worker: false, rateLimitPerMinute: 3 });
  });
  afterAll(async () => {
    await limited?.close();
  });
  const get = (authorization?: string) =>
    limited.app.inject({
      method: 'GET',
      url: '/v1/invoices',
      headers: authorization ? { authorization } : {},
    });

  it('counts made-up bearer values on the client address’s budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await get(`Bearer sk_made_up_${i}_0123456789abcdef`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    problemOf(await get(), 429); // the same address without a key: the same budget
    expect((await get(`Bearer ${limited.apiKey}`)).statusCode).toBe(200); // a verified tenant has its own
  });

  it('counts every spelling of the scheme on the tenant’s budget', async () => {
    const tenant = await limited.newTenant();
    const statuses: number[] = [];
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR'])
      statuses.push((await get(`${scheme} ${tenant.apiKey}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('revocation takes effect at once, in every API process', () => {
  let second: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // Another API process: its own pool (and LISTEN connection) and Temporal connection.
    const database = connectDatabase(h.config.databaseUrl!);
    const connection = await Connection.connect({ address: h.config.temporal.address! });
    second = await buildApp({
      database,
      temporal: new Client({ connection }),
      taskQueue: h.config.temporal.taskQueue,
      urls: { baseUrl: h.baseUrl, tokenSecret: h.tokenSecret },
      payments: h.sandbox.psp,
      paymentProviderName: createProviders(h.config, h.sandbox).names.payments,
      providerWebhooks: providerWebhooks(h.config, h.sandbox),
      sandbox: h.sandbox,
      appChannelConfigured: false,
      rateLimitPerMinute: 100_000,
      logLevel: 'silent',
    });
    close = async () => {
      await second.close();
      await connection.close();
      await database.close();
    };
  });
  afterAll(async () => {
    await close?.();
  });
  const keys = (app: FastifyInstance, tenant: Tenant) =>
    app.inject({ method: 'GET', url: '/v1/api-keys', headers: { authorization: `Bearer ${tenant.apiKey}` } });

  it('refuses a revoked key on the next request here and, within moments, in another process', async () => {
    const tenant = await h.newTenant();
    // Both processes have seen (and cached) the key.
    const listed = await keys(h.app, tenant);
    expect(listed.statusCode).toBe(200);
    const [key] = listed.json().items as { id: string; current: boolean; revokedAt: string | null }[];
    expect(key).toMatchObject({ current: true, revokedAt: null });
    await eventually(async () => (await keys(second, tenant)).statusCode === 200);
    for (let i = 0; i < 3; i++) expect((await keys(second, tenant)).statusCode).toBe(200);

    const revoked = await h.call('DELETE', `/v1/api-keys/${key!.id}`, undefined, { as: tenant });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    problemOf(await keys(h.app, tenant), 403);
    const started = Date.now();
    await eventually(async () => (await keys(second, tenant)).statusCode === 403, 3_000);
    expect(Date.now() - started).toBeLessThan(3_000); // the old cache kept it for 30 s
  });

  it('stops caching while its subscription is down, so even an unannounced revocation counts', async () => {
    const tenant = await h.newTenant();
    for (let i = 0; i < 2; i++) expect((await keys(second, tenant)).statusCode).toBe(200);
    // Kill this database's LISTEN connections (the API processes' subscriptions).
    await h.database.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'LISTEN settle_api_key_revoked%'`,
    );
    // Revoked behind Settle's back: no NOTIFY at all.
    await h.database.pool.query('update api_keys set revoked_at = now() where tenant_id = $1', [
      tenant.tenantId,
    ]);
    await eventually(async () => (await keys(second, tenant)).statusCode === 403, 3_000);
  });

  it('lets a tenant revoke only its own keys', async () => {
    const tenant = await h.newTenant();
    const [key] = (await keys(h.app, tenant)).json().items as { id: string }[];
    problemOf(await h.call('DELETE', `/v1/api-keys/${key!.id}`), 404); // h's key cannot touch it
    expect((await keys(h.app, tenant)).statusCode).toBe(200);
  });
});

/** Every route of the app, read from Fastify's own route tree (so a new route cannot be missed). */
function routesOf(app: FastifyInstance): { method: string; url: string }[] {
  const path: string[] = [];
  const routes: { method: string; url: string }[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const [, segment = '', methods] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(match[2]!)!;
    path.length = depth;
    path.push(segment);
    for (const method of methods?.split(', ') ?? []) routes.push({ method, url: path.join('') });
  }
  return routes;
}

describe('finding 5: security headers on every route', () => {
  let batchLocation: string;
  let experimentLocation: string;
  beforeAll(async () => {
    const batch = await h.call('POST', '/v1/invoice-batches', [invoiceBody()]);
    batchLocation = String(batch.headers.location);
    const experiment = await h.call('POST', '/v1/experiments', {
      name: 'security fixture',
      policyId: 'nl-consumer',
      step: { id: 'reminder-2' },
      goal: { kind: 'paid-within-days', days: 14 },
      arms: [
        { key: 'morning', config: { kind: 'send-slot', hour: 9, minute: 0 } },
        { key: 'evening', config: { kind: 'send-slot', hour: 18, minute: 30 } },
      ],
    });
    experimentLocation = String(experiment.headers.location);
  });

  /** Real values for every GET route with parameters; a new one without an entry fails below. */
  const fixtures = (): Record<string, string> => {
    const selfService = new URL(invoices.own.resource.selfServiceUrl).pathname;
    return {
      '/v1/invoice-batches/:batchId': batchLocation,
      '/v1/experiments/:experimentId': experimentLocation,
      '/v1/experiments/:experimentId/report': `${experimentLocation}/report`,
      '/v1/debtors/:debtorId/timing': '/v1/debtors/D-1001/timing',
      '/p/:token': selfService,
      '/p/:token/plan': `${selfService}/plan?instalments=2`,
      '/p/:token/pay': `${selfService}/pay`,
      '/sandbox/outbox/:id/preview': `/sandbox/outbox/${invoices.own.messageId}/preview`,
      '/sandbox/checkout/:id': new URL(invoices.other.checkout).pathname,
      '/v1/invoices/:invoiceId': `/v1/invoices/${invoices.own.invoiceId}`,
      '/v1/invoices/:invoiceId/timeline': `/v1/invoices/${invoices.own.invoiceId}/timeline`,
      '/v1/invoices/:invoiceId/schedule': `/v1/invoices/${invoices.own.invoiceId}/schedule`,
      '/v1/templates/:templateId/:channel/:language/versions': '/v1/templates/reminder-1/email/nl/versions',
      '/v1/templates/:templateId/:channel/:language/preview':
        '/v1/templates/reminder-1/email/nl/preview?format=html',
      '/docs/static/*': '/docs/static/swagger-ui.css',
      '/console/invoices/:invoiceId': `/console/invoices/${invoices.own.invoiceId}`,
      '/console/templates/:templateId/:channel/:language': '/console/templates/reminder-1/email/nl',
      '/console/templates/:templateId/:channel/:language/preview':
        '/console/templates/reminder-1/email/nl/preview',
      '/console/invoices/:invoiceId/actions/:action': `/console/invoices/${invoices.own.invoiceId}/actions/pause`,
      '/console/invoices/:invoiceId/messages/:messageId/preview': `/console/invoices/${invoices.own.invoiceId}/messages/${invoices.own.messageId}/preview`,
      '/console/debtors/:debtorId': '/console/debtors/D-1001',
      '/console/debtors/:debtorId/edit': '/console/debtors/D-1001/edit',
      '/v1/policies/:policyId': '/v1/policies/nl-consumer',
      '/console/ladders/:policyId': '/console/ladders/nl-consumer',
    };
  };

  /** The console's own previews, framed by console pages: same origin only, nobody else. */
  const consolePreview = (url: string) => /^\/console\/.*\/preview(\?|$)/.test(url);

  function expectCommonHeaders(response: LightMyRequestResponse, url: string) {
    const csp = String(response.headers['content-security-policy']);
    expect(csp, url).toContain("default-src 'none'");
    expect(csp, url).toContain(consolePreview(url) ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
    expect(csp, url).toContain("base-uri 'none'");
    expect(csp, url).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|\*)/);
    expect(response.headers['x-content-type-options'], url).toBe('nosniff');
    expect(response.headers['x-frame-options'], url).toBe(consolePreview(url) ? 'SAMEORIGIN' : 'DENY');
    expect(response.headers['referrer-policy'], url).toMatch(/^(no-referrer|same-origin)$/);
    expect(response.headers['strict-transport-security'], url).toContain('max-age=');
    expect(response.headers['cross-origin-opener-policy'], url).toBe('same-origin');
  }

  it('sends them on every GET route, with the strict policy of its family on each HTML page', async () => {
    const examples = fixtures();
    const htmlRoutes: string[] = [];
    for (const { method, url: route } of routesOf(h.app)) {
      if (method !== 'GET') continue;
      const parameterised = /[:*]/.test(route);
      expect(!parameterised || route in examples, `add a fixture for the new route ${route}`).toBe(true);
      const url = parameterised ? examples[route]! : route;
      const response = await h.call('GET', url);
      // An unsigned provider callback is refused; every other route answers its page or document.
      if (route === '/webhooks/messagebird') expect(response.statusCode).toBe(401);
      else expect(response.statusCode, url).toBeLessThan(400);
      expectCommonHeaders(response, url);
      if (!String(response.headers['content-type']).startsWith('text/html')) continue;
      htmlRoutes.push(route);
      const csp = String(response.headers['content-security-policy']);
      if (route.startsWith('/docs') || route.startsWith('/console'))
        expect(csp, url).toContain("script-src 'self'");
      else expect(csp, url).not.toContain('script-src'); // default-src 'none': no script at all
      if (route.endsWith('/preview')) expect(csp, url).toMatch(/(^|;\s*)sandbox(;|$)/);
      if (route.startsWith('/p/') || route.startsWith('/console'))
        expect(response.headers['referrer-policy'], url).toBe('same-origin');
      if (route.startsWith('/console')) expect(csp, url).not.toContain('unsafe-inline');
    }
    expect(htmlRoutes).toEqual(
      expect.arrayContaining([
        '/docs',
        '/sandbox/outbox',
        '/sandbox/outbox/:id/preview',
        '/sandbox/sign-in',
        '/console/sign-in',
        '/sandbox/checkout/:id',
        '/p/:token',
        '/v1/templates/:templateId/:channel/:language/preview',
      ]),
    );
  });

  it('sends them on errors too (problem documents, unknown paths)', async () => {
    for (const url of ['/no/such/route', '/v1/invoices/NOPE']) {
      const response = await h.call('GET', url);
      expect(response.statusCode).toBe(404);
      expectCommonHeaders(response, url);
    }
  });
});
