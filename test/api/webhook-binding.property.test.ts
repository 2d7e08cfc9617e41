// Property: whatever is posted where, money from a PSP payment lands only on the invoice the
// payment's verified facts name (the link Settle minted it through, or the metadata Settle wrote on
// a direct-debit payment made with the PSP customer Settle created for that invoice's debtor), and
// at most once. Forged combinations: a payment of invoice X (through X's link, a link Settle never
// minted, X's debtor's customer, a customer Settle never created) × metadata variants × the webhook
// URLs of any invoice (of either tenant), none, or a forged one, posted one to four times. The real
// route, processor, PostgreSQL (with its unique index) and workflows of the API harness decide;
// the oracle below is written from the rules, not from the code.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfServiceToken } from '../../activities/self-service-link.js';
import { savePspCustomerId } from '../../db/queries/psp-customers.js';
import { payments, sandboxPayments } from '../../db/schema.js';
import { checkoutBehind, sandboxCheckoutId } from '../../devstack/pay-link.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  type Resource,
  startApiHarness,
  type Tenant,
} from './harness.js';

let h: ApiHarness;

interface Fixture {
  tenantId: string;
  invoiceId: string;
  debtorId: string;
  token: string;
  linkId: string;
  customerId: string;
}
const invoices: Fixture[] = [];
/** A link and a customer the PSP knows but Settle never minted or created. */
let foreignLinkId: string;
let foreignCustomerId: string;

async function fixture(tenant: Tenant): Promise<Fixture> {
  const body = invoiceBody();
  expect((await h.call('POST', '/v1/invoices', body, { as: tenant })).statusCode).toBe(201);
  const resource = await eventually(async () => {
    const invoice = (await h.call('GET', `/v1/invoices/${body.invoiceId}`, undefined, { as: tenant })).json();
    return (invoice as Resource).stage === 'payment-request' && (invoice as Resource);
  });
  const debtorId = body.debtor.id as string;
  const { providerCustomerId } = await h.sandbox.psp.createCustomer({
    idempotencyKey: `customer:${tenant.tenantId}:${debtorId}`,
    metadata: { tenantId: tenant.tenantId, debtorId },
  });
  await savePspCustomerId(
    h.database.db,
    { tenantId: tenant.tenantId, debtorId, provider: 'mollie-sandbox' },
    providerCustomerId,
  );
  return {
    tenantId: tenant.tenantId,
    invoiceId: body.invoiceId,
    debtorId,
    token: selfServiceToken(h.tokenSecret, tenant.tenantId, body.invoiceId),
    linkId: sandboxCheckoutId(await checkoutBehind(resource.paymentUrl!)),
    customerId: providerCustomerId,
  };
}

