// Handover to a collection agency on the time-skipping server with the real activities and PostgreSQL:
// a full consumer ladder ends in one handover file (claim split, contacts with delivery proof, the
// 14-day letter as printed) and one signed delivery to the agency's endpoint, also when retried.
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/dunning-activities.js';
import type { HandoverClaim } from '../../activities/handover/handover-file.js';
import { handoverFolder } from '../../activities/handover/handover-spool.js';
import type { HandoverWebhookPayload } from '../../activities/handover/handover-webhook.js';
import { auditTrail } from '../../db/queries/audit.js';
import { communicationsOfInvoice, recordCommunicationStatus } from '../../db/queries/communications.js';
import { replaceTenantSettings } from '../../db/queries/tenants.js';
import { sandboxMessages } from '../../db/schema.js';
import { verifyAppWebhook } from '../../providers/app-webhook/app-webhook.js';
import { dunningWorkflowId } from '../../workflows/definitions.js';
import { quietSandboxProviders } from '../support/sandbox-providers.js';
import { harnessPerFile, TEST_CREDITOR_ID, TEST_HANDOVER_SECRET } from './harness.js';

const h = harnessPerFile();
const AGENCY = 'Incasso Noord B.V.';

let agency: Server;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let agencyUrl: string;

beforeAll(async () => {
  agency = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => agency.listen(0, '127.0.0.1', resolve));
  agencyUrl = `http://127.0.0.1:${(agency.address() as AddressInfo).port}/claims`;
});
afterAll(async () => {
  await new Promise((resolve) => agency?.close(resolve));
});

