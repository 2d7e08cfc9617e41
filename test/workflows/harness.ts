// Workflow tests: the real dunning workflow on Temporal's time-skipping test server, with the real
// activities against the real PostgreSQL and the sandbox channels (delivery facts are fed to the
// workflow by the test, as the webhooks would).
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { createActivities } from '../../activities/dunning-activities.js';
import { type CreateInvoiceRequest, createInvoiceService } from '../../api/invoice-service.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { isoDay } from '../../devstack/dates.js';
import { startTemporal } from '../../devstack/temporal.js';
import { createTenant } from '../../devstack/tenant.js';
import { workflowBundle } from '../../temporal/workflow-bundle.js';
import {
  cancelUpdate,
  dunningWorkflowId,
  recordPaymentUpdate,
  statusQuery,
} from '../../workflows/definitions.js';
import type { dunningWorkflow } from '../../workflows/dunning.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { installQuietRuntime } from '../support/quiet-runtime.js';
import { quietSandboxProviders } from '../support/sandbox-providers.js';

export interface Harness {
  env: TestWorkflowEnvironment;
  database: DatabaseHandle;
  tenantId: string;
  taskQueue: string;
  /** Where the harness's handover activity writes its files. */
  handoverDir: string;
  /** Starts a worker; stop it to simulate a crash/redeploy, start another to resume. */
  startWorker(options?: { cacheWorkflows?: boolean }): Promise<{ stop(): Promise<void> }>;
  createInvoice(
    request: Omit<Partial<CreateInvoiceRequest>, 'debtor'> & {
      debtor?: Partial<CreateInvoiceRequest['debtor']>;
    },
  ): Promise<string>;
  status(invoiceId: string): Promise<DunningStatus>;
  /** Skips time a day at a time until the invoice's status satisfies `done` (or fails after maxDays). */
  waitFor(
    invoiceId: string,
    done: (status: DunningStatus) => boolean,
    maxDays?: number,
  ): Promise<DunningStatus>;
  now(): Promise<Date>;
  /** Records a manual payment through the workflow's update, as the API does. */
  pay(invoiceId: string, amountCents: number, dedupeKey: string): Promise<DunningStatus>;
  /**
   * Skips time a day at a time until the workflow has closed and returns its result. (Awaiting
   * `result()` while far-off timers are pending makes the test server skip time under in-flight
   * workflow tasks, which then expire over and over.)
   */
  runToEnd(invoiceId: string, maxDays?: number): Promise<DunningStatus>;
  /** Cancels every invoice a test left open, so its timers do not slow later tests down. */
  cancelOpen(): Promise<void>;
  handle(invoiceId: string): WorkflowHandle<typeof dunningWorkflow>;
  close(): Promise<void>;
}

/** Signs handovers to a collection agency endpoint in workflow tests. */
export const TEST_HANDOVER_SECRET = 'handover-secret-for-tests-only-0123456789';

/** The test tenant's SEPA creditor identifier (Incassant ID; check digits valid). */
export const TEST_CREDITOR_ID = 'NL79ZZZ999999990000';

export { isoDay };

