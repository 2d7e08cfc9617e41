// A long payment plan outgrows one history: when the server suggests it, the workflow continues as
// new with its state and finishes correctly. Uses its own dev server whose suggestion threshold is
// lowered, and a compressed demo policy.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/dunning-activities.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { upsertDebtor } from '../../db/queries/debtors.js';
import { type DevServer, startTemporal } from '../../devstack/temporal.js';
import { createTenant } from '../../devstack/tenant.js';
import { eventually } from '../../devstack/waiting.js';
import { workflowBundle } from '../../temporal/workflow-bundle.js';
import {
  acceptPaymentPlanUpdate,
  dunningWorkflowId,
  recordPaymentUpdate,
  statusQuery,
} from '../../workflows/definitions.js';
import type { dunningWorkflow } from '../../workflows/dunning.js';
import type { DunningInput } from '../../workflows/dunning-types.js';
import { DEMO } from '../../workflows/policy/ladder.js';
import { installQuietRuntime } from '../support/quiet-runtime.js';
import { quietSandboxProviders } from '../support/sandbox-providers.js';

let server: DevServer;
let database: DatabaseHandle;
let client: Client;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `can-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  installQuietRuntime();
  server = await startTemporal({
    kind: 'dev',
    extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=60'],
  });
  database = connectDatabase(inject('databaseUrl'));
  client = new Client({ connection: await Connection.connect({ address: server.address }) });
  const urls = { baseUrl: 'http://127.0.0.1:9', tokenSecret: 'y'.repeat(32) };
  const providers = quietSandboxProviders(database.db, urls.baseUrl);

  const { NativeConnection } = await import('@temporalio/worker');
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: server.address }),
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      db: database.db,
      providers,
      urls,
      handover: { dir: join(tmpdir(), `settle-handover-${taskQueue}`), webhookSecret: undefined },
    }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await client?.connection.close();
  await database?.close();
  await server?.stop();
});

it('continues as new during a 12-instalment plan and still settles exactly', async () => {
  const tenantId = `can-${randomBytes(3).toString('hex')}`;
  const invoiceId = 'INV-LONG-PLAN';
  await createTenant(database.db, { id: tenantId, name: 'Plan Creditor' });
  await upsertDebtor(database.db, {
    tenantId,
    id: 'D-1',
    type: 'consumer',
    name: 'Jan Jansen',
    email: 'jan@example.nl',
  });
  const policy = {
    ...DEMO,
    secondsPerDay: 0.5,
    // Generous follow-up windows: the test pays each instalment as soon as its reminder is seen.
    paymentPlan: {
      ...DEMO.paymentPlan,
      firstDueDays: 2,
      intervalDays: 4,
      reminderDaysBefore: 1,
      followUpAfterDays: 20,
      breakAfterFollowUpDays: 20,
    },
  };
  const input: DunningInput = {
    tenantId,
    invoiceId,
    debtor: {
      id: 'D-1',
      segment: 'consumer',
      language: 'nl',
      reachability: { email: true, sms: false, whatsapp: false, letter: false, app: false },
    },
    principalCents: 36_000,
    currency: 'EUR',
    issueDate: '2026-11-01',
    dueDate: '2026-11-15',
    policy,
  };
  const workflowId = dunningWorkflowId(tenantId, invoiceId);
  const handle = await client.workflow.start<typeof dunningWorkflow>('dunningWorkflow', {
    taskQueue,
    workflowId,
    args: [input],
  });
  const firstRunId = handle.firstExecutionRunId;
  const latest = client.workflow.getHandle<typeof dunningWorkflow>(workflowId);
  await eventually(async () => (await latest.query(statusQuery)).messages.length > 0);
  await latest.executeUpdate(acceptPaymentPlanUpdate, { args: [{ instalments: 12 }] });
  for (let n = 1; n <= 12; n++) {
    await eventually(
      async () =>
        (await latest.query(statusQuery)).messages.some((m) => m.stepKey === `plan1-instalment-${n}-due`),
      30_000,
    );
    await latest.executeUpdate(recordPaymentUpdate, {
      args: [{ dedupeKey: `i${n}`, amountCents: 3_000, paidAt: new Date().toISOString(), source: 'manual' }],
    });
  }
  const result = await latest.result();
  expect(result.status).toBe('paid');
  expect(result.plan?.status).toBe('kept');
  expect(result.payments).toHaveLength(12);
  expect(result.amounts.dueCents).toBe(0);
  // The state crossed at least one run boundary.
  expect((await latest.describe()).runId).not.toBe(firstRunId);
  const firstRun = await client.workflow.getHandle(workflowId, firstRunId).describe();
  expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
}, 120_000);
