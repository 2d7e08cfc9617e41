// Issue 13 item 2 through the HTTP API: an override that could not be sent is refused at save time
// (422 per field), a tenant goes back to the shipped text (DELETE) or to an earlier version
// (…/versions/{n}/restore) without losing history, no tenant reaches another's overrides, and an
// override that fails at send time (stored before the check) costs no message: the shipped text is
// sent on the same channel, with an audit entry, a timeline event and a Prometheus counter.

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.js';
import { messageCopiesOfInvoice } from '../../db/queries/message-copies.js';
import { saveTemplateOverride } from '../../db/queries/template-overrides.js';
import { sandboxMessages } from '../../db/schema.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  problemOf,
  startApiHarness,
  type Tenant,
} from './harness.js';

let h: ApiHarness;
let other: Tenant;

beforeAll(async () => {
  h = await startApiHarness();
  other = await h.newTenant();
});
afterAll(async () => {
  await h?.close();
});

const REMINDER = '/v1/templates/reminder-1/email/en';

interface VersionBody {
  version: number;
  content: Record<string, unknown> | null;
  restoredFrom: number | null;
}

const versionsOf = async (url: string, as?: Tenant) =>
  (
    (await h.call('GET', `${url}/versions`, undefined, as ? { as } : {})).json().versions as VersionBody[]
  ).map((v) => [v.version, v.content, v.restoredFrom]);

