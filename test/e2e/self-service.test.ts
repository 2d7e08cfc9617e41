// The debtor self-service pages on the real stack (Temporal dev server + PostgreSQL + worker + API):
// the link from a sandbox message, driven in headless Chromium to a 3-instalment plan, and every
// form and edge case through inject against the same running app.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfServiceToken } from '../../activities/self-service-link.js';
import { escapeHtml } from '../../activities/templates/index.js';
import { auditTrail } from '../../db/queries/audit.js';
import { debtorRequestsOfInvoice } from '../../db/queries/debtor-requests.js';
import { getDebtor } from '../../db/queries/debtors.js';
import { replaceTenantSettings } from '../../db/queries/tenants.js';
import { freePort } from '../../devstack/ports.js';
import { languagePack } from '../../languages/index.js';
import { verifyAppWebhook } from '../../providers/app-webhook/app-webhook.js';
import { CHROMIUM_PATH } from '../../scripts/browser.js';
import { LANGUAGES } from '../../workflows/domain.js';
import { today } from '../../workflows/dunning-logic.js';
import { addDays } from '../../workflows/policy/calendar.js';
import { launchHeadlessChromium } from '../support/browser.js';
import { callApi, eventually, invoiceBody, startTestStack, type TestStack } from '../support/stack.js';

