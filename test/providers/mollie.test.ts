import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  centsToMollieValue,
  MolliePaymentProvider,
  mollieValueToCents,
  mollieWebhookPaymentId,
} from '../../providers/mollie/mollie.js';
import type { PaymentLinkRequest } from '../../providers/types.js';
import { expectPermanent, expectRetryable, interceptHttp } from './provider-test-support.js';

interceptHttp();

const API = 'https://api.mollie.com';
const provider = new MolliePaymentProvider({ apiKey: 'test_settle' });

const request: PaymentLinkRequest = {
  idempotencyKey: 'wf-inv-1:payment-link',
  amountCents: 1234,
  currency: 'EUR',
  description: 'Factuur 2026-0042',
  redirectUrl: 'https://pay.settle.example/t/tenant-1/return',
  webhookUrl: 'https://api.settle.example/webhooks/mollie/tenant-1/inv-1',
  expiresAt: new Date('2026-12-01T10:00:00.000Z'),
  metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' },
};

const linkResponse = {
  resource: 'payment-link',
  id: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
  mode: 'test',
  description: 'Factuur 2026-0042',
  amount: { currency: 'EUR', value: '12.34' },
  archived: false,
  redirectUrl: request.redirectUrl,
  webhookUrl: request.webhookUrl,
  profileId: 'pfl_QkEhN94Ba',
  createdAt: '2026-11-20T09:00:00+00:00',
  expiresAt: '2026-12-01T10:00:00+00:00',
  reusable: false,
  sequenceType: 'oneoff',
  _links: {
    self: { href: `${API}/v2/payment-links/pl_4Y0eZitmBnQ6IDoMqZQKh`, type: 'application/hal+json' },
    paymentLink: {
      href: 'https://payment-links.mollie.com/payment/4Y0eZitmBnQ6IDoMqZQKh',
      type: 'text/html',
    },
    documentation: { href: 'https://docs.mollie.com/reference/create-payment-link', type: 'text/html' },
  },
};

const paymentResponse = {
  resource: 'payment',
  id: 'tr_WDqYK6vllg',
  mode: 'test',
  createdAt: '2026-11-26T09:10:00+00:00',
  amount: { value: '12.34', currency: 'EUR' },
  description: 'Factuur 2026-0042',
  method: 'ideal',
  metadata: null,
  status: 'paid',
  paidAt: '2026-11-26T09:15:00+00:00',
  profileId: 'pfl_QkEhN94Ba',
  sequenceType: 'oneoff',
  redirectUrl: request.redirectUrl,
  webhookUrl: request.webhookUrl,
  _links: {
    self: { href: `${API}/v2/payments/tr_WDqYK6vllg`, type: 'application/hal+json' },
    dashboard: { href: 'https://www.mollie.com/dashboard/payments/tr_WDqYK6vllg', type: 'text/html' },
  },
};

const mollieError = (status: number, title: string, detail: string) => ({
  status,
  title,
  detail,
  _links: { documentation: { href: 'https://docs.mollie.com/overview/handling-errors', type: 'text/html' } },
});

function expectCreateLink() {
  return nock(API)
    .post('/v2/payment-links', {
      amount: { currency: 'EUR', value: '12.34' },
      description: 'Factuur 2026-0042',
      redirectUrl: 'https://pay.settle.example/t/tenant-1/return',
      webhookUrl: 'https://api.settle.example/webhooks/mollie/tenant-1/inv-1',
      expiresAt: '2026-12-01T10:00:00+00:00',
    })
    .matchHeader('authorization', 'Bearer test_settle')
    .matchHeader('idempotency-key', 'wf-inv-1:payment-link')
    .matchHeader('content-type', 'application/json')
    .matchHeader('accept', 'application/hal+json');
}

describe('MolliePaymentProvider.createPaymentLink', () => {
  it('creates a link with the amount as a two-decimal string and the idempotency key as header', async () => {
    expectCreateLink().reply(201, linkResponse);

    await expect(provider.createPaymentLink(request)).resolves.toEqual({
      providerLinkId: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
      url: 'https://payment-links.mollie.com/payment/4Y0eZitmBnQ6IDoMqZQKh',
      expiresAt: new Date('2026-12-01T10:00:00.000Z'),
    });
  });

  it('treats a validation error (422) as permanent', async () => {
    expectCreateLink().reply(
      422,
      mollieError(422, 'Unprocessable Entity', 'The amount is lower than the minimum'),
    );

    await expectPermanent(provider.createPaymentLink(request), 422);
  });

  it('treats rate limiting (429) as retryable', async () => {
    expectCreateLink().reply(429, mollieError(429, 'Too Many Requests', 'Slow down'));

    await expectRetryable(provider.createPaymentLink(request));
  });

  it('treats a 5xx as retryable, after the SDK retried it twice with the same idempotency key', async () => {
    expectCreateLink()
      .times(3)
      .reply(503, mollieError(503, 'Service Unavailable', 'Maintenance'), { 'Retry-After': '0' });

    const error = await expectRetryable(provider.createPaymentLink(request));
    expect(error.message).toContain('HTTP 503');
  });

  it('treats a network failure as retryable', async () => {
    expectCreateLink().replyWithError('socket hang up');

    await expectRetryable(provider.createPaymentLink(request));
  });
});

