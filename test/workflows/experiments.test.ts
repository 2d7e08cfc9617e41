// Experiments in the workflow (issue 16 item 4), on the time-skipping server with the real
// activities: an invoice reaching a step under a running experiment gets its assignment recorded
// once, its message goes out in the arm's template variant, and the history replays.
import { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createExperimentActivities } from '../../activities/experiments.js';
import { insertExperiment, runningExperiments, stopExperiment } from '../../db/queries/experiments.js';
import { saveTemplateOverride } from '../../db/queries/template-overrides.js';
import { experimentAssignments, sandboxMessages } from '../../db/schema.js';
import { workflowBundle } from '../../temporal/workflow-bundle.js';
import { deliverySignal } from '../../workflows/definitions.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

describe('an invoice under a running experiment', () => {
  it('is assigned once, gets the arm’s template variant, and replays', async () => {
    const db = h.database.db;
    const key = { tenantId: h.tenantId, templateId: 'reminder-1', channel: 'email', language: 'nl' };
    for (const subject of ['Variant A {{invoiceId}}', 'Variant B {{invoiceId}}', 'Standaard C {{invoiceId}}'])
      await saveTemplateOverride(db, key, { subject });
    const experimentId = 'exp_0123456789abcdef0123456789abcdef';
    await insertExperiment(db, {
      tenantId: h.tenantId,
      id: experimentId,
      name: 'reminder 1 subject',
      policyId: 'nl-consumer',
      stepId: 'reminder-1',
      stepKind: null,
      goal: { kind: 'paid-within-days', days: 14 },
      // No holdout: every invoice gets an arm, so the variant must show.
      holdoutShare: 0,
      arms: [
        { key: 'a', config: { kind: 'template-variant', version: 1 } },
        { key: 'b', config: { kind: 'template-variant', version: 2 } },
      ],
    });

    const id = await h.createInvoice({});
    const status = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'));
    const rows = await db
      .select()
      .from(experimentAssignments)
      .where(and(eq(experimentAssignments.tenantId, h.tenantId), eq(experimentAssignments.invoiceId, id)));
    expect(rows).toHaveLength(1);
    const arm = rows[0]!.arm;
    expect(['a', 'b']).toContain(arm);
    expect(status.events.filter((e) => e.kind === 'experiment-assigned')).toEqual([
      expect.objectContaining({ detail: `${experimentId}:${arm}` }),
    ]);

    const subjectOf = async (stepKey: string) => {
      const message = status.messages.find((m) => m.stepKey === stepKey)!;
      const [sent] = await db
        .select()
        .from(sandboxMessages)
        .where(eq(sandboxMessages.messageId, message.messageId));
      return sent!.subject;
    };
    expect(await subjectOf('reminder-1')).toBe(`${arm === 'a' ? 'Variant A' : 'Variant B'} ${id}`);
    // Steps outside the experiment keep their own text: the payment request is not overridden.
    expect(await subjectOf('payment-request')).not.toMatch(/Variant|Standaard/);

    // A repeated ask answers the stored assignment, whatever the draw would say now.
    const activities = createExperimentActivities({ db, random: () => 0.999 });
    const ref = { tenantId: h.tenantId, invoiceId: id, workflowId: h.handle(id).workflowId };
    for (let i = 0; i < 3; i++)
      expect(
        await activities.assignExperimentArm({
          ...ref,
          policyId: 'nl-consumer',
          stepId: 'reminder-1',
          stepKind: 'reminder',
        }),
      ).toEqual({
        experimentId,
        arm,
        config: { kind: 'template-variant', version: arm === 'a' ? 1 : 2 },
      });

    // The history (with the assignment in it) replays against the workflow code.
    const history = await h.handle(id).fetchHistory();
    const asked = history.events!.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'assignExperimentArm',
    );
    // Only the step the experiment covers asks (the create's first snapshot or the last write told the
    // workflow which): not the payment request.
    expect(asked).toHaveLength(1);
    // Under the workflow id it ran under: decisions depend on it, and so does which activities run.
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle() },
      history,
      h.handle(id).workflowId,
    );
  });

  it('leaves a step without a running experiment as it was: no assignment, no event', async () => {
    const id = await h.createInvoice({});
    const status = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'payment-request'));
    expect(status.events.some((e) => e.kind === 'experiment-assigned')).toBe(false);
    const rows = await h.database.db
      .select()
      .from(experimentAssignments)
      .where(and(eq(experimentAssignments.tenantId, h.tenantId), eq(experimentAssignments.invoiceId, id)));
    expect(rows).toEqual([]);
  });

  it('a channel-order arm sends on its channel first; a send-slot arm at its time, within contact hours', async () => {
    const db = h.database.db;
    for (const e of await runningExperiments(db, h.tenantId)) await stopExperiment(db, h.tenantId, e.id);
    const base = {
      tenantId: h.tenantId,
      name: 'x',
      policyId: 'nl-consumer',
      stepKind: null,
      goal: { kind: 'paid-within-days', days: 14 } as const,
      holdoutShare: 0,
    };
    // Both arms the same, so whichever is drawn the effect is known.
    await insertExperiment(db, {
      ...base,
      id: 'exp_11111111111111111111111111111111',
      stepId: 'reminder-1',
      arms: ['x', 'y'].map((key) => ({
        key,
        config: { kind: 'channel-order' as const, order: ['sms' as const] },
      })),
    });
    await insertExperiment(db, {
      ...base,
      id: 'exp_22222222222222222222222222222222',
      stepId: 'reminder-2',
      arms: ['x', 'y'].map((key) => ({ key, config: { kind: 'send-slot' as const, hour: 19, minute: 30 } })),
    });
    const id = await h.createInvoice({});
    const status = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-2'));
    const byStep = (stepKey: string) => status.messages.find((m) => m.stepKey === stepKey)!;
    expect(byStep('payment-request').channel).toBe('email');
    expect(byStep('reminder-1').channel).toBe('sms');
    expect(toAmsterdamParts(new Date(byStep('reminder-2').history[0]!.at))).toMatchObject({
      hour: 19,
      minute: 30,
    });
    expect(status.events.filter((e) => e.kind === 'experiment-assigned')).toHaveLength(2);
  });
  it('a resend after a failure keeps the arm’s channel order (patch resend-keeps-variation)', async () => {
    const db = h.database.db;
    for (const e of await runningExperiments(db, h.tenantId)) await stopExperiment(db, h.tenantId, e.id);
    await insertExperiment(db, {
      tenantId: h.tenantId,
      id: 'exp_33333333333333333333333333333333',
      name: 'whatsapp first',
      policyId: 'nl-consumer',
      stepId: 'reminder-1',
      stepKind: null,
      goal: { kind: 'paid-within-days', days: 14 },
      holdoutShare: 0,
      arms: ['x', 'y'].map((key) => ({
        key,
        config: { kind: 'channel-order' as const, order: ['whatsapp' as const, 'sms' as const] },
      })),
    });
    const id = await h.createInvoice({ debtor: { whatsappOptIn: true } });
    const reminder = (s: DunningStatus) => s.messages.filter((m) => m.stepKey === 'reminder-1');
    const [first] = reminder(await h.waitFor(id, (s) => reminder(s).length === 1));
    expect(first!.channel).toBe('whatsapp');
    await h.handle(id).signal(deliverySignal, {
      messageId: first!.messageId,
      status: 'failed',
      at: (await h.now()).toISOString(),
    });
    // The arm's next channel, sms — not the default order's email.
    const resent = reminder(await h.waitFor(id, (s) => reminder(s).length === 2));
    expect(resent.map((m) => m.channel)).toEqual(['whatsapp', 'sms']);
  });
});
