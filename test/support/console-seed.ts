// Console fixtures on the real database: console users with known passwords, and open invoices in the
// read model (invoice rows, debtors, messages, disputes, events) shaped like the workflow's syncs
// leave them — for the console's route tests, browser test and screenshot script.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../api/console/passwords.js';
import type { Database } from '../../db/client.js';
import { insertConsoleUser } from '../../db/queries/console-users.js';
import {
  type ConsoleRole,
  communications,
  debtorRequests,
  debtors,
  invoiceEvents,
  invoices,
} from '../../db/schema.js';
import { addDays } from '../../workflows/policy/calendar.js';
import { unique } from './invoice-body.js';

export const CONSOLE_PASSWORD = 'correct horse battery staple';

export async function seedConsoleUser(
  db: Database,
  tenantId: string,
  role: ConsoleRole,
  password = CONSOLE_PASSWORD,
): Promise<{ email: string; password: string; id: string }> {
  const email = `${unique(role)}@example.test`;
  const id = randomUUID();
  await insertConsoleUser(db, { id, tenantId, email, passwordHash: await hashPassword(password), role });
  return { email, password, id };
}

/** The `settle_console=…` cookie a successful sign-in set. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const header = String(response.headers['set-cookie']);
  const match = /^settle_console=([^;]+);/.exec(header);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return `settle_console=${match[1]}`;
}

/** A new console user of `role`, signed in through the real form: its session cookie with it. */
export async function signedInConsoleUser(
  app: FastifyInstance,
  db: Database,
  tenantId: string,
  role: ConsoleRole,
): Promise<{ email: string; password: string; id: string; cookie: string }> {
  const user = await seedConsoleUser(db, tenantId, role);
  const response = await app.inject({
    method: 'POST',
    url: '/console/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
    payload: new URLSearchParams({ email: user.email, password: user.password }).toString(),
  });
  if (response.statusCode !== 303) throw new Error(`sign-in answered ${response.statusCode}`);
  return { ...user, cookie: sessionCookie(response) };
}

export interface SeedInvoice {
  invoiceId?: string;
  debtor?: { id?: string; name?: string; email?: string | null; phone?: string | null; address?: boolean };
  amountDueCents?: number;
  status?: string;
  stage?: string;
  /** Days past the due date (today − due date). */
  daysOverdue?: number;
  /** Messages sent, oldest first, with their final delivery status. */
  messages?: { channel: string; status: string }[];
  /** An open dispute raised this many days ago. */
  disputeOpenDays?: number;
  /** A promise to pay that expired without payment. */
  promiseBroken?: boolean;
  closed?: boolean;
}

export async function seedInvoice(
  db: Database,
  tenantId: string,
  today: string,
  spec: SeedInvoice = {},
): Promise<{ invoiceId: string; debtorId: string }> {
  const invoiceId = spec.invoiceId ?? unique('INV');
  const debtorId = spec.debtor?.id ?? unique('D');
  const workflowId = `dunning-${tenantId}-${invoiceId}`;
  const dueDate = addDays(today, -(spec.daysOverdue ?? 10));
  await db
    .insert(debtors)
    .values({
      tenantId,
      id: debtorId,
      type: 'consumer',
      name: spec.debtor?.name ?? 'Anna de Vries',
      email: spec.debtor?.email === undefined ? 'anna@example.nl' : spec.debtor.email,
      phone: spec.debtor?.phone ?? null,
      address:
        spec.debtor?.address === false
          ? null
          : { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
    })
    .onConflictDoNothing();
  const amountDueCents = spec.amountDueCents ?? 12_500;
  await db.insert(invoices).values({
    tenantId,
    invoiceId,
    debtorId,
    workflowId,
    requestHash: 'seed',
    amountCents: amountDueCents,
    currency: 'EUR',
    issueDate: addDays(dueDate, -14),
    dueDate,
    policyId: 'nl-consumer',
    status: spec.status ?? 'open',
    stage: spec.stage ?? 'reminder-1',
    amountDueCents,
    ...(spec.closed ? { closedAt: new Date() } : {}),
  });
  let at = Date.now() - 86_400_000 * (spec.messages?.length ?? 0);
  for (const [index, message] of (spec.messages ?? []).entries()) {
    at += 3_600_000;
    await db.insert(communications).values({
      id: `${workflowId}-m${index}`,
      tenantId,
      invoiceId,
      workflowId,
      step: `reminder-${index + 1}`,
      channel: message.channel,
      template: `reminder-${index + 1}`,
      language: 'nl',
      provider: 'sendgrid-sandbox',
      status: message.status,
      statusHistory: [{ status: message.status, at: new Date(at).toISOString() }],
      createdAt: new Date(at),
    });
  }
  if (spec.disputeOpenDays !== undefined)
    await db.insert(debtorRequests).values({
      id: randomUUID(),
      tenantId,
      invoiceId,
      kind: 'dispute',
      message: 'Not delivered',
      createdAt: new Date(Date.now() - spec.disputeOpenDays * 86_400_000),
    });
  if (spec.promiseBroken)
    await db.insert(invoiceEvents).values({
      tenantId,
      invoiceId,
      workflowId,
      eventKey: randomUUID(),
      at: new Date(),
      kind: 'promise-expired',
    });
  return { invoiceId, debtorId };
}
