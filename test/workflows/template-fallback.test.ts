// A template that fails never costs a channel (issue 13 item 2), on the time-skipping server with the
// real activities: a broken stored override is sent in the shipped text on the same channel, that
// step and every later one keep email, and the alert is recorded; a shipped text that cannot be
// rendered for one step passes over the channel for that step only.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultBrand } from '../../db/brand.js';
import { auditTrail } from '../../db/queries/audit.js';
import { saveTemplateOverride } from '../../db/queries/template-overrides.js';
import { tenants } from '../../db/schema.js';
import { steps } from './assertions.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

describe('a template that fails', () => {
  it('a broken stored override: the shipped text goes by email for that step and the later ones, with the alert', async () => {
    // Stored before saves were checked: reminder 1 is never sent with a deadline.
    await saveTemplateOverride(
      h.database.db,
      { tenantId: h.tenantId, templateId: 'reminder-1', channel: 'email', language: 'nl' },
      {
        subject: 'Betaal vóór {{deadline}}',
        paragraphs: ['Beste {{debtorName}}, betaal vóór {{deadline}}.'],
      },
    );
    const id = await h.createInvoice({});
    const status = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-2'));
    expect(steps(status)).toEqual(['payment-request:email', 'reminder-1:email', 'reminder-2:email']);
    expect(status.events).toContainEqual(
      expect.objectContaining({ kind: 'template-override-failed', detail: 'email:reminder-1:v1' }),
    );
    expect(status.events.some((e) => e.kind === 'channel-failed')).toBe(false);

    const alerts = (await auditTrail(h.database.db, h.tenantId, id)).filter(
      (a) => a.action === 'template-override-failed',
    );
    expect(alerts.map((a) => a.detail)).toEqual([
      expect.objectContaining({
        template: 'reminder-1',
        channel: 'email',
        version: 1,
        problems: [
          { field: '/subject', message: expect.stringContaining('{{deadline}} has no value') },
          { field: '/paragraphs/0', message: expect.stringContaining('{{deadline}} has no value') },
        ],
        sent: 'the shipped text',
      }),
    ]);
    expect(JSON.stringify(alerts)).not.toContain('Jan Jansen');
  });

  it('a shipped text that cannot render for one step (a broken brand) leaves every channel to the next step', async () => {
    const brand = defaultBrand('Test Creditor B.V.');
    const setBrand = (value: typeof brand) =>
      h.database.db.update(tenants).set({ brand: value }).where(eq(tenants.id, h.tenantId));
    // A colour no render accepts (written around the API, which refuses it).
    await setBrand({ ...brand, primaryColor: 'not-a-colour' });
    try {
      const id = await h.createInvoice({});
      const failed = await h.waitFor(id, (s) => s.events.some((e) => e.kind === 'unreachable'), 10);
      expect(failed.messages).toEqual([]);
      expect(failed.events.filter((e) => e.kind === 'channel-failed').map((e) => e.detail)).toEqual([
        'email:TemplateError',
        'sms:TemplateError',
        'letter:TemplateError',
      ]);
      await setBrand(brand);
      const next = await h.waitFor(id, (s) =>
        s.events.some((e) => e.kind === 'step' && e.detail === 'reminder-1'),
      );
      expect(steps(next)).toEqual(['reminder-1:email']);
    } finally {
      await setBrand(brand);
    }
  });
});
