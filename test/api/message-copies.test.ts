// Every send keeps the message as it handed it to its provider, whichever provider that is: here
// SendGrid's real SDK against an HTTP emulation of its Mail Send API and the print house's file
// spool. The console shows that copy — the HTML SendGrid received, the PDF the print house got —
// with the tenant's template version it was rendered from.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/dunning-activities.js';
import { CONSOLE_TEXTS } from '../../api/console/texts.js';
import { communicationsOfInvoice } from '../../db/queries/communications.js';
import { messageCopiesOfInvoice } from '../../db/queries/message-copies.js';
import { FilePrintSpool } from '../../providers/print/print-batch.js';
import { createProviders } from '../../providers/runtime.js';
import { SendGridEmailSender } from '../../providers/sendgrid/sendgrid.js';
import type { SendMessageInput } from '../../workflows/activity-contract.js';
import { signedInConsoleUser } from '../support/console-seed.js';
import { type ApiHarness, eventually, invoiceBody, startApiHarness } from './harness.js';

const t = CONSOLE_TEXTS.en.casework.messages;

let h: ApiHarness;
let sendgrid: Server;
let spoolDir: string;
/** The Mail Send requests the emulation received, as SendGrid would see them. */
const received: { subject: string; content: { type: string; value: string }[]; to: string }[] = [];

beforeAll(async () => {
  h = await startApiHarness();
  spoolDir = await mkdtemp(join(tmpdir(), 'settle-spool-'));
  sendgrid = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v3/mail/send') {
        response.writeHead(404).end();
        return;
      }
      const mail = JSON.parse(body);
      received.push({
        subject: mail.subject,
        content: mail.content,
        to: mail.personalizations[0].to[0].email,
      });
      response.writeHead(202, { 'x-message-id': `sg-${received.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => sendgrid.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => sendgrid?.close(resolve));
  if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
});

/** The input the workflow scheduled its first send with (the sandbox sent that one). */
async function firstSendInput(invoiceId: string): Promise<SendMessageInput> {
  const sent = await eventually(async () => {
    const [first] = await communicationsOfInvoice(h.database.db, h.tenantId, invoiceId);
    return first?.providerMessageId ? first : undefined;
  });
  const history = await h.temporal.workflow.getHandle(sent.workflowId).fetchHistory();
  const scheduled = history.events!.find(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendMessage',
  )!.activityTaskScheduledEventAttributes!;
  const { snapshot: _records, ...input } = defaultPayloadConverter.fromPayload<SendMessageInput>(
    scheduled.input!.payloads![0]!,
  );
  return input;
}

describe('the copy of each message', () => {
  it('is what SendGrid and the print spool received, shown on the invoice page with its template version', async () => {
    const body = invoiceBody({}, { language: 'nl' });
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const input = await firstSendInput(body.invoiceId);
    const override = await h.call('PUT', `/v1/templates/${input.template}/email/nl`, {
      subject: 'Eigen onderwerp: factuur {{invoiceId}}',
    });
    expect(override.statusCode).toBe(201);

    const activities = createActivities({
      db: h.database.db,
      providers: {
        ...createProviders(h.config, h.sandbox),
        email: new SendGridEmailSender({
          apiKey: 'SG.settle-test',
          baseUrl: `http://127.0.0.1:${(sendgrid.address() as AddressInfo).port}`,
        }),
        letters: new FilePrintSpool(spoolDir),
      },
      urls: { baseUrl: h.baseUrl, tokenSecret: h.tokenSecret },
      handover: h.config.handover,
    });
    const email = await activities.sendMessage({
      ...input,
      channel: 'email',
      idempotencyKey: `${input.idempotencyKey}:live`,
    });
    const letter = await activities.sendMessage({
      ...input,
      channel: 'letter',
      idempotencyKey: `${input.idempotencyKey}:letter`,
    });

    const copies = new Map(
      (await messageCopiesOfInvoice(h.database.db, h.tenantId, body.invoiceId)).map((c) => [c.messageId, c]),
    );
    const mail = received.at(-1)!;
    const emailCopy = copies.get(email.messageId)!;
    expect(emailCopy).toMatchObject({
      recipient: 'jan@delivered.example',
      subject: `Eigen onderwerp: factuur ${body.invoiceId}`,
      templateVersion: 1,
      unsendableVersion: null,
    });
    expect(mail).toEqual({
      subject: emailCopy.subject,
      to: emailCopy.recipient,
      content: [
        { type: 'text/plain', value: emailCopy.text },
        { type: 'text/html', value: emailCopy.html },
      ],
    });
    // The letter's copy is the very PDF the print house was given; the letter has no override.
    const letterRow = (await communicationsOfInvoice(h.database.db, h.tenantId, body.invoiceId)).find(
      (row) => row.id === letter.messageId,
    )!;
    const spooled = await new FilePrintSpool(spoolDir).letterPdf(letterRow.providerMessageId!);
    const letterCopy = copies.get(letter.messageId)!;
    expect(letterCopy.pdf?.equals(spooled!)).toBe(true);
    expect(letterCopy).toMatchObject({
      recipient: expect.stringContaining('Dorpsstraat 1'),
      templateVersion: null,
    });
    // The sandbox's own message (sent by the workflow) has its copy too.
    expect(copies.size).toBe(3);

    const { cookie } = await signedInConsoleUser(h.app, h.database.db, h.tenantId, 'collector');
    const get = (url: string) =>
      h.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en', cookie } });
    const page = await get(`/console/invoices/${body.invoiceId}`);
    expect(page.statusCode).toBe(200);
    const preview = (id: string) =>
      `/console/invoices/${body.invoiceId}/messages/${encodeURIComponent(id)}/preview`;
    expect(page.body).toContain(`src="${preview(email.messageId)}"`);
    expect(page.body).toContain(`${t.source.tenant(1)}</small>`);
    expect(page.body).toContain(`<a href="${preview(letter.messageId)}" download>`);
    expect(page.body).not.toContain(t.notStored);
    const shownEmail = await get(preview(email.messageId));
    expect(shownEmail.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(shownEmail.body).toContain(body.invoiceId);
    const shownLetter = await get(preview(letter.messageId));
    expect(shownLetter.headers['content-type']).toBe('application/pdf');
    expect(shownLetter.rawPayload.equals(spooled!)).toBe(true);
  });
});
