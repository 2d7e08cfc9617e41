import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { PermanentProviderError } from '../../providers/errors.js';
import { MolliePaymentProvider } from '../../providers/mollie/mollie.js';
import type { CollectionRequest, FirstPaymentRequest } from '../../providers/types.js';
import { expectPermanent, expectRetryable, interceptHttp } from './provider-test-support.js';

interceptHttp();

const API = 'https://api.mollie.com';
const provider = new MolliePaymentProvider({ apiKey: 'test_settle' });

const CUSTOMER = 'cst_8wmqcHMN4U';
const MANDATE = 'mdt_pWUnw6pkBN';
const WEBHOOK = 'https://api.settle.example/webhooks/mollie/tenant-1/inv-1';

const mollieError = (status: number, title: string, detail: string, field?: string) => ({
  status,
  title,
  detail,
  ...(field ? { field } : {}),
  _links: { documentation: { href: 'https://docs.mollie.com/overview/handling-errors', type: 'text/html' } },
});

/** The SDK retries a 5xx twice with the same idempotency key before giving up. */
const SDK_ATTEMPTS = 3;
const noRetryDelay = { 'Retry-After': '0' };

describe('MolliePaymentProvider.createCustomer', () => {
  const customerResponse = {
    resource: 'customer',
    id: CUSTOMER,
    mode: 'test',
    name: null,
    email: null,
    locale: null,
    metadata: { tenantId: 'tenant-1', debtorId: 'debtor-1' },
    createdAt: '2026-11-26T09:00:00+00:00',
    _links: {
      self: { href: `${API}/v2/customers/${CUSTOMER}`, type: 'application/hal+json' },
      dashboard: { href: `https://www.mollie.com/dashboard/customers/${CUSTOMER}`, type: 'text/html' },
      documentation: { href: 'https://docs.mollie.com/reference/create-customer', type: 'text/html' },
    },
  };
  const create = () =>
    provider.createCustomer({
      idempotencyKey: 'wf-inv-1:dd-customer',
      metadata: { tenantId: 'tenant-1', debtorId: 'debtor-1' },
    });

  function expectCreateCustomer() {
    return nock(API)
      .post('/v2/customers', { metadata: { tenantId: 'tenant-1', debtorId: 'debtor-1' } })
      .matchHeader('authorization', 'Bearer test_settle')
      .matchHeader('idempotency-key', 'wf-inv-1:dd-customer')
      .matchHeader('content-type', 'application/json');
  }

  it('creates a customer from tenant and debtor ids only: no name, no email', async () => {
    let body: Record<string, unknown> = {};
    expectCreateCustomer().reply(201, (_uri, requestBody) => {
      body = requestBody as Record<string, unknown>;
      return customerResponse;
    });

    await expect(create()).resolves.toEqual({ providerCustomerId: CUSTOMER });
    expect(Object.keys(body)).toEqual(['metadata']);
  });

  it('treats a validation error (422) as permanent', async () => {
    expectCreateCustomer().reply(
      422,
      mollieError(422, 'Unprocessable Entity', 'The metadata is too large', 'metadata'),
    );

    await expectPermanent(create(), 422);
  });

  it('treats a 5xx as retryable', async () => {
    expectCreateCustomer()
      .times(SDK_ATTEMPTS)
      .reply(500, mollieError(500, 'Internal Server Error', 'Oops'), noRetryDelay);

    const error = await expectRetryable(create());
    expect(error.message).toContain('HTTP 500');
  });
});

