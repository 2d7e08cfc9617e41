// The sandbox's delivery reports are durable: stored with the message by the outbox, claimed from
// PostgreSQL by a poller, posted signed to the webhooks, marked sent, retried on failure. A poller
// that dies between its claim and its post (as a killed process does) loses nothing: its claim
// runs out and another poller sends the report through the real, verifying webhook.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { defaultPayloadConverter } from '@temporalio/common';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/dunning-activities.js';
import { communicationsOfInvoice, recordCommunicationStatus } from '../../db/queries/communications.js';
import { communications, sandboxMessages, webhookEvents } from '../../db/schema.js';
import {
  MESSAGEBIRD_SIGNATURE_HEADER,
  verifyMessageBirdJwt,
} from '../../providers/messagebird/messagebird-events.js';
import { createProviders } from '../../providers/runtime.js';
import { SandboxDeliveryReports } from '../../providers/sandbox/sandbox-events.js';
import { sandboxKeys } from '../../providers/sandbox/sandbox-keys.js';
import { SandboxOutbox } from '../../providers/sandbox/sandbox-outbox.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendGridSignature,
} from '../../providers/sendgrid/sendgrid-events.js';
import type { MessageRef } from '../../providers/types.js';
import type { SendMessageInput } from '../../workflows/activity-contract.js';
import { type ApiHarness, eventually, invoiceBody, startApiHarness, unique } from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  // No report poller of the harness's own: each test decides which pollers live and die.
  h = await startApiHarness({ sandboxReports: false });
});
afterAll(async () => {
  await h?.close();
});

const sandboxRow = async (id: string) =>
  (await h.database.db.select().from(sandboxMessages).where(eq(sandboxMessages.id, id)))[0]!;

describe('sandbox delivery reports', () => {
  it('survive a poller killed between claim and post: another one delivers through the real webhook', async () => {
    const body = invoiceBody(); // jan@delivered.example: delivered, then opened
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const message = await eventually(async () => {
      const [first] = await communicationsOfInvoice(h.database.db, h.tenantId, body.invoiceId);
      return first?.providerMessageId ? first : undefined;
    });
    const sandboxId = message.providerMessageId!;
    const stored = await sandboxRow(sandboxId);
    expect(stored).toMatchObject({ reportEndpoint: h.baseUrl, reportAttempts: 0, reportedAt: null });
    expect(stored.reportDueAt).not.toBeNull();

    // Poller A claims the report, then hangs in its post forever: as good as SIGKILLed.
    const posts: string[] = [];
    const doomed = new SandboxDeliveryReports({
      db: h.database.db,
      keys: h.sandbox.keys,
      baseUrl: h.baseUrl,
      leaseMs: 1500,
      fetch: (url) => {
        posts.push(String(url));
        return new Promise<Response>(() => {});
      },
    });
    doomed.start();
    await eventually(async () => (await sandboxRow(sandboxId)).reportAttempts === 1);
    await eventually(async () => posts.length === 1);
    void doomed.stop(); // never resolves: its round hangs, as a dead process's would
    expect(posts[0]).toBe(`${h.baseUrl}/webhooks/sendgrid`);
    expect((await sandboxRow(sandboxId)).reportedAt).toBeNull();

    // A fresh poller (the restarted API) delivers once the dead one's claim ran out.
    const fresh = new SandboxDeliveryReports({ db: h.database.db, keys: h.sandbox.keys, baseUrl: h.baseUrl });
    fresh.start();
    try {
      const reported = await eventually(async () => {
        const row = await sandboxRow(sandboxId);
        return row.reportedAt !== null && row;
      });
      expect(reported).toMatchObject({ deliveryStatus: 'opened', reportAttempts: 2, reportDueAt: null });
      const history = await eventually(async () => {
        const [row] = await communicationsOfInvoice(h.database.db, h.tenantId, body.invoiceId);
        const statuses = row?.statusHistory.map((s) => s.status) ?? [];
        return statuses.includes('opened') && statuses;
      });
      expect(history).toEqual(expect.arrayContaining(['sent', 'delivered', 'opened']));
      const events = await h.database.db
        .select()
        .from(webhookEvents)
        .where(inArray(webhookEvents.providerEventId, [`${sandboxId}-delivered`, `${sandboxId}-open`]));
      expect(events.map((e) => e.provider)).toEqual(['sendgrid', 'sendgrid']);
    } finally {
      await fresh.stop();
    }
  });
});