describe('MolliePaymentProvider.getPayment', () => {
  const expectGet = (id: string) =>
    nock(API).get(`/v2/payments/${id}`).matchHeader('authorization', 'Bearer test_settle');

  it('maps status, amount and paidAt', async () => {
    expectGet('tr_WDqYK6vllg').reply(200, paymentResponse);

    await expect(provider.getPayment('tr_WDqYK6vllg')).resolves.toEqual({
      providerPaymentId: 'tr_WDqYK6vllg',
      status: 'paid',
      amountCents: 1234,
      currency: 'EUR',
      paidAt: new Date('2026-11-26T09:15:00.000Z'),
      metadata: undefined,
    });
  });

  it('reads tenant and invoice from metadata when Settle wrote it, ignoring other keys', async () => {
    const { paidAt: _, ...open } = paymentResponse;
    expectGet('tr_WDqYK6vllg').reply(200, {
      ...open,
      status: 'open',
      metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1', other: 'x' },
    });

    const payment = await provider.getPayment('tr_WDqYK6vllg');
    expect(payment).toMatchObject({ status: 'open', metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' } });
    expect(payment?.paidAt).toBeUndefined();
  });

  it('names the payment link a payment was made through (paymentLinkId), ignoring malformed ones', async () => {
    expectGet('tr_WDqYK6vllg').reply(200, { ...paymentResponse, paymentLinkId: 'pl_4Y0eZitmBnQ6IDoMqZQKh' });
    await expect(provider.getPayment('tr_WDqYK6vllg')).resolves.toMatchObject({
      providerLinkId: 'pl_4Y0eZitmBnQ6IDoMqZQKh',
    });

    expectGet('tr_WDqYK6vllg').reply(200, { ...paymentResponse, paymentLinkId: 'pl_../x' });
    expect((await provider.getPayment('tr_WDqYK6vllg'))?.providerLinkId).toBeUndefined();
  });

  it('returns undefined for a payment Mollie does not know (404)', async () => {
    expectGet('tr_unknown1').reply(
      404,
      mollieError(404, 'Not Found', 'No payment exists with token tr_unknown1.'),
    );

    await expect(provider.getPayment('tr_unknown1')).resolves.toBeUndefined();
  });

  it('returns undefined for a malformed id without calling Mollie', async () => {
    await expect(provider.getPayment('ord_123')).resolves.toBeUndefined();
    await expect(provider.getPayment('tr_../../v2/refunds')).resolves.toBeUndefined();
  });

  it('treats revoked credentials (401) as permanent', async () => {
    expectGet('tr_WDqYK6vllg').reply(401, mollieError(401, 'Unauthorized Request', 'Missing authentication'));

    await expectPermanent(provider.getPayment('tr_WDqYK6vllg'), 401);
  });

  it('treats a 5xx as retryable', async () => {
    expectGet('tr_WDqYK6vllg')
      .times(3)
      .reply(500, mollieError(500, 'Internal Server Error', 'Oops'), {
        'Retry-After': '0',
      });

    await expectRetryable(provider.getPayment('tr_WDqYK6vllg'));
  });
});

describe('MolliePaymentProvider.paymentBelongsToLink', () => {
  const linkPayments = (ids: string[]) => ({
    count: ids.length,
    _embedded: { payments: ids.map((id) => ({ ...paymentResponse, id })) },
    _links: {
      self: {
        href: `${API}/v2/payment-links/pl_4Y0eZitmBnQ6IDoMqZQKh/payments`,
        type: 'application/hal+json',
      },
      previous: null,
      next: null,
    },
  });

  function expectLinkWithPayments(ids: string[]) {
    nock(API).get('/v2/payment-links/pl_4Y0eZitmBnQ6IDoMqZQKh').reply(200, linkResponse);
    nock(API)
      .get('/v2/payment-links/pl_4Y0eZitmBnQ6IDoMqZQKh/payments')
      .query({ limit: 128 }) // the SDK iterator's page size
      .reply(200, linkPayments(ids));
  }

  it('finds the payment among the payments of the link', async () => {
    expectLinkWithPayments(['tr_failedFirst', 'tr_WDqYK6vllg']);

    await expect(provider.paymentBelongsToLink('tr_WDqYK6vllg', 'pl_4Y0eZitmBnQ6IDoMqZQKh')).resolves.toBe(
      true,
    );
  });

  it('rejects a payment made through another link', async () => {
    expectLinkWithPayments(['tr_other1']);

    await expect(provider.paymentBelongsToLink('tr_WDqYK6vllg', 'pl_4Y0eZitmBnQ6IDoMqZQKh')).resolves.toBe(
      false,
    );
  });

  it('rejects an unknown link (404) without failing', async () => {
    nock(API)
      .get('/v2/payment-links/pl_unknown1')
      .reply(404, mollieError(404, 'Not Found', 'No payment link exists with token pl_unknown1.'));

    await expect(provider.paymentBelongsToLink('tr_WDqYK6vllg', 'pl_unknown1')).resolves.toBe(false);
  });
});

describe('mollieWebhookPaymentId', () => {
  it.each([
    ['id=tr_WDqYK6vllg', 'tr_WDqYK6vllg'],
    [new URLSearchParams({ id: 'tr_WDqYK6vllg' }), 'tr_WDqYK6vllg'],
    [{ id: 'tr_WDqYK6vllg' }, 'tr_WDqYK6vllg'],
    ['id=pl_4Y0eZitmBnQ6IDoMqZQKh', undefined],
    ['id=tr_abc%2F..', undefined],
    ['', undefined],
    [{ id: ['tr_a'] }, undefined],
  ])('%o → %s', (body, expected) => {
    expect(mollieWebhookPaymentId(body)).toBe(expected);
  });
});

describe('amount conversion', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [1234, '12.34'],
    [100000, '1000.00'],
    [1999, '19.99'],
  ])('%i cents ↔ "%s"', (cents, value) => {
    expect(centsToMollieValue(cents)).toBe(value);
    expect(mollieValueToCents(value)).toBe(cents);
  });

  it('refuses fractions and negative amounts', () => {
    expect(() => centsToMollieValue(12.5)).toThrow(RangeError);
    expect(() => centsToMollieValue(-1)).toThrow(RangeError);
  });
});
