// Debtor requests (issue 13 item 6): a call-back request and a dispute posted on the self-service page
// (form posts, as a browser sends them) become stored requests on the invoice's timeline, listed per
// tenant by GET /v1/debtor-requests, and signed webhooks to the creditor's own endpoint — a real local
// HTTP receiver that refuses the first attempt — each accepted exactly once however often it is
// retried and by however many senders; the debtor's words are never logged.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfServiceToken } from '../../activities/self-service-link.js';
import { createDebtorRequestNotifier } from '../../api/debtor-request-notifier.js';
import { auditTrail } from '../../db/queries/audit.js';
import { replaceTenantSettings } from '../../db/queries/tenants.js';
import { freePort } from '../../devstack/ports.js';
import { verifyAppWebhook } from '../../providers/app-webhook/app-webhook.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  problemOf,
  startApiHarness,
  TEST_CREDITOR_ID,
} from './harness.js';

const SECRET = 'creditor-webhook-secret-for-tests-0123456789';
const CALLBACK_TEXT = 'Bel mij na 17:00 op mijn werknummer, vraag naar Wilhelmina';
const DISPUTE_TEXT = 'Ik heb de levering van 3 november nooit ontvangen';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

const lines: string[] = [];
const received: Received[] = [];
let h: ApiHarness;
let receiver: Server;

beforeAll(async () => {
  h = await startApiHarness({
    logLevel: 'debug',
    logStream: { write: (line: string) => void lines.push(line) },
    env: { CREDITOR_WEBHOOK_SECRET: SECRET },
  });
  const port = await freePort();
  // The creditor's endpoint: refuses the very first delivery (a hiccup), accepts the rest.
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = received.length === 0 ? 500 : 200;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  await replaceTenantSettings(h.database.db, h.tenantId, {
    sepaCreditorId: TEST_CREDITOR_ID,
    creditorWebhookUrl: `http://127.0.0.1:${port}/settle`,
  });
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await h?.close();
});

interface Timeline {
  entries: { type: string; kind: string; detail?: string }[];
}
interface DebtorRequest {
  id: string;
  kind: string;
  status: string;
  invoiceId: string;
  message: string;
  createdAt: string;
  resolvedAt: string | null;
  webhook: { deliveredAt: string | null; attempts: number; lastError: string | null };
}
interface Page {
  items: DebtorRequest[];
  nextCursor: string | null;
}

const timeline = async (invoiceId: string) =>
  (await h.call('GET', `/v1/invoices/${invoiceId}/timeline`)).json() as Timeline;