describe('a delivery report that overtakes the send it reports on', () => {
  it("does not stop the send's retry from recording it (worker killed between outbox and bookkeeping)", async () => {
    const body = invoiceBody({}, { email: 'kim@bounce.example' });
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const sent = await eventually(async () => {
      const [first] = await communicationsOfInvoice(h.database.db, h.tenantId, body.invoiceId);
      return first?.providerMessageId ? first : undefined;
    });
    // The input the workflow scheduled the send with.
    const history = await h.temporal.workflow.getHandle(sent.workflowId).fetchHistory();
    const scheduled = history.events!.find(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendMessage',
    )!.activityTaskScheduledEventAttributes!;
    const input = defaultPayloadConverter.fromPayload<SendMessageInput>(scheduled.input!.payloads![0]!);

    // The state a SIGKILL leaves between the outbox's INSERT and the 'sent' record, after the
    // (durable) report has been processed: the status moved on, the provider id is unknown.
    await h.database.db
      .update(communications)
      .set({
        status: 'queued',
        providerMessageId: null,
        statusHistory: [{ status: 'queued', at: new Date().toISOString() }],
      })
      .where(eq(communications.id, sent.id));
    await recordCommunicationStatus(h.database.db, sent.id, {
      status: 'bounced',
      at: new Date().toISOString(),
    });

    // Temporal retries the orphaned attempt.
    const activities = createActivities({
      db: h.database.db,
      providers: createProviders(h.config, h.sandbox),
      urls: { baseUrl: h.baseUrl, tokenSecret: h.tokenSecret },
      handover: h.config.handover,
    });
    // A ladder step's send: it also writes the records of the state after the step (sync-rides-along).
    expect(await activities.sendMessage(input)).toEqual({
      messageId: sent.id,
      channel: 'email',
      at: expect.any(String),
      synced: expect.any(String),
    });
    const [after] = await communicationsOfInvoice(h.database.db, h.tenantId, body.invoiceId);
    expect(after).toMatchObject({ providerMessageId: sent.providerMessageId, status: 'bounced' });
    expect(after!.statusHistory.map((entry) => entry.status)).toEqual(['queued', 'bounced', 'sent']);
    // Sent again under the same idempotency key: the sandbox still holds the message once.
    const stored = await h.database.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.idempotencyKey, input.idempotencyKey));
    expect(stored).toHaveLength(1);
  });
});