describe('saving an override', () => {
  it('refuses (422) an override that could not be sent, naming each field, placeholder and remedy', async () => {
    const url = '/v1/templates/reminder-2/email/en';
    const res = await h.call('PUT', url, {
      subject: 'Call us on {{creditorPhone}}',
      paragraphs: ['Dear {{debtorName}}, {{amountDue}} is open.', 'Please pay by {{deadline}}.'],
      text: 'Pay {{amountDeu}} at {{payUrl}}',
    });
    const problem = problemOf(res, 422);
    expect(problem.detail).toMatch(/cannot be sent: nothing was stored/);
    expect(problem.errors).toEqual([
      {
        field: '/subject',
        message: expect.stringMatching(
          /\{\{creditorPhone\}\} has no value .*phone to the brand \(PUT \/v1\/brand\)/,
        ),
      },
      {
        field: '/paragraphs/1',
        message: expect.stringMatching(
          /\{\{deadline\}\} has no value when reminder-2 is sent, so a message with it cannot be sent: remove it; reminder-2 always has .*\{\{dueDate\}\}/,
        ),
      },
      {
        field: '/text',
        message: expect.stringMatching(/unknown placeholder \{\{amountDeu\}\}; GET \/v1\/templates lists/),
      },
    ]);
    expect(await versionsOf(url)).toEqual([]);
  });

  it('keeps warnings for what does not stop a message (a long SMS), and stores it', async () => {
    const res = await h.call('PUT', '/v1/templates/reminder-1/sms/en', {
      text: `${'Please pay invoice {{invoiceId}} of {{amountDue}} now. '.repeat(6)}{{payUrl}}`,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([{ field: '/text', message: expect.stringContaining('segments') }]);
  });
});

describe('going back', () => {
  it('DELETE goes back to the shipped text; the versions stay and one can be restored', async () => {
    const v1 = { subject: 'First: invoice {{invoiceId}}' };
    expect((await h.call('PUT', REMINDER, v1)).statusCode).toBe(201);
    expect((await h.call('PUT', REMINDER, { subject: 'Second: invoice {{invoiceId}}' })).statusCode).toBe(
      201,
    );

    const removed = await h.call('DELETE', REMINDER);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({
      templateId: 'reminder-1',
      version: 3,
      content: null,
      restoredFrom: null,
    });
    const shipped = await h.call('GET', `${REMINDER}/preview?format=html`);
    expect(shipped.headers['settle-template-version']).toBe('default');
    expect(shipped.body).toContain('Reminder: invoice F2026-004812 is still open');
    const entry = (await h.call('GET', '/v1/templates'))
      .json()
      .items.find(
        (i: { templateId: string; channel: string; language: string }) =>
          i.templateId === 'reminder-1' && i.channel === 'email' && i.language === 'en',
      );
    expect(entry).toMatchObject({ overridden: false, latestVersion: 3 });
    // Nothing left to remove.
    problemOf(await h.call('DELETE', REMINDER), 404);

    const restored = await h.call('POST', `${REMINDER}/versions/1/restore`);
    expect(restored.statusCode).toBe(201);
    expect(restored.json()).toMatchObject({ version: 4, content: v1, restoredFrom: 1, warnings: [] });
    const preview = await h.call('GET', `${REMINDER}/preview?format=html`);
    expect(preview.headers['settle-template-version']).toBe('4');
    expect(preview.body).toContain('First: invoice F2026-004812');

    // Restoring the version that went back to the shipped text goes back again.
    const again = await h.call('POST', `${REMINDER}/versions/3/restore`);
    expect(again.json()).toMatchObject({ version: 5, content: null, restoredFrom: 3 });
    expect(await versionsOf(REMINDER)).toEqual([
      [5, null, 3],
      [4, v1, 1],
      [3, null, null],
      [2, { subject: 'Second: invoice {{invoiceId}}' }, null],
      [1, v1, null],
    ]);
    problemOf(await h.call('POST', `${REMINDER}/versions/9/restore`), 404);
  });

  it('refuses to restore a stored version that could not be sent, with the same field detail', async () => {
    const key = { tenantId: h.tenantId, templateId: 'payment-plan-offer', channel: 'email', language: 'en' };
    // Stored before saves were checked: a payment-plan offer is never sent with a deadline.
    await saveTemplateOverride(h.database.db, key, { text: 'Pay by {{deadline}}: {{payUrl}}' });
    const url = '/v1/templates/payment-plan-offer/email/en';
    const problem = problemOf(await h.call('POST', `${url}/versions/1/restore`), 422);
    expect(problem.errors).toEqual([
      { field: '/text', message: expect.stringContaining('{{deadline}} has no value') },
    ]);
    expect((await versionsOf(url)).length).toBe(1);
  });

  it('lets no tenant read, remove or restore another tenant’s overrides', async () => {
    expect(await versionsOf(REMINDER, other)).toEqual([]);
    problemOf(await h.call('DELETE', REMINDER, undefined, { as: other }), 404);
    problemOf(await h.call('POST', `${REMINDER}/versions/1/restore`, undefined, { as: other }), 404);
    // The owner's history is as it was.
    expect((await versionsOf(REMINDER)).map(([version]) => version)).toEqual([5, 4, 3, 2, 1]);
  });

  it('documents DELETE and restore in /openapi.json with summary, description and example', async () => {
    const paths = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
    const remove = paths['/v1/templates/{templateId}/{channel}/{language}'].delete;
    const restore = paths['/v1/templates/{templateId}/{channel}/{language}/versions/{version}/restore'].post;
    for (const operation of [remove, restore]) {
      expect(operation.summary).toBeTruthy();
      expect(operation.description).toBeTruthy();
    }
    expect(remove.responses['200'].content['application/json'].example).toMatchObject({
      content: null,
    });
    expect(restore.responses['201'].content['application/json'].example).toMatchObject({
      restoredFrom: 2,
    });
  });
});

describe('sending with an override that fails', () => {
  it('sends the shipped text on the same channel and raises the alert (audit, timeline, metric)', async () => {
    // Stored before saves were checked: a payment request never has a deadline.
    await saveTemplateOverride(
      h.database.db,
      { tenantId: h.tenantId, templateId: 'payment-request', channel: 'email', language: 'nl' },
      { subject: 'Betaal vóór {{deadline}}' },
    );
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const timeline = await eventually(async () => {
      const res = await h.call('GET', `/v1/invoices/${body.invoiceId}/timeline`);
      const entries = res.json().entries as {
        type: string;
        kind: string;
        channel?: string;
        detail?: string;
      }[];
      // The workflow's events are stored by the sync after the send: wait for that write too.
      return (
        entries.some((e) => e.type === 'message' && e.kind === 'payment-request') &&
        entries.some((e) => e.kind === 'template-override-failed' && e.detail) &&
        entries
      );
    });
    const request = timeline.find((e) => e.type === 'message' && e.kind === 'payment-request');
    expect(request?.channel).toBe('email');
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: 'template-override-failed', detail: 'email:payment-request:v1' }),
    );
    expect(timeline.some((e) => e.kind === 'channel-failed')).toBe(false);

    const [sent] = await h.database.db
      .select()
      .from(sandboxMessages)
      .where(
        and(eq(sandboxMessages.invoiceId, body.invoiceId), eq(sandboxMessages.template, 'payment-request')),
      );
    expect(sent).toMatchObject({
      channel: 'email',
      subject: expect.stringContaining('Betaalverzoek voor factuur'),
    });
    // The copy Settle keeps says which text went out, and which version could not.
    const [copy] = await messageCopiesOfInvoice(h.database.db, h.tenantId, body.invoiceId);
    expect(copy).toMatchObject({ subject: sent!.subject, templateVersion: null, unsendableVersion: 1 });

    const alert = (await auditTrail(h.database.db, h.tenantId, body.invoiceId)).find(
      (a) => a.action === 'template-override-failed',
    );
    expect(alert?.detail).toEqual({
      template: 'payment-request',
      channel: 'email',
      language: 'nl',
      version: 1,
      step: 'payment-request',
      problems: [{ field: '/subject', message: expect.stringContaining('{{deadline}} has no value') }],
      sent: 'the shipped text',
    });
    expect(JSON.stringify(alert)).not.toMatch(/Jan Jansen|delivered\.example/);

    const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^settle_template_override_fallbacks_total\{channel="email"\} [1-9]/m);
  });
});