describe('handover', () => {
  it('writes one handover file and delivers it signed to the agency, once, for a full-ladder invoice', async () => {
    await replaceTenantSettings(h.database.db, h.tenantId, {
      sepaCreditorId: TEST_CREDITOR_ID,
      collectionAgency: { name: AGENCY, handoverUrl: agencyUrl },
    });
    const id = await h.createInvoice({});
    const finalNotice = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'final-notice'), 90);
    const noticeMessage = finalNotice.messages.find((m) => m.stepKey === 'final-notice')!;
    // The email provider reports it delivered: that report is the contact's delivery proof.
    await recordCommunicationStatus(h.database.db, noticeMessage.messageId, {
      status: 'delivered',
      at: '2027-01-20T10:00:00.000Z',
    });
    const [sentNotice] = await h.database.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.messageId, noticeMessage.messageId));
    expect(sentNotice!.text).toContain(`Dan dragen wij de vordering over aan ${AGENCY}.`);

    const result = await h.runToEnd(id);
    expect(result.status).toBe('handed_over');

    const folder = handoverFolder(h.handoverDir, h.tenantId, id);
    const files = (await readdir(folder)).sort();
    const letter = result.messages.find((m) => m.stepKey === 'formal-notice')!;
    expect(letter.channel).toBe('letter');
    expect(files).toEqual(['claim.json', 'contacts.csv', `formal-notice-${letter.messageId}.pdf`]);
    const claim = JSON.parse(await readFile(join(folder, 'claim.json'), 'utf8')) as HandoverClaim;

    // The claim split as the workflow computed it: €123.45 principal, €40 statutory costs, interest.
    expect(claim.claim).toEqual(result.amounts);
    expect(claim.claim).toMatchObject({ principalCents: 12_345, costsCents: 4_000, paidCents: 0 });
    expect(claim.claim.interestCents).toBeGreaterThan(0);
    expect(claim.claim.dueCents).toBe(12_345 + 4_000 + claim.claim.interestCents);
    expect(claim).toMatchObject({
      type: 'settle.handover',
      tenantId: h.tenantId,
      invoiceId: id,
      workflowId: dunningWorkflowId(h.tenantId, id),
      agency: { name: AGENCY },
      creditor: { name: 'Test Creditor B.V.', sepaCreditorId: TEST_CREDITOR_ID },
      debtor: { name: 'Jan Jansen', email: 'jan@example.nl', address: { city: 'Utrecht' } },
      payments: [],
    });
    expect(claim.deliveryId).toMatch(/^ho_[0-9a-f]{24}$/);

    // Every contact, with its date and (where the provider reported it) delivery proof.
    const rows = await communicationsOfInvoice(h.database.db, h.tenantId, id);
    expect(claim.contacts.map((c) => c.messageId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(claim.contacts.map((c) => `${c.step}:${c.channel}`)).toEqual([
      'payment-request:email',
      'reminder-1:email',
      'reminder-2:email',
      'formal-notice:letter',
      'payment-plan-offer:email',
      'final-notice:email',
    ]);
    for (const contact of claim.contacts) expect(contact.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const proved = claim.contacts.find((c) => c.step === 'final-notice')!;
    expect(proved.deliveryProof).toEqual({ status: 'delivered', at: '2027-01-20T10:00:00.000Z' });
    expect(claim.contacts.find((c) => c.step === 'reminder-1')!.deliveryProof).toBeNull();

    const csv = await readFile(join(folder, 'contacts.csv'), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'sentAt,channel,template,step,status,deliveryProofStatus,deliveryProofAt,provider,providerMessageId,messageId',
    );
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes(',final-notice,'))).toContain(',delivered,2027-01-20T10:00:00.000Z,');

    // The 14-day letter exactly as it went to print.
    const pdf = await readFile(join(folder, `formal-notice-${letter.messageId}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [printed] = await h.database.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.messageId, letter.messageId));
    expect(pdf.toString('base64')).toBe(printed!.pdf);
    expect(claim.documents).toEqual([
      expect.objectContaining({ kind: 'formal-notice', messageId: letter.messageId }),
    ]);

    // One signed delivery to the agency.
    const deliveries = received.filter((r) => r.headers['settle-delivery-id'] === claim.deliveryId);
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(
      verifyAppWebhook({
        secret: TEST_HANDOVER_SECRET,
        header: String(delivery!.headers['settle-signature']),
        body: delivery!.body,
        now: new Date(),
        toleranceSeconds: 365 * 86_400,
      }),
    ).toBe(true);
    expect(
      verifyAppWebhook({
        secret: 'x'.repeat(40),
        header: String(delivery!.headers['settle-signature']),
        body: delivery!.body,
        now: new Date(),
        toleranceSeconds: 365 * 86_400,
      }),
    ).toBe(false);
    const payload = JSON.parse(delivery!.body) as HandoverWebhookPayload;
    expect(payload.claim).toEqual(claim);
    expect(payload.contactsCsv).toBe(csv);
    expect(payload.documents).toEqual([
      {
        file: `formal-notice-${letter.messageId}.pdf`,
        contentType: 'application/pdf',
        base64: pdf.toString('base64'),
      },
    ]);

    // Retried (the worker died after the POST): the same file, the same delivery id.
    const activities = createActivities({
      db: h.database.db,
      providers: quietSandboxProviders(h.database.db, 'http://127.0.0.1:9'),
      urls: { baseUrl: 'http://127.0.0.1:9', tokenSecret: 'x'.repeat(32) },
      handover: { dir: h.handoverDir, webhookSecret: TEST_HANDOVER_SECRET },
    });
    const workflowId = dunningWorkflowId(h.tenantId, id);
    await activities.handOver({
      tenantId: h.tenantId,
      invoiceId: id,
      workflowId,
      amounts: result.amounts,
      idempotencyKey: `${workflowId}:handover`,
      at: claim.handedOverAt,
    });
    expect((await readdir(folder)).sort()).toEqual(files);
    expect(JSON.parse(await readFile(join(folder, 'claim.json'), 'utf8'))).toEqual(claim);
    const again = received.filter((r) => r.headers['settle-delivery-id'] === claim.deliveryId);
    expect(again).toHaveLength(2);
    expect(new Set(again.map((r) => r.headers['idempotency-key']))).toEqual(new Set([claim.deliveryId]));
    const trail = await auditTrail(h.database.db, h.tenantId, id);
    expect(trail.filter((entry) => entry.action === 'handover')).toHaveLength(1);
  });

  it('without an agency: the final notice says what will happen, and the file is written without a delivery', async () => {
    await replaceTenantSettings(h.database.db, h.tenantId, { sepaCreditorId: TEST_CREDITOR_ID });
    const before = received.length;
    const id = await h.createInvoice({ debtor: { language: 'en' } });
    const result = await h.runToEnd(id);
    expect(result.status).toBe('handed_over');
    const finalNotice = result.messages.find((m) => m.stepKey === 'final-notice')!;
    const [sent] = await h.database.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.messageId, finalNotice.messageId));
    expect(sent!.text).toContain('we will send you no further reminders');
    expect(sent!.text).not.toMatch(/hand the claim over/);
    const claim = JSON.parse(
      await readFile(join(handoverFolder(h.handoverDir, h.tenantId, id), 'claim.json'), 'utf8'),
    ) as HandoverClaim;
    expect(claim.agency).toBeNull();
    expect(claim.claim).toEqual(result.amounts);
    expect(received.length).toBe(before);
  });
});