export async function createHarness(): Promise<Harness> {
  installQuietRuntime();
  const temporal = await startTemporal({ kind: 'time-skipping', serverPath: inject('testServerPath') });
  const { env } = temporal;
  const database = connectDatabase(inject('databaseUrl'));
  const { tenantId } = await createTenant(database.db, {
    id: `wf-${randomBytes(4).toString('hex')}`,
    // Direct debit is offered only by a creditor with a SEPA creditor identifier.
    settings: { sepaCreditorId: TEST_CREDITOR_ID },
  });
  const taskQueue = `wf-${randomBytes(4).toString('hex')}`;
  const urls = { baseUrl: 'http://127.0.0.1:9', tokenSecret: 'x'.repeat(32) };
  const providers = quietSandboxProviders(database.db, urls.baseUrl);

  const handoverDir = await mkdtemp(join(tmpdir(), 'settle-handover-'));
  const activities = createActivities({
    db: database.db,
    providers,
    urls,
    handover: { dir: handoverDir, webhookSecret: TEST_HANDOVER_SECRET },
  });
  const service = createInvoiceService({
    db: database.db,
    temporal: env.client,
    taskQueue,
    urls,
    appChannelConfigured: false,
    // The test server's clock, as read when the invoice is created (time skips between invoices).
    now: () => clock,
  });
  let clock = new Date();
  const bundle = await workflowBundle();

  const created: string[] = [];
  const status = (invoiceId: string) =>
    env.client.workflow.getHandle(dunningWorkflowId(tenantId, invoiceId)).query(statusQuery);
  return {
    env,
    database,
    tenantId,
    taskQueue,
    handoverDir,
    async startWorker({ cacheWorkflows = true } = {}) {
      // The test server cannot cancel long polls; force the stop instead of waiting a minute for them.
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: bundle,
        activities,
        shutdownForceTime: '2s',
        // Without a cache every workflow task replays the whole history (and uses no sticky queue).
        ...(cacheWorkflows ? {} : { maxCachedWorkflows: 0 }),
      });
      const run = worker.run().catch(() => undefined);
      return {
        async stop() {
          worker.shutdown();
          await run;
        },
      };
    },
    async createInvoice(request) {
      const invoiceId = request.invoiceId ?? `INV-${randomBytes(4).toString('hex')}`;
      const now = new Date(await env.currentTimeMs());
      clock = now;
      const { debtor, ...rest } = request;
      await service.create(tenantId, {
        invoiceId,
        amountCents: 12_345,
        currency: 'EUR',
        issueDate: isoDay(-14, now),
        dueDate: isoDay(14, now),
        policyId: 'nl-consumer',
        ...rest,
        debtor: {
          id: `D-${randomBytes(3).toString('hex')}`,
          type: 'consumer',
          name: 'Jan Jansen',
          email: 'jan@example.nl',
          phone: '+31612345678',
          address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
          ...debtor,
        },
      });
      created.push(invoiceId);
      return invoiceId;
    },
    async cancelOpen() {
      for (const invoiceId of created.splice(0)) {
        await env.client.workflow
          .getHandle(dunningWorkflowId(tenantId, invoiceId))
          .executeUpdate(cancelUpdate, { args: [{ reason: 'test finished' }] })
          .catch(() => undefined);
      }
    },
    handle(invoiceId) {
      return env.client.workflow.getHandle<typeof dunningWorkflow>(dunningWorkflowId(tenantId, invoiceId));
    },
    status,
    async waitFor(invoiceId, done, maxDays = 120) {
      for (let day = 0; day <= maxDays; day++) {
        const current = await status(invoiceId);
        if (done(current)) return current;
        await env.sleep('1 day');
      }
      throw new Error(
        `condition not reached within ${maxDays} days: ${JSON.stringify(await status(invoiceId))}`,
      );
    },
    async runToEnd(invoiceId, maxDays = 200) {
      const handle = env.client.workflow.getHandle<typeof dunningWorkflow>(
        dunningWorkflowId(tenantId, invoiceId),
      );
      for (let day = 0; day <= maxDays; day++) {
        // Asked, not awaited: the test server skips time while a client awaits a result, and with
        // nothing left to wait for it skips years — the next invoice would start in another decade.
        if ((await handle.describe()).status.name !== 'RUNNING') return handle.query(statusQuery);
        await env.sleep('1 day');
      }
      throw new Error(`workflow still running after ${maxDays} days`);
    },
    async pay(invoiceId, amountCents, dedupeKey) {
      return env.client.workflow
        .getHandle<typeof dunningWorkflow>(dunningWorkflowId(tenantId, invoiceId))
        .executeUpdate(recordPaymentUpdate, {
          args: [
            {
              dedupeKey,
              amountCents,
              paidAt: new Date(await env.currentTimeMs()).toISOString(),
              source: 'manual',
            },
          ],
        });
    },
    async now() {
      return new Date(await env.currentTimeMs());
    },
    async close() {
      await temporal.stop();
      await database.close();
    },
  };
}

/**
 * One harness and worker for the test file (or describe block) that calls this, with every invoice
 * a test left open cancelled after it. The returned object forwards to the harness once started.
 */
export function harnessPerFile(): Harness {
  let current: Harness | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    current = await createHarness();
    worker = await current.startWorker();
  });
  afterEach(() => current?.cancelOpen());
  afterAll(async () => {
    await worker?.stop();
    await current?.close();
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!current) throw new Error('the harness starts in beforeAll');
      const value = current[key as keyof Harness];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