describe('sandbox delivery report poller (against a fake provider endpoint)', () => {
  interface Received {
    method: string;
    url: string;
    body: string;
    verified: boolean;
    status: number;
  }
  let server: Server;
  let endpoint: string;
  const tokenSecret = randomBytes(32).toString('hex');
  const keys = sandboxKeys(tokenSecret);
  const received: Received[] = [];
  const seen = new Set<string>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks);
        const url = `${endpoint}${request.url}`;
        const verified = request.url!.startsWith('/webhooks/sendgrid')
          ? verifySendGridSignature({
              publicKeyBase64OrPem: keys.sendgridPublicKey,
              rawBody,
              signature: String(request.headers[SENDGRID_SIGNATURE_HEADER.toLowerCase()]),
              timestamp: String(request.headers[SENDGRID_TIMESTAMP_HEADER.toLowerCase()]),
              now: new Date(),
            })
          : verifyMessageBirdJwt({
              signingKey: keys.messagebirdSigningKey,
              token: String(request.headers[MESSAGEBIRD_SIGNATURE_HEADER.toLowerCase()]),
              url,
              rawBody,
              now: new Date(),
            });
        // Every report is refused once (a webhook that could not store it), then accepted.
        const key = `${request.method} ${request.url} ${rawBody}`;
        const status = !verified ? 401 : seen.has(key) ? 200 : 503;
        seen.add(key);
        received.push({
          method: request.method!,
          url: request.url!,
          body: rawBody.toString(),
          verified,
          status,
        });
        response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('delivers each due report once per attempt with two pollers, retries refusals, marks them sent', async () => {
    const outbox = new SandboxOutbox(h.database.db, { endpoint, delayMs: 0 });
    const tag = randomBytes(4).toString('hex');
    const ref = (n: number): MessageRef => ({
      tenantId: 'reports-test',
      invoiceId: `INV-${tag}-${n}`,
      messageId: `msg_${tag}_${n}`,
      idempotencyKey: `reports-test:${tag}:${n}`,
    });
    const html = '<p>x</p>';
    const from = { email: 'billing@example.org', name: 'Billing' };
    const sends = [
      {
        id: 0,
        expect: 'bounced',
        send: () =>
          outbox.sendEmail({ ref: ref(0), to: 'a@bounce.example', subject: 's', text: 't', html, from }),
      },
      {
        id: 1,
        expect: 'opened',
        send: () =>
          outbox.sendEmail({ ref: ref(1), to: 'b@delivered.example', subject: 's', text: 't', html, from }),
      },
      {
        id: 2,
        expect: 'delivered',
        send: () =>
          outbox.sendEmail({ ref: ref(2), to: 'c@example.org', subject: 's', text: 't', html, from }),
      },
      {
        id: 3,
        expect: 'failed',
        send: () => outbox.sendSms({ ref: ref(3), to: '+31612340000', body: 'b', originator: 'Settle' }),
      },
      {
        id: 4,
        expect: 'delivered',
        send: () => outbox.sendSms({ ref: ref(4), to: '+31612345678', body: 'b', originator: 'Settle' }),
      },
    ];
    const ids: string[] = [];
    for (const s of sends) ids.push((await s.send()).providerMessageId);
    // A retried send stores and schedules nothing new.
    expect((await sends[0]!.send()).providerMessageId).toBe(ids[0]);

    const pollers = [0, 1].map(
      () => new SandboxDeliveryReports({ db: h.database.db, keys, baseUrl: endpoint, intervalMs: 20 }),
    );
    for (const poller of pollers) poller.start();
    try {
      const rows = await eventually(async () => {
        const all = await h.database.db
          .select()
          .from(sandboxMessages)
          .where(inArray(sandboxMessages.id, ids));
        return all.every((row) => row.reportedAt !== null) && all;
      });
      for (const [i, s] of sends.entries()) {
        const row = rows.find((r) => r.id === ids[i])!;
        expect(row, s.expect).toMatchObject({
          deliveryStatus: s.expect,
          reportAttempts: 2,
          reportDueAt: null,
        });
        expect(row.reportError).toBeNull();
      }
    } finally {
      await Promise.all(pollers.map((poller) => poller.stop()));
    }
    const ours = received.filter((r) => ids.some((id) => r.url.includes(id) || r.body.includes(id)));
    expect(ours.every((r) => r.verified)).toBe(true);
    // Exactly two posts per report (refused, accepted): the pollers never sent one twice at once.
    expect(ours).toHaveLength(sends.length * 2);
    expect(ours.filter((r) => r.status === 200)).toHaveLength(sends.length);
    const bounce = ours.find((r) => r.body.includes(`${ids[0]}-bounce`))!;
    expect(JSON.parse(bounce.body)).toEqual([
      expect.objectContaining({ event: 'bounce', type: 'bounce', message_id: ref(0).messageId }),
    ]);
    const failedSms = ours.find((r) => r.url.includes(ids[3]!))!;
    expect(failedSms.method).toBe('GET');
    expect(new URL(failedSms.url, endpoint).searchParams.get('status')).toBe('delivery_failed');
  });

  it('stores no report without a schedule (workflow tests feed deliveries themselves)', async () => {
    const tag = unique('nr');
    const ref: MessageRef = {
      tenantId: 'reports-test',
      invoiceId: `INV-${tag}`,
      messageId: `msg_${tag}`,
      idempotencyKey: `reports-test:${tag}`,
    };
    const quiet = new SandboxOutbox(h.database.db);
    const { providerMessageId } = await quiet.sendSms({
      ref,
      to: '+31612345678',
      body: 'b',
      originator: 'Settle',
    });
    expect(await sandboxRow(providerMessageId)).toMatchObject({ reportEndpoint: null, reportDueAt: null });
  });
});