const CHROMIUM = CHROMIUM_PATH;
const haveChromium = existsSync(CHROMIUM);
// CI runs as root and installs Chromium in setup: there a missing browser is a failure, not a skip.
const runBrowser = haveChromium || Boolean(process.env.CI);
if (!runBrowser)
  console.warn(`self-service browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const CREDITOR_WEBHOOK_SECRET = 'creditor-webhook-secret-for-e2e-0123456789';
const SCREENSHOT = fileURLToPath(new URL('../../out/self-service.png', import.meta.url));
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('debtor self-service pages on the real stack', () => {
  let stack: TestStack;
  const day = today(new Date());

  beforeAll(async () => {
    // With a creditor webhook secret, the API process sends debtor requests to the creditor.
    stack = await startTestStack({ port: 13201, env: { CREDITOR_WEBHOOK_SECRET } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const api = (method: 'GET' | 'POST', path: string, body?: unknown) => callApi(stack, method, path, body);
  const invoiceStatus = async (invoiceId: string) =>
    ((await (await api('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json()) as { status: string })
      .status;
  const page = (url: string) => stack.api.app.inject({ method: 'GET', url });
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    stack.api.app.inject({
      method: 'POST',
      url,
      headers: { ...FORM, ...headers },
      payload: new URLSearchParams(fields).toString(),
    });

  /** A demo-policy invoice due in 30 days (the ladder stays put), and its link from the outbox. */
  async function invoiceWithLink(debtor: Record<string, unknown> = {}) {
    const body = invoiceBody(
      { issueDate: day, dueDate: addDays(day, 30), description: 'Energie <november> & "extra"' },
      debtor,
    );
    expect((await api('POST', '/v1/invoices', body)).status).toBe(201);
    const link = await eventually(async () => {
      const items = (await (
        await fetch(`${stack.baseUrl}/sandbox/outbox.json?invoiceId=${body.invoiceId}`, {
          headers: { authorization: `Bearer ${stack.apiKey}` },
        })
      ).json()) as { links: string[] }[];
      // The page itself, not its stable pay link (`/p/<token>/pay`).
      return items.flatMap((m) => m.links).find((l) => /^\/p\/[^/]+$/.test(new URL(l).pathname));
    });
    return { invoiceId: body.invoiceId, debtorId: body.debtor.id, link, path: new URL(link).pathname };
  }

  it.skipIf(!runBrowser)(
    'headless Chromium: open the link, preview a 3-instalment plan, confirm, see in_plan',
    async () => {
      const { invoiceId, link } = await invoiceWithLink();
      let browser: Browser | undefined;
      try {
        browser = await launchHeadlessChromium();
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
        });
        const tab = await context.newPage();
        await tab.goto(link);
        await expect(tab.locator('#summary h1').textContent()).resolves.toContain(invoiceId);
        await expect(tab.locator('[data-amount-due]').textContent()).resolves.toBe('€ 123,45');
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        await tab.screenshot({ path: SCREENSHOT, fullPage: true });

        await tab.selectOption('#instalments', '3');
        await tab.click('#plan button[type=submit]');
        await tab.waitForURL(/\/plan\?.*instalments=3/);
        const rows = tab.locator('#plan-preview table.plan tbody tr:not(.sum)');
        expect(await rows.count()).toBe(3);
        expect(await rows.nth(0).locator('td.r').textContent()).toBe('€ 41,15');
        expect(await rows.nth(2).locator('td.r').textContent()).toBe('€ 41,15');
        expect(await invoiceStatus(invoiceId)).toBe('open'); // nothing agreed before confirming

        await tab.click('#plan-preview form button[type=submit]');
        await tab.waitForURL(/done=plan/);
        expect(await tab.locator('#summary [data-status]').getAttribute('data-status')).toBe('in_plan');
        expect(await tab.locator('#plan-active table.plan tbody tr:not(.sum)').count()).toBe(3);
        expect(await tab.locator('.notice.ok').first().textContent()).toContain('betalingsregeling');
        expect(await invoiceStatus(invoiceId)).toBe('in_plan');
      } finally {
        await browser?.close();
      }
    },
  );

  it('answers 404 problems for forged, tampered and unknown tokens', async () => {
    const { path } = await invoiceWithLink();
    const token = path.split('/')[2]!;
    const forged = [
      '/p/not-a-token',
      `/p/${token.slice(0, -2)}xx`,
      `/p/${Buffer.from(JSON.stringify([stack.tenantId, 'OTHER'])).toString('base64url')}.${token.split('.')[1]}`,
      `/p/${selfServiceToken(stack.config.tokenSecret!, stack.tenantId, 'NO-SUCH-INVOICE')}`,
      `/p/${selfServiceToken('another-secret', stack.tenantId, 'X')}/plan?instalments=3`,
    ];
    for (const url of forged) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const postForged = await post(`${forged[1]}/dispute`, { reason: 'forged' });
    expect(postForged.statusCode).toBe(404);
  });

  it('renders Dutch or English, in the house style, with everything escaped', async () => {
    const { path, invoiceId } = await invoiceWithLink();
    const nl = await page(path);
    expect(nl.statusCode).toBe(200);
    expect(nl.headers['content-type']).toContain('text/html');
    expect(nl.headers['content-security-policy']).toContain("default-src 'none'");
    expect(nl.headers['referrer-policy']).toBe('same-origin');
    expect(nl.body).toContain('<html lang="nl">');
    expect(nl.body).toContain('Nog te betalen');
    expect(nl.body).toContain(`Factuur ${invoiceId}`);
    expect(nl.body).toContain('Test Creditor B.V.');
    expect(nl.body).toContain('--p:#0b5cad');
    expect(nl.body).toContain('Energie &lt;november&gt; &amp; &quot;extra&quot;');
    expect(nl.body).not.toContain('<november>');
    expect(nl.body).not.toMatch(/<script|<link|src="http/);

    const en = await page(`${path}?lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Amount due');
    expect(en.body).toContain('Pay in instalments');
    expect(en.body).not.toContain('Nog te betalen');

    // The debtor's own language is the default; an unknown ?lang falls back to it.
    const english = await invoiceWithLink({ language: 'en' });
    expect((await page(english.path)).body).toContain('<html lang="en">');
    expect((await page(`${english.path}?lang=xx`)).body).toContain('<html lang="en">');

    // A notice comes only from known codes: free text in the URL never reaches the page.
    const crafted = await page(`${path}?e=${encodeURIComponent('<b>pay to NL00EVIL</b>')}`);
    expect(crafted.statusCode).toBe(200);
    expect(crafted.body).not.toContain('NL00EVIL');
  });

  it('renders in every language, the debtor’s own by default, with a switch to every other one', async () => {
    for (const language of LANGUAGES) {
      const pack = languagePack(language);
      const { path, invoiceId } = await invoiceWithLink({ language });
      const { body } = await page(path);
      expect(body).toContain(`<html lang="${language}">`);
      for (const text of [
        pack.page.amountDue,
        pack.page.plan.heading,
        pack.page.dispute.heading,
        pack.page.title(invoiceId),
      ])
        expect(body).toContain(escapeHtml(text));
      expect(body).toContain(escapeHtml(pack.formats.money(12_345)));
      for (const other of LANGUAGES.filter((l) => l !== language))
        expect(body).toContain(
          `hreflang="${other}" lang="${other}">${escapeHtml(languagePack(other).name)}</a>`,
        );
      if (language !== 'en') expect(body).not.toContain(languagePack('en').page.plan.heading);
    }
  });

  it('previews plans only within the policy limits', async () => {
    const { path, invoiceId } = await invoiceWithLink();
    const main = await page(path);
    // € 123,45 with at least € 25 per instalment: 2 to 4 instalments.
    const instalments =
      /<select id="instalments" name="instalments">(.*?)<\/select>/.exec(main.body)?.[1] ?? '';
    expect([...instalments.matchAll(/<option value="(\d+)">/g)].map((m) => m[1])).toEqual(['2', '3', '4']);
    const preview = await page(`${path}/plan?instalments=2&lang=en`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Your plan in 2 instalments');
    expect(preview.body).toContain('€61.73');
    expect(preview.body).toContain('€61.72');
    for (const n of ['5', '1', 'abc']) {
      const refused = await page(`${path}/plan?instalments=${n}`);
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toContain('e=plan-invalid');
    }
    const tooMany = await post(`${path}/plan`, { instalments: '12' });
    expect(tooMany.statusCode).toBe(303);
    expect(tooMany.headers.location).toContain('e=plan-invalid');
    expect((await page(tooMany.headers.location as string)).body).toContain(
      'Kies een aantal termijnen uit de lijst.',
    );
    expect(await invoiceStatus(invoiceId)).toBe('open');
  });

  it('promise to pay: a date within the policy window pauses the invoice', async () => {
    const { path, invoiceId } = await invoiceWithLink();
    const late = await post(`${path}/promise`, { date: addDays(day, 31), lang: 'en' });
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe(`${path}?lang=en&e=promise-date&f=promise#promise`);
    const shown = await page(late.headers.location as string);
    expect(shown.body).toContain('Choose a date between today and the latest date shown.');
    expect(shown.body).toContain('<details class="card" id="promise" open>');
    expect(await invoiceStatus(invoiceId)).toBe('open');

    const date = addDays(day, 10);
    const promised = await post(`${path}/promise`, { date });
    expect(promised.statusCode).toBe(303);
    expect(promised.headers.location).toContain('done=promise');
    expect(await invoiceStatus(invoiceId)).toBe('paused');
    const after = await page(promised.headers.location as string);
    expect(after.body).toContain('Wij hebben uw betaaldatum genoteerd.');
    expect(after.body).toContain('U heeft toegezegd te betalen op');
  });

  it('dispute: pauses the ladder; later workflow actions are refused kindly, never 5xx', async () => {
    const { path, invoiceId } = await invoiceWithLink();
    const empty = await post(`${path}/dispute`, { reason: ' ' });
    expect(empty.headers.location).toContain('e=reason-missing');
    const disputed = await post(`${path}/dispute`, { reason: 'Ik heb dit nooit besteld <echt niet>' });
    expect(disputed.statusCode).toBe(303);
    expect(disputed.headers.location).toContain('done=dispute');
    expect(await invoiceStatus(invoiceId)).toBe('disputed');
    const shown = await page(disputed.headers.location as string);
    expect(shown.body).toContain('Wij hebben uw bezwaar ontvangen.');
    expect(shown.body).not.toContain('id="dispute"'); // no second dispute form
    expect(shown.body).not.toContain('id="plan"');

    for (const [action, fields, code] of [
      ['plan', { instalments: '3' }, 'plan-refused'],
      ['promise', { date: addDays(day, 3) }, 'promise-refused'],
      ['dispute', { reason: 'nogmaals' }, 'dispute-refused'],
    ] as const) {
      const refused = await post(`${path}/${action}`, fields);
      expect(refused.statusCode, action).toBe(303);
      expect(refused.headers.location, action).toContain(`e=${code}`);
      expect((await page(refused.headers.location as string)).statusCode).toBe(200);
    }
    expect(await invoiceStatus(invoiceId)).toBe('disputed');
  });

  it('call-back request: stored for the creditor, in the audit log by id, sent to its endpoint, and confirmed', async () => {
    const deliveries: { signature: string; body: string }[] = [];
    const creditor = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        deliveries.push({ signature: String(request.headers['settle-signature']), body });
        response.writeHead(204).end();
      });
    });
    const creditorPort = await freePort();
    await new Promise<void>((resolve) => creditor.listen(creditorPort, '127.0.0.1', resolve));
    await replaceTenantSettings(stack.database.db, stack.tenantId, {
      creditorWebhookUrl: `http://127.0.0.1:${creditorPort}/settle`,
    });
    const { path, invoiceId } = await invoiceWithLink();
    const requested = await post(`${path}/callback`, { reason: 'Graag na 17:00 bellen', lang: 'en' });
    expect(requested.statusCode).toBe(303);
    expect(requested.headers.location).toContain('done=callback');
    expect((await page(requested.headers.location as string)).body).toContain(
      'We have received your call-back request',
    );
    const [request] = await debtorRequestsOfInvoice(stack.database.db, stack.tenantId, invoiceId);
    expect(request).toMatchObject({ kind: 'callback', status: 'open', message: 'Graag na 17:00 bellen' });
    // The audit trail names the request, not the debtor's words.
    const trail = await auditTrail(stack.database.db, stack.tenantId, invoiceId);
    expect(trail.find((e) => e.action === 'callback-requested')).toMatchObject({
      actor: 'debtor',
      detail: { requestId: request!.id, via: 'self-service' },
    });
    // The running API process tells the creditor, signed. (Requests of earlier tests may come too.)
    const delivery = await eventually(async () =>
      deliveries.find((d) => (JSON.parse(d.body) as { deliveryId: string }).deliveryId === request!.id),
    );
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: 'settle.debtor_request',
      deliveryId: request!.id,
      request: { kind: 'callback', invoiceId, message: 'Graag na 17:00 bellen' },
    });
    expect(
      verifyAppWebhook({
        secret: CREDITOR_WEBHOOK_SECRET,
        header: delivery!.signature,
        body: delivery!.body,
        now: new Date(),
      }),
    ).toBe(true);
    await new Promise((resolve) => creditor.close(resolve));
    expect(await invoiceStatus(invoiceId)).toBe('open');
  });

  it('contact correction: validates email and E.164, updates the debtor', async () => {
    const { path, debtorId, invoiceId } = await invoiceWithLink();
    const badEmail = await post(`${path}/contact`, { email: 'jan@@example', phone: '' });
    expect(badEmail.statusCode).toBe(303);
    expect(badEmail.headers.location).toContain('e=email-invalid');
    const shown = await page(badEmail.headers.location as string);
    expect(shown.body).toContain('Dit e-mailadres lijkt niet te kloppen.');
    expect(shown.body).toContain('<details class="card" id="contact" open>');
    expect((await post(`${path}/contact`, { phone: '0612' })).headers.location).toContain('e=phone-invalid');
    expect((await post(`${path}/contact`, {})).headers.location).toContain('e=contact-empty');
    expect((await getDebtor(stack.database.db, stack.tenantId, debtorId))?.email).toBe(
      'jan@delivered.example',
    );

    const saved = await post(`${path}/contact`, {
      email: 'jan.nieuw@delivered.example',
      phone: '+31 6 1234 5678',
    });
    expect(saved.headers.location).toContain('done=contact');
    const debtor = await getDebtor(stack.database.db, stack.tenantId, debtorId);
    expect(debtor).toMatchObject({ email: 'jan.nieuw@delivered.example', phone: '+31612345678' });
    const trail = await auditTrail(stack.database.db, stack.tenantId, invoiceId);
    expect(trail.find((e) => e.action === 'contact-updated')?.detail).toEqual({
      fields: ['email', 'phone'],
      via: 'self-service',
    });
  });

  it('refuses forms sent from another site (Origin/Referer) and changes nothing', async () => {
    const { path, invoiceId } = await invoiceWithLink();
    const foreign = await post(
      `${path}/dispute`,
      { reason: 'cross-site' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('Dit formulier is niet verstuurd');
    const nullOrigin = await post(`${path}/plan`, { instalments: '2' }, { origin: 'null' });
    expect(nullOrigin.statusCode).toBe(403);
    const referer = await post(
      `${path}/promise`,
      { date: addDays(day, 2) },
      { referer: 'https://evil.example/x' },
    );
    expect(referer.statusCode).toBe(403);
    expect(await invoiceStatus(invoiceId)).toBe('open');
    // The configured public origin counts, scheme and port included — never the (client-chosen) Host.
    const hostHeader = await post(`${path}/callback`, { reason: 'host' }, { origin: 'http://localhost:80' });
    expect(hostHeader.statusCode).toBe(403);
    const base = new URL(stack.baseUrl);
    const otherScheme = await post(
      `${path}/callback`,
      { reason: 'scheme' },
      { origin: `https://${base.host}` },
    );
    expect(otherScheme.statusCode).toBe(403);
    const own = await post(`${path}/callback`, { reason: 'zelfde site' }, { origin: base.origin });
    expect(own.statusCode).toBe(303);
  });

  it('closed invoice: a kind page without actions (200: meant to be seen); the token steers nothing', async () => {
    const { path, invoiceId } = await invoiceWithLink();
    expect((await api('POST', `/v1/invoices/${invoiceId}/cancel`, { reason: 'credit note' })).status).toBe(
      200,
    );
    const closed = await page(path);
    expect(closed.statusCode).toBe(200);
    expect(closed.headers['content-security-policy']).toContain("default-src 'none'");
    expect(closed.body).toContain('Deze factuur is vervallen');
    expect(closed.body).not.toContain('<form');
    expect((await page(`${path}?lang=en`)).body).toContain('This invoice has been cancelled');
    const attempt = await post(`${path}/dispute`, { reason: 'te laat' });
    expect(attempt.statusCode).toBe(303);
    expect((await page(attempt.headers.location as string)).body).toContain('id="closed"');
    expect((await page(`${path}/plan?instalments=2`)).statusCode).toBe(303);
    // Once the mirror row closed too, the page is the same.
    await eventually(async () => {
      const response = await page(path);
      return response.statusCode === 200 && response.body.includes('id="closed" data-status="cancelled"');
    });
  });

  it('documents the routes in /openapi.json', async () => {
    interface Operation {
      summary?: string;
      requestBody?: { content: Record<string, unknown> };
      responses: Record<string, { content?: Record<string, unknown> }>;
    }
    const spec = (await (await fetch(`${stack.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const pageOp = spec.paths['/p/{token}']?.get;
    expect(pageOp?.summary).toMatch(/self-service page/);
    expect(Object.keys(pageOp?.responses['200']?.content ?? {})).toEqual(['text/html']);
    expect(Object.keys(pageOp?.responses['404']?.content ?? {})).toEqual(['application/problem+json']);
    expect(Object.keys(spec.paths['/p/{token}/dispute']?.post?.requestBody?.content ?? {})).toEqual([
      'application/x-www-form-urlencoded',
    ]);
    expect(spec.paths['/p/{token}/plan']?.get?.summary).toMatch(/preview/);
    for (const action of [
      'plan',
      'promise',
      'dispute',
      'callback',
      'contact',
      'direct-debit',
      'direct-debit/stop',
    ]) {
      expect(spec.paths[`/p/{token}/${action}`]?.post?.summary, action).toBeTruthy();
    }
  });
});