describe('MolliePaymentProvider.validMandate', () => {
  const mandate = (id: string, status: 'valid' | 'pending' | 'invalid', createdAt: string) => ({
    resource: 'mandate',
    id,
    mode: 'test',
    status,
    method: 'directdebit',
    details: { consumerName: 'J. Jansen', consumerAccount: 'NL55INGB0000000000', consumerBic: 'INGBNL2A' },
    mandateReference: null,
    signatureDate: createdAt.slice(0, 10),
    createdAt,
    _links: {
      self: { href: `${API}/v2/customers/${CUSTOMER}/mandates/${id}`, type: 'application/hal+json' },
      customer: { href: `${API}/v2/customers/${CUSTOMER}`, type: 'application/hal+json' },
    },
  });
  const mandates = (...items: ReturnType<typeof mandate>[]) => ({
    count: items.length,
    _embedded: { mandates: items },
    _links: {
      self: { href: `${API}/v2/customers/${CUSTOMER}/mandates`, type: 'application/hal+json' },
      previous: null,
      next: null,
      documentation: { href: 'https://docs.mollie.com/reference/list-mandates', type: 'text/html' },
    },
  });

  const expectList = (customerId = CUSTOMER) =>
    nock(API)
      .get(`/v2/customers/${customerId}/mandates`)
      .query({ limit: 128 }) // the SDK iterator's page size
      .matchHeader('authorization', 'Bearer test_settle');

  it('picks the valid mandate, skipping a revoked one listed before it', async () => {
    expectList().reply(
      200,
      mandates(
        mandate('mdt_revoked1', 'invalid', '2026-11-20T10:00:00+00:00'),
        mandate(MANDATE, 'valid', '2026-10-01T10:00:00+00:00'),
      ),
    );

    await expect(provider.validMandate(CUSTOMER)).resolves.toEqual({ providerMandateId: MANDATE });
  });

  it('returns undefined when no mandate is valid', async () => {
    expectList().reply(
      200,
      mandates(
        mandate('mdt_pending1', 'pending', '2026-11-25T10:00:00+00:00'),
        mandate('mdt_revoked1', 'invalid', '2026-11-20T10:00:00+00:00'),
      ),
    );

    await expect(provider.validMandate(CUSTOMER)).resolves.toBeUndefined();
  });

  it('returns undefined for a customer without mandates', async () => {
    expectList().reply(200, mandates());

    await expect(provider.validMandate(CUSTOMER)).resolves.toBeUndefined();
  });

  it('returns undefined for a customer Mollie does not know (404)', async () => {
    expectList('cst_unknown1').reply(
      404,
      mollieError(404, 'Not Found', 'No customer exists with token cst_unknown1.'),
    );

    await expect(provider.validMandate('cst_unknown1')).resolves.toBeUndefined();
  });

  it('returns undefined for a malformed customer id without calling Mollie', async () => {
    await expect(provider.validMandate('tr_WDqYK6vllg')).resolves.toBeUndefined();
    await expect(provider.validMandate('cst_../../v2/payments')).resolves.toBeUndefined();
  });

  it('treats a 5xx as retryable', async () => {
    expectList()
      .times(SDK_ATTEMPTS)
      .reply(503, mollieError(503, 'Service Unavailable', 'Maintenance'), noRetryDelay);

    await expectRetryable(provider.validMandate(CUSTOMER));
  });
});

/** A payment on a customer as Mollie returns it; `overrides` shape it into a first or recurring payment. */
function customerPayment(id: string, overrides: Record<string, unknown>) {
  return {
    resource: 'payment',
    id,
    mode: 'test',
    createdAt: '2026-11-26T09:10:00+00:00',
    amount: { value: '0.01', currency: 'EUR' },
    description: 'Machtiging Factuur 2026-0042',
    method: null,
    metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' },
    status: 'open',
    isCancelable: false,
    expiresAt: '2026-11-26T09:25:00+00:00',
    profileId: 'pfl_QkEhN94Ba',
    customerId: CUSTOMER,
    sequenceType: 'first',
    redirectUrl: 'https://pay.settle.example/t/tenant-1/return',
    webhookUrl: WEBHOOK,
    _links: {
      self: { href: `${API}/v2/payments/${id}`, type: 'application/hal+json' },
      checkout: { href: `https://www.mollie.com/checkout/select-method/${id.slice(3)}`, type: 'text/html' },
      dashboard: { href: `https://www.mollie.com/dashboard/payments/${id}`, type: 'text/html' },
      customer: { href: `${API}/v2/customers/${CUSTOMER}`, type: 'application/hal+json' },
      documentation: { href: 'https://docs.mollie.com/reference/create-payment', type: 'text/html' },
    },
    ...overrides,
  };
}