beforeAll(async () => {
  h = await startApiHarness({ sandboxReports: false });
  const second = await h.newTenant();
  for (const tenant of [h, h, second, second]) invoices.push(await fixture(tenant));
  const link = await h.sandbox.psp.createPaymentLink({
    idempotencyKey: `foreign-link-${randomBytes(4).toString('hex')}`,
    amountCents: 100,
    currency: 'EUR',
    description: 'not minted by Settle',
    redirectUrl: 'https://settle.example/return',
    webhookUrl: 'https://settle.example/webhooks/mollie',
    expiresAt: new Date(Date.now() + 86_400_000),
    metadata: { tenantId: invoices[0]!.tenantId, invoiceId: invoices[0]!.invoiceId },
  });
  foreignLinkId = link.providerLinkId;
  foreignCustomerId = `cst_sandboxforeign${randomBytes(4).toString('hex')}`;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const invoiceIndex = fc.integer({ min: 0, max: 3 });
const scenario = fc.record({
  kind: fc.constantFrom('link' as const, 'first' as const, 'recurring' as const),
  /** Whose link / customer the payment was made with; `foreign`: one Settle never minted. */
  owner: fc.oneof(invoiceIndex, fc.constant('foreign' as const)),
  metadata: fc.oneof(
    fc.constant({ variant: 'none' as const }),
    fc.record({ variant: fc.constant('names' as const), invoice: invoiceIndex }),
    fc.record({ variant: fc.constant('tenant-only' as const), invoice: invoiceIndex }),
    fc.record({ variant: fc.constant('unknown-invoice' as const), invoice: invoiceIndex }),
  ),
  posts: fc.array(
    fc.oneof(
      fc.record({ url: fc.constant('invoice' as const), invoice: invoiceIndex }),
      fc.constant({ url: 'none' as const }),
      fc.constant({ url: 'forged' as const }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  amountCents: fc.integer({ min: 1, max: 40 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function metadataOf(s: Scenario): Record<string, string> | null {
  if (s.metadata.variant === 'none') return null;
  const named = invoices[s.metadata.invoice]!;
  if (s.metadata.variant === 'tenant-only') return { tenantId: named.tenantId };
  if (s.metadata.variant === 'unknown-invoice') return { tenantId: named.tenantId, invoiceId: 'INV-none' };
  return { tenantId: named.tenantId, invoiceId: named.invoiceId };
}

/** The invoice the rules say the payment belongs to (index), or undefined: credited nowhere. */
function oracle(s: Scenario): number | undefined {
  if (s.kind === 'link') return s.owner === 'foreign' ? undefined : s.owner;
  // Settle's own direct-debit payment: its metadata names the invoice, made with that debtor's customer.
  if (s.metadata.variant !== 'names' || s.owner === 'foreign') return undefined;
  return s.owner === s.metadata.invoice ? s.owner : undefined;
}

async function paymentFor(s: Scenario): Promise<string> {
  const id = `tr_sandboxprop${randomBytes(8).toString('hex')}`;
  const owner = s.owner === 'foreign' ? undefined : invoices[s.owner]!;
  await h.database.db.insert(sandboxPayments).values({
    id,
    kind: 'payment',
    amountCents: s.amountCents,
    currency: 'EUR',
    description: 'property',
    status: 'paid',
    paidAt: new Date(),
    redirectUrl: '',
    webhookUrl: '',
    metadata: metadataOf(s),
    ...(s.kind === 'link'
      ? { linkId: owner?.linkId ?? foreignLinkId }
      : {
          sequenceType: s.kind,
          customerId: owner?.customerId ?? foreignCustomerId,
          mandateId: `mdt_sandboxprop${randomBytes(4).toString('hex')}`,
        }),
  });
  return id;
}

const tokenOf = (post: Scenario['posts'][number]) =>
  post.url === 'invoice'
    ? invoices[post.invoice]!.token
    : post.url === 'forged'
      ? `${invoices[0]!.token.split('.')[0]}.${randomBytes(24).toString('base64url')}`
      : undefined;

describe('PSP payments posted to forged combinations of webhook URLs', () => {
  it('credit only the invoice their verified facts name, at most once', async () => {
    let credited = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const paymentId = await paymentFor(s);
        for (const post of s.posts) {
          const token = tokenOf(post);
          const response = await h.app.inject({
            method: 'POST',
            url: `/webhooks/mollie${token ? `?invoice=${token}` : ''}`,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: `id=${paymentId}`,
          });
          expect(response.statusCode).toBe(200);
          await h.app.webhooks.drain();
        }
        const credits = await h.database.db.select().from(payments).where(eq(payments.reference, paymentId));
        const expected = oracle(s);
        const target = expected === undefined ? undefined : invoices[expected]!;
        // Credited iff some post could carry it: no token, or the token of the facts' own invoice.
        const eligible =
          target !== undefined &&
          s.posts.some((p) => p.url === 'none' || (p.url === 'invoice' && invoices[p.invoice] === target));
        expect(credits.map((c) => [c.tenantId, c.invoiceId, c.source, c.amountCents])).toEqual(
          eligible ? [[target.tenantId, target.invoiceId, 'psp', s.amountCents]] : [],
        );
        if (eligible) credited++;
      }),
      { numRuns: 150 },
    );
    // Not vacuous: genuine combinations were among them, and they were credited.
    expect(credited).toBeGreaterThan(10);
  }, 300_000);
});