const list = async (query = '') => {
  const response = await h.call('GET', `/v1/debtor-requests${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
};
const formPost = (path: string, fields: Record<string, string>) =>
  h.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(h.baseUrl).origin },
    payload: new URLSearchParams(fields).toString(),
  });

describe('debtor requests from the self-service page', () => {
  it('are on the timeline, listed per tenant, sent signed to the creditor once, and resolved', async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const { invoiceId } = body;
    await eventually(async () =>
      (await timeline(invoiceId)).entries.some((e) => e.kind === 'step' && e.detail === 'payment-request'),
    );
    const page = `/p/${selfServiceToken(h.tokenSecret, h.tenantId, invoiceId)}`;

    const callback = await formPost(`${page}/callback`, { reason: CALLBACK_TEXT });
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toContain('done=callback');
    const dispute = await formPost(`${page}/dispute`, { reason: DISPUTE_TEXT });
    expect(dispute.statusCode).toBe(303);
    expect(dispute.headers.location).toContain('done=dispute');
    // What the workflow holds right after the page action (the read model follows a moment later).
    expect((await h.call('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json()).toMatchObject({
      status: 'disputed',
    });
    // A second dispute is refused by the workflow: no second request is stored.
    expect((await formPost(`${page}/dispute`, { reason: 'nogmaals bezwaar' })).headers.location).toContain(
      'e=dispute-refused',
    );

    // Listed for the tenant, oldest first, a page at a time.
    const open = await list('?status=open');
    expect(open.items.map((r) => [r.kind, r.status, r.invoiceId, r.message])).toEqual([
      ['callback', 'open', invoiceId, CALLBACK_TEXT],
      ['dispute', 'open', invoiceId, DISPUTE_TEXT],
    ]);
    const [callbackRequest, disputeRequest] = open.items as [DebtorRequest, DebtorRequest];
    const first = await list('?status=open&limit=1');
    expect(first.items.map((r) => r.id)).toEqual([callbackRequest.id]);
    const second = await list(`?status=open&limit=1&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [disputeRequest], nextCursor: null });
    problemOf(await h.call('GET', '/v1/debtor-requests?cursor=bm90LWEtY3Vyc29y'), 400);
    problemOf(await h.call('GET', '/v1/debtor-requests?status=maybe'), 400);
    // Another tenant sees none of them and cannot resolve them.
    const other = await h.newTenant();
    expect((await h.call('GET', '/v1/debtor-requests', undefined, { as: other })).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    problemOf(
      await h.call('POST', `/v1/debtor-requests/${callbackRequest.id}/resolve`, undefined, { as: other }),
      404,
    );

    // On the invoice's timeline; the workflow's history holds the request's id, not the debtor's words.
    const entries = (await timeline(invoiceId)).entries;
    expect(entries).toContainEqual({
      at: callbackRequest.createdAt,
      type: 'event',
      kind: 'callback-requested',
      detail: callbackRequest.id,
    });
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'dispute-raised', detail: disputeRequest.id }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        kind: 'dispute-opened',
        detail: `debtor request ${disputeRequest.id} (self-service)`,
      }),
    );
    const history = JSON.stringify(
      await h.temporal.workflow.getHandle(`dunning:${h.tenantId}:${invoiceId}`).fetchHistory(),
    );
    expect(history).not.toContain('levering van 3 november');
    const trail = await auditTrail(h.database.db, h.tenantId, invoiceId);
    expect(trail.find((e) => e.action === 'callback-requested')?.detail).toEqual({
      requestId: callbackRequest.id,
      via: 'self-service',
    });

    // The webhooks: the first attempt is refused and retried; two senders at once never send one twice.
    const senders = [0, 1].map(() =>
      createDebtorRequestNotifier({ db: h.database.db, secret: SECRET, retryDelayMs: () => 0 }),
    );
    // (Other test files' requests may be claimed too: only this tenant's endpoint is the receiver.)
    await senders[0]!.deliverDue();
    expect(received.map((r) => r.answered).sort()).toEqual([200, 500]);
    await Promise.all(senders.map((sender) => sender.deliverDue()));
    await senders[1]!.deliverDue();

    expect(received).toHaveLength(3);
    const accepted = received.filter((r) => r.answered === 200);
    const deliveryIds = accepted.map((r) => r.headers['settle-delivery-id']);
    expect(deliveryIds.sort()).toEqual([callbackRequest.id, disputeRequest.id].sort());
    const retried = received.filter(
      (r) => r.headers['settle-delivery-id'] === received[0]!.headers['settle-delivery-id'],
    );
    expect(retried.map((r) => r.answered)).toEqual([500, 200]);
    expect(retried[1]!.body).toBe(retried[0]!.body);
    for (const delivery of received) {
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['idempotency-key']).toBe(delivery.headers['settle-delivery-id']);
      const header = String(delivery.headers['settle-signature']);
      expect(verifyAppWebhook({ secret: SECRET, header, body: delivery.body, now: new Date() })).toBe(true);
      expect(verifyAppWebhook({ secret: `${SECRET}x`, header, body: delivery.body, now: new Date() })).toBe(
        false,
      );
    }
    const payloads = accepted
      .map((r) => JSON.parse(r.body))
      .sort((a, b) => a.deliveryId.localeCompare(b.deliveryId));
    expect(payloads).toEqual([
      {
        type: 'settle.debtor_request',
        deliveryId: callbackRequest.id,
        tenantId: h.tenantId,
        request: {
          id: callbackRequest.id,
          kind: 'callback',
          invoiceId,
          message: CALLBACK_TEXT,
          createdAt: callbackRequest.createdAt,
        },
      },
      {
        type: 'settle.debtor_request',
        deliveryId: disputeRequest.id,
        tenantId: h.tenantId,
        request: {
          id: disputeRequest.id,
          kind: 'dispute',
          invoiceId,
          message: DISPUTE_TEXT,
          createdAt: disputeRequest.createdAt,
        },
      },
    ]);
    const delivered = await list();
    expect(delivered.items.map((r) => r.webhook.deliveredAt !== null)).toEqual([true, true]);
    expect(delivered.items.map((r) => r.webhook.attempts).sort()).toEqual([1, 2]);

    // Resolving: the dispute through the invoice's own action, the call back directly (a repeat is the same).
    expect(
      (await h.call('POST', `/v1/invoices/${invoiceId}/disputes/resolve`, { outcome: 'rejected' }))
        .statusCode,
    ).toBe(200);
    const resolved = await h.call('POST', `/v1/debtor-requests/${callbackRequest.id}/resolve`);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ id: callbackRequest.id, status: 'resolved' });
    const again = await h.call('POST', `/v1/debtor-requests/${callbackRequest.id}/resolve`);
    expect(again.json().resolvedAt).toBe(resolved.json().resolvedAt);
    problemOf(await h.call('POST', '/v1/debtor-requests/dr_0000000000000000000000/resolve'), 404);
    problemOf(await h.call('POST', '/v1/debtor-requests/not-an-id/resolve'), 400);
    expect(await list('?status=open')).toEqual({ items: [], nextCursor: null });
    expect((await list('?status=resolved')).items.map((r) => r.kind)).toEqual(['callback', 'dispute']);
    const resolvedEntries = (await timeline(invoiceId)).entries.filter(
      (e) => e.kind === 'debtor-request-resolved',
    );
    expect(resolvedEntries.map((e) => e.detail).sort()).toEqual(
      [callbackRequest.id, disputeRequest.id].sort(),
    );

    // The debtor's words are stored for the creditor, never logged.
    const log = lines.join('\n');
    expect(log).toContain(callbackRequest.id);
    expect(log).not.toContain('Wilhelmina');
    expect(log).not.toContain('levering van 3 november');
  });

  it('keeps a request whose creditor has no endpoint, saying why nothing was sent', async () => {
    const tenant = await h.newTenant();
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body, { as: tenant })).statusCode).toBe(201);
    const page = `/p/${selfServiceToken(h.tokenSecret, tenant.tenantId, body.invoiceId)}`;
    expect((await formPost(`${page}/callback`, { reason: 'Graag terugbellen' })).statusCode).toBe(303);
    const before = received.length;
    const sender = createDebtorRequestNotifier({ db: h.database.db, secret: SECRET });
    await sender.deliverDue();
    expect(received).toHaveLength(before);
    const [request] = (
      (await h.call('GET', '/v1/debtor-requests?status=open', undefined, { as: tenant })).json() as Page
    ).items;
    expect(request).toMatchObject({
      kind: 'callback',
      status: 'open',
      webhook: {
        deliveredAt: null,
        attempts: 1,
        lastError: 'not sent: no creditorWebhookUrl in the tenant settings',
      },
    });
  });
});
