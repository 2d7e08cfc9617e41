// Template overrides and the house style through the HTTP API: versions, previews in every format,
// rejected texts, and tenant isolation — against the real PostgreSQL of the test run.

import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { loadConfig } from '../../config.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { createTenant as createDevTenant } from '../../devstack/tenant.js';
import { providerWebhooks } from '../../providers/runtime.js';
import type { PaymentProvider } from '../../providers/types.js';
import { LANGUAGES } from '../../workflows/domain.js';

const unusedPayments: PaymentProvider = {
  createPaymentLink: () => Promise.reject(new Error('not used by template routes')),
  getPayment: () => Promise.reject(new Error('not used by template routes')),
};

interface Tenant {
  id: string;
  key: string;
}

async function createTenant(database: DatabaseHandle, name: string): Promise<Tenant> {
  const { tenantId, apiKey } = await createDevTenant(database.db, { name, keyLabel: 'templates test' });
  return { id: tenantId, key: apiKey };
}

describe('template and brand API', () => {
  let database: DatabaseHandle;
  let connection: Connection;
  let app: FastifyInstance;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    database = connectDatabase(inject('databaseUrl'));
    connection = await Connection.connect({ address: inject('temporalAddress') });
    app = await buildApp({
      database,
      temporal: new Client({ connection }),
      taskQueue: 'templates-test',
      urls: { baseUrl: 'http://127.0.0.1:3000', tokenSecret: randomBytes(32).toString('hex') },
      payments: unusedPayments,
      paymentProviderName: 'mollie',
      providerWebhooks: providerWebhooks(loadConfig({}), undefined),
      sandbox: undefined,
      appChannelConfigured: true,
      rateLimitPerMinute: 10_000,
      logLevel: 'silent',
    });
    a = await createTenant(database, 'Alpha Energie B.V.');
    b = await createTenant(database, 'Beta Water B.V.');
  });
  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await database?.close();
  });

  const call = (tenant: Tenant, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tenant.key}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const REMINDER = '/v1/templates/reminder-1/email/en';

  it('lists the catalogue with the override state per template, channel and language', async () => {
    const res = await call(a, 'GET', '/v1/templates');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(12 * 5 * LANGUAGES.length);
    expect(body.placeholders).toContain('debtorName');
    const whatsapp = body.items.find(
      (i: { templateId: string; channel: string; language: string }) =>
        i.templateId === 'formal-notice' && i.channel === 'whatsapp' && i.language === 'nl',
    );
    expect(whatsapp).toMatchObject({ overridableFields: [], previewFormats: ['text'], overridden: false });
  });

  it('stores each override as a new version and previews the latest or a chosen one', async () => {
    const first = await call(a, 'PUT', REMINDER, { subject: 'Alpha reminder for {{invoiceId}}' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      templateId: 'reminder-1',
      channel: 'email',
      language: 'en',
      version: 1,
      content: { subject: 'Alpha reminder for {{invoiceId}}' },
      warnings: [],
    });

    // Sample data renders, but a reminder is sent without a collection agency: it could not be sent.
    const unsendable = await call(a, 'PUT', REMINDER, {
      subject: 'Alpha, second try: {{invoiceId}}',
      paragraphs: ['Dear customer, {{amountDue}} is still open.', 'Agency: {{collectionAgency}}'],
    });
    expect(unsendable.statusCode).toBe(422);
    expect(unsendable.json().errors).toEqual([
      { field: '/paragraphs/1', message: expect.stringContaining('{{collectionAgency}} has no value') },
    ]);

    const second = await call(a, 'PUT', REMINDER, {
      subject: 'Alpha, second try: {{invoiceId}}',
      paragraphs: ['Dear customer, {{amountDue}} is still open.'],
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().version).toBe(2);
    expect(second.json().warnings).toEqual([]);

    const versions = await call(a, 'GET', `${REMINDER}/versions`);
    expect(versions.statusCode).toBe(200);
    expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const catalogue = await call(a, 'GET', '/v1/templates');
    expect(
      catalogue
        .json()
        .items.find(
          (i: { templateId: string; channel: string; language: string }) =>
            i.templateId === 'reminder-1' && i.channel === 'email' && i.language === 'en',
        ),
    ).toMatchObject({ overridden: true, latestVersion: 2 });

    const html = await call(a, 'GET', `${REMINDER}/preview?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['settle-template-version']).toBe('2');
    expect(html.body).toContain('Alpha, second try: F2026-004812');
    expect(html.body).toContain('Dear customer, €197.68 is still open.');

    const v1Text = await call(a, 'GET', `${REMINDER}/preview?format=text&version=1`);
    expect(v1Text.statusCode).toBe(200);
    expect(v1Text.headers['content-type']).toMatch(/^text\/plain/);
    expect(v1Text.headers['settle-template-version']).toBe('1');
    expect(v1Text.body).toContain('Perhaps you missed it'); // version 1 kept the shipped body

    const missing = await call(a, 'GET', `${REMINDER}/preview?version=9`);
    expect(missing.statusCode).toBe(404);
  });

  it('previews letters as PDF and short channels as text; a wrong format is a 422', async () => {
    const pdf = await call(a, 'GET', '/v1/templates/formal-notice/letter/nl/preview?format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.headers['settle-template-version']).toBe('default');

    const sms = await call(a, 'GET', '/v1/templates/reminder-1/sms/nl/preview');
    expect(sms.statusCode).toBe(200);
    expect(sms.body).toContain('Alpha Energie B.V.');

    const whatsapp = await call(a, 'GET', '/v1/templates/payment-request/whatsapp/en/preview?format=text');
    expect(whatsapp.statusCode).toBe(200);
    expect(whatsapp.body).toContain('Alpha Energie B.V.');

    const wrong = await call(a, 'GET', '/v1/templates/reminder-1/sms/nl/preview?format=pdf');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.json().errors).toEqual([{ field: 'querystring:/format', message: 'must be one of text' }]);
  });

  it('refuses texts that do not render: unknown placeholder, any WhatsApp override, unsafe HTML', async () => {
    const unknown = await call(a, 'PUT', REMINDER, { subject: 'Pay {{amountDeu}} now' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({
      status: 422,
      errors: [{ field: '/subject', message: expect.stringContaining('unknown placeholder {{amountDeu}}') }],
    });

    const whatsapp = await call(a, 'PUT', '/v1/templates/reminder-1/whatsapp/nl', { text: 'Hallo' });
    expect(whatsapp.statusCode).toBe(422);
    expect(whatsapp.json().errors).toEqual([
      { field: '/text', message: expect.stringContaining('does not apply to the whatsapp channel') },
    ]);

    const html = await call(a, 'PUT', REMINDER, {
      html: '<html><body><a href="http://evil.example/">{{payUrl}}</a></body></html>',
    });
    expect(html.statusCode).toBe(422);
    expect(html.json().errors[0]).toMatchObject({ field: '/html' });

    const letterSubject = await call(a, 'PUT', '/v1/templates/reminder-1/letter/nl', { subject: 'x' });
    expect(letterSubject.statusCode).toBe(422);

    // Nothing of the refused texts was stored.
    const versions = await call(a, 'GET', `${REMINDER}/versions`);
    expect(versions.json().versions).toHaveLength(2);
  });

  it('refuses an override that needs a value one variant of the template never has', async () => {
    // The business formal notice has a deadline; the consumer one (14 days after receipt) has none.
    const res = await call(a, 'PUT', '/v1/templates/formal-notice/letter/en', {
      paragraphs: ['Pay {{amountDue}} by {{deadline}}.'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: '/paragraphs/0', message: expect.stringContaining('{{deadline}} has no value') },
    ]);
  });

  it('keeps one tenant’s overrides invisible to another', async () => {
    const versions = await call(b, 'GET', `${REMINDER}/versions`);
    expect(versions.statusCode).toBe(200);
    expect(versions.json().versions).toEqual([]);

    const preview = await call(b, 'GET', `${REMINDER}/preview?format=html`);
    expect(preview.headers['settle-template-version']).toBe('default');
    expect(preview.body).not.toContain('Alpha');
    expect(preview.body).toContain('Beta Water B.V.');

    const byVersion = await call(b, 'GET', `${REMINDER}/preview?version=1`);
    expect(byVersion.statusCode).toBe(404);

    const catalogue = await call(b, 'GET', '/v1/templates');
    expect(catalogue.json().items.some((i: { overridden: boolean }) => i.overridden)).toBe(false);

    const unauthenticated = await app.inject({ method: 'GET', url: '/v1/templates' });
    expect(unauthenticated.statusCode).toBe(401);
  });

  it('updates the house style, which the next preview shows', async () => {
    const current = await call(b, 'GET', '/v1/brand');
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ name: 'Beta Water B.V.', primaryColor: '#0b5cad' });

    const brand = {
      ...current.json(),
      name: 'Beta Drinkwater N.V.',
      senderName: 'Team Debiteuren',
      primaryColor: '#7a1f5c',
      accentColor: '#13a89e',
      iban: 'nl02 abna 0123 4567 89',
      bic: 'ABNANL2A',
      collectionCostsVatPercent: 21,
    };
    const updated = await call(b, 'PUT', '/v1/brand', brand);
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Beta Drinkwater N.V.', iban: 'NL02ABNA0123456789' });
    expect((await call(b, 'GET', '/v1/brand')).json().primaryColor).toBe('#7a1f5c');

    const html = await call(b, 'GET', `${REMINDER}/preview?format=html`);
    expect(html.body).toContain('#7a1f5c');
    expect(html.body).toContain('#13a89e');
    expect(html.body).toContain('Beta Drinkwater N.V.');
    expect(html.body).not.toContain('#0b5cad');

    const pdf = await call(b, 'GET', '/v1/templates/reminder-1/letter/en/preview');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Tenant A's brand did not change.
    expect((await call(a, 'GET', '/v1/brand')).json().name).toBe('Alpha Energie B.V.');
  });

  it('refuses a brand with an invalid IBAN or colour', async () => {
    const current = (await call(a, 'GET', '/v1/brand')).json();
    const badIban = await call(a, 'PUT', '/v1/brand', { ...current, iban: 'NL91ABNA0417164301' });
    expect(badIban.statusCode).toBe(422);
    expect(badIban.json().errors).toEqual([{ field: '/iban', message: expect.stringContaining('IBAN') }]);

    const badColour = await call(a, 'PUT', '/v1/brand', { ...current, primaryColor: 'red' });
    expect(badColour.statusCode).toBe(400);
    expect(badColour.json().errors[0].field).toBe('/primaryColor');
  });

  it('documents every template and brand route in /openapi.json', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, unknown>>;
    expect(paths['/v1/templates']).toHaveProperty('get');
    expect(paths['/v1/templates/{templateId}/{channel}/{language}']).toHaveProperty('put');
    expect(paths['/v1/templates/{templateId}/{channel}/{language}/versions']).toHaveProperty('get');
    const preview = paths['/v1/templates/{templateId}/{channel}/{language}/preview']!.get as {
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(Object.keys(preview.responses['200']!.content)).toEqual(
      expect.arrayContaining(['text/html', 'text/plain', 'application/pdf']),
    );
    expect(paths['/v1/brand']).toHaveProperty('put');
    expect(paths['/v1/brand']).toHaveProperty('get');
  });
});