describe('MolliePaymentProvider.createFirstPayment', () => {
  const request: FirstPaymentRequest = {
    idempotencyKey: 'wf-inv-1:dd-first-payment',
    providerCustomerId: CUSTOMER,
    amountCents: 1,
    currency: 'EUR',
    description: 'Machtiging Factuur 2026-0042',
    redirectUrl: 'https://pay.settle.example/t/tenant-1/return',
    webhookUrl: WEBHOOK,
    methods: ['ideal', 'bancontact'],
    metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' },
  };
  const firstPayment = customerPayment('tr_7UhSN1zuXS', {});

  function expectCreateFirst(customerId = CUSTOMER) {
    return nock(API)
      .post(`/v2/customers/${customerId}/payments`, {
        amount: { currency: 'EUR', value: '0.01' },
        description: 'Machtiging Factuur 2026-0042',
        sequenceType: 'first',
        redirectUrl: 'https://pay.settle.example/t/tenant-1/return',
        webhookUrl: WEBHOOK,
        metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' },
        method: ['ideal', 'bancontact'],
      })
      .matchHeader('authorization', 'Bearer test_settle')
      .matchHeader('idempotency-key', 'wf-inv-1:dd-first-payment');
  }

  it('creates a first payment restricted to the mandate methods and returns its checkout URL', async () => {
    expectCreateFirst().reply(201, firstPayment);

    await expect(provider.createFirstPayment(request)).resolves.toEqual({
      providerPaymentId: 'tr_7UhSN1zuXS',
      checkoutUrl: 'https://www.mollie.com/checkout/select-method/7UhSN1zuXS',
    });
  });

  it('fails permanently when Mollie returns no checkout URL', async () => {
    const { checkout: _, ...links } = firstPayment._links;
    expectCreateFirst().reply(201, { ...firstPayment, _links: links });

    const error = await provider.createFirstPayment(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentProviderError);
    expect((error as Error).message).toContain('no checkout URL');
  });

  it('treats a validation error (422) as permanent', async () => {
    expectCreateFirst().reply(
      422,
      mollieError(
        422,
        'Unprocessable Entity',
        'The payment method is not enabled in your website profile',
        'method',
      ),
    );

    await expectPermanent(provider.createFirstPayment(request), 422);
  });

  it('treats a 5xx as retryable', async () => {
    expectCreateFirst()
      .times(SDK_ATTEMPTS)
      .reply(500, mollieError(500, 'Internal Server Error', 'Oops'), noRetryDelay);

    await expectRetryable(provider.createFirstPayment(request));
  });

  it('refuses a malformed customer id permanently without calling Mollie', async () => {
    const error = await provider
      .createFirstPayment({ ...request, providerCustomerId: 'debtor-1' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentProviderError);
  });
});

describe('MolliePaymentProvider.collect', () => {
  const request: CollectionRequest = {
    idempotencyKey: 'wf-inv-1:dd-collect-1',
    providerCustomerId: CUSTOMER,
    providerMandateId: MANDATE,
    amountCents: 4250,
    currency: 'EUR',
    description: 'Factuur 2026-0042 termijn 1',
    webhookUrl: WEBHOOK,
    metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' },
  };

  function expectCollect() {
    return nock(API)
      .post(`/v2/customers/${CUSTOMER}/payments`, {
        mandateId: MANDATE,
        sequenceType: 'recurring',
        amount: { currency: 'EUR', value: '42.50' },
        description: 'Factuur 2026-0042 termijn 1',
        webhookUrl: WEBHOOK,
        metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' },
      })
      .matchHeader('authorization', 'Bearer test_settle')
      .matchHeader('idempotency-key', 'wf-inv-1:dd-collect-1');
  }

  it('collects on the mandate and returns the pending payment', async () => {
    const { checkout: _, ...links } = customerPayment('tr_2qkhcMzypH', {})._links;
    expectCollect().reply(
      201,
      customerPayment('tr_2qkhcMzypH', {
        amount: { value: '42.50', currency: 'EUR' },
        description: 'Factuur 2026-0042 termijn 1',
        method: 'directdebit',
        status: 'pending',
        sequenceType: 'recurring',
        mandateId: MANDATE,
        redirectUrl: null,
        expiresAt: undefined,
        _links: {
          ...links,
          mandate: {
            href: `${API}/v2/customers/${CUSTOMER}/mandates/${MANDATE}`,
            type: 'application/hal+json',
          },
        },
      }),
    );

    await expect(provider.collect(request)).resolves.toEqual({
      providerPaymentId: 'tr_2qkhcMzypH',
      status: 'pending',
    });
  });

  it('treats a rejected mandate (422) as permanent', async () => {
    expectCollect().reply(
      422,
      mollieError(422, 'Unprocessable Entity', 'The mandate is not valid', 'mandateId'),
    );

    await expectPermanent(provider.collect(request), 422);
  });

  it('treats a 5xx as retryable', async () => {
    expectCollect()
      .times(SDK_ATTEMPTS)
      .reply(502, mollieError(502, 'Bad Gateway', 'Upstream failure'), noRetryDelay);

    await expectRetryable(provider.collect(request));
  });

  it('treats a network failure as retryable', async () => {
    expectCollect().replyWithError('socket hang up');

    await expectRetryable(provider.collect(request));
  });

  it('refuses a malformed mandate id permanently without calling Mollie', async () => {
    const error = await provider
      .collect({ ...request, providerMandateId: 'mandate-1' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentProviderError);
  });
});

describe('MolliePaymentProvider.getPayment for direct debit', () => {
  const expectGet = (id: string) =>
    nock(API).get(`/v2/payments/${id}`).matchHeader('authorization', 'Bearer test_settle');

  it('maps a failed recurring collection: sequence, customer, mandate and the bank reason code', async () => {
    expectGet('tr_2qkhcMzypH').reply(
      200,
      customerPayment('tr_2qkhcMzypH', {
        amount: { value: '42.50', currency: 'EUR' },
        method: 'directdebit',
        status: 'failed',
        failedAt: '2026-12-03T06:00:00+00:00',
        sequenceType: 'recurring',
        mandateId: MANDATE,
        redirectUrl: null,
        details: {
          transferReference: 'SD67-6850-2204-6029',
          creditorIdentifier: 'NL08ZZZ502057730000',
          consumerName: 'J. Jansen',
          consumerAccount: 'NL55INGB0000000000',
          consumerBic: 'INGBNL2A',
          dueDate: '2026-12-01',
          bankReasonCode: 'AM04',
          bankReason: 'Insufficient funds',
        },
      }),
    );

    await expect(provider.getPayment('tr_2qkhcMzypH')).resolves.toEqual({
      providerPaymentId: 'tr_2qkhcMzypH',
      status: 'failed',
      amountCents: 4250,
      currency: 'EUR',
      paidAt: undefined,
      metadata: { tenantId: 'tenant-1', invoiceId: 'inv-1' },
      sequenceType: 'recurring',
      providerCustomerId: CUSTOMER,
      providerMandateId: MANDATE,
      failureReason: 'AM04',
    });
  });

  it('maps a paid first payment to the mandate it created, without a failure reason', async () => {
    expectGet('tr_7UhSN1zuXS').reply(
      200,
      customerPayment('tr_7UhSN1zuXS', {
        method: 'ideal',
        status: 'paid',
        paidAt: '2026-11-26T09:12:00+00:00',
        mandateId: MANDATE,
        details: {
          consumerName: 'J. Jansen',
          consumerAccount: 'NL55INGB0000000000',
          consumerBic: 'INGBNL2A',
        },
      }),
    );

    const payment = await provider.getPayment('tr_7UhSN1zuXS');
    expect(payment).toMatchObject({
      status: 'paid',
      sequenceType: 'first',
      providerCustomerId: CUSTOMER,
      providerMandateId: MANDATE,
    });
    expect(payment).not.toHaveProperty('failureReason');
  });

  it("takes a failed card payment's reason from details.failureReason", async () => {
    expectGet('tr_7UhSN1zuXS').reply(
      200,
      customerPayment('tr_7UhSN1zuXS', {
        method: 'creditcard',
        status: 'failed',
        failedAt: '2026-11-26T09:12:00+00:00',
        details: { cardNumber: '6787', cardLabel: 'Visa', failureReason: 'insufficient_funds' },
      }),
    );

    await expect(provider.getPayment('tr_7UhSN1zuXS')).resolves.toMatchObject({
      status: 'failed',
      sequenceType: 'first',
      failureReason: 'insufficient_funds',
    });
  });

  it('maps a reversed collection: still paid, with what the bank took back', async () => {
    expectGet('tr_5B8cwPMGnU').reply(
      200,
      customerPayment('tr_5B8cwPMGnU', {
        amount: { value: '42.50', currency: 'EUR' },
        method: 'directdebit',
        status: 'paid',
        paidAt: '2026-12-03T06:00:00+00:00',
        sequenceType: 'recurring',
        mandateId: MANDATE,
        amountChargedBack: { value: '42.50', currency: 'EUR' },
        _links: {
          self: { href: `${API}/v2/payments/tr_5B8cwPMGnU`, type: 'application/hal+json' },
          chargebacks: { href: `${API}/v2/payments/tr_5B8cwPMGnU/chargebacks`, type: 'application/hal+json' },
        },
      }),
    );

    await expect(provider.getPayment('tr_5B8cwPMGnU')).resolves.toMatchObject({
      status: 'paid',
      sequenceType: 'recurring',
      amountCents: 4250,
      chargedBackCents: 4250,
    });
  });
});
