// POST/GET /v1/invoices through app.inject on the real stack: every status code of the contract
// (201, 200, 400, 401, 403, 404, 409, 413, 415, 422, 429), field-level problem details, tenant
// isolation, and the paged list with its filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInvoice } from '../../db/queries/invoices.js';
import { revokeApiKey } from '../../db/queries/tenants.js';
import { checkoutBehind } from '../../devstack/pay-link.js';
import {
  type ApiHarness,
  createTenant,
  eventually,
  invoiceBody,
  isoDay,
  problemOf,
  type Resource,
  startApiHarness,
  unique,
} from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const fieldsOf = (problem: { errors?: { field: string }[] }) => (problem.errors ?? []).map((e) => e.field);

describe('POST /v1/invoices', () => {
  it('answers 201 with the invoice resource when dunning starts', async () => {
    const body = invoiceBody({ description: 'Consultancy November', metadata: { erp: { id: 42 } } });
    const response = await h.call('POST', '/v1/invoices', body);
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const resource = response.json() as Resource & Record<string, unknown>;
    expect(resource).toMatchObject({
      invoiceId: body.invoiceId,
      debtorId: body.debtor.id,
      status: 'open',
      amount: { currency: 'EUR', value: '123.45' },
      amountDue: { currency: 'EUR', value: '123.45' },
      workflowId: `dunning:${h.tenantId}:${body.invoiceId}`,
      description: 'Consultancy November',
      metadata: { erp: { id: 42 } },
    });
    for (const field of ['stage', 'checkoutUrl', 'selfServiceUrl', 'nextActionAt'])
      expect(resource).toHaveProperty(field);
    expect(resource.selfServiceUrl).toMatch(new RegExp(`^${h.baseUrl}/p/[A-Za-z0-9_.-]+$`));
    // The stable pay link is there at once, before the workflow minted anything; it never goes stale.
    expect(resource.paymentUrl).toBe(`${resource.selfServiceUrl}/pay`);
    expect(resource.consistency).toBe('stored');

    // The workflow really runs: it moves to the first step; its message's pay link leads to a checkout.
    const live = await eventually(async () => {
      const invoice = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as Resource;
      return invoice.stage === 'payment-request' && invoice;
    });
    expect(await checkoutBehind(live.paymentUrl!)).toContain('/sandbox/checkout/');
    expect(live.nextActionAt).not.toBeNull();
  });

  it('takes an invoice marked as a periodic term (small ones share collection costs) and shows it', async () => {
    const body = invoiceBody({ periodic: true, amount: { currency: 'EUR', value: '50.00' } });
    const response = await h.call('POST', '/v1/invoices', body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ invoiceId: body.invoiceId, periodic: true });
    expect(await getInvoice(h.database.db, h.tenantId, body.invoiceId)).toMatchObject({ periodic: true });
    const oneOff = invoiceBody({});
    expect((await h.call('POST', '/v1/invoices', oneOff)).json()).toMatchObject({ periodic: false });
    const problem = problemOf(
      await h.call('POST', '/v1/invoices', invoiceBody({ periodic: 'monthly' })),
      400,
    );
    expect(fieldsOf(problem)).toContain('/periodic');
  });

  it('answers 200 with the same resource for the identical request, 409 for different content', async () => {
    const body = invoiceBody();
    const first = await h.call('POST', '/v1/invoices', body);
    expect(first.statusCode).toBe(201);
    const again = await h.call('POST', '/v1/invoices', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      invoiceId: body.invoiceId,
      workflowId: first.json().workflowId,
      amount: { value: '123.45' },
    });
    // Key order does not make a request different.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await h.call('POST', '/v1/invoices', reordered)).statusCode).toBe(200);

    const conflict = await h.call('POST', '/v1/invoices', {
      ...body,
      amount: { currency: 'EUR', value: '99.00' },
    });
    expect(problemOf(conflict, 409).detail).toContain(body.invoiceId);
    // The conflicting request changed nothing.
    const stored = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as Resource;
    expect(stored.amount.value).toBe('123.45');
  });

  it('never starts a closed invoice again: a repeat answers 200 with the invoice as it is', async () => {
    const body = invoiceBody();
    const created = (await h.call('POST', '/v1/invoices', body)).json() as Resource;
    const handle = h.temporal.workflow.getHandle(created.workflowId);
    const firstRun = (await handle.describe()).runId;
    await h.call('POST', `/v1/invoices/${body.invoiceId}/cancel`, { reason: 'credit note issued' });
    await handle.result();

    const again = await h.call('POST', '/v1/invoices', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ invoiceId: body.invoiceId, status: 'cancelled' });
    const latest = await handle.describe();
    expect(latest.runId).toBe(firstRun);
    expect(latest.status.name).toBe('COMPLETED');
  });

  it('never starts a run again for an invoice whose workflow an operator closed in Temporal', async () => {
    const body = invoiceBody();
    const created = (await h.call('POST', '/v1/invoices', body)).json() as Resource;
    const handle = h.temporal.workflow.getHandle(created.workflowId);
    const firstRun = (await handle.describe()).runId;
    await handle.terminate('closed by an operator');

    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(200);
    const latest = await handle.describe();
    expect(latest.runId).toBe(firstRun);
    expect(latest.status.name).toBe('TERMINATED');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await h.call('POST', '/v1/invoices', '{"invoiceId": "INV-1", ');
    expect(problemOf(response, 400)).toMatchObject({
      title: 'Bad Request',
      detail: 'the body is not valid JSON',
      instance: '/v1/invoices',
    });
  });

  it('answers 400 with field-level errors for schema violations', async () => {
    const body = invoiceBody(
      {
        invoiceId: 'not an id!',
        amount: { currency: 'USD', value: '12,50' },
        dueDate: '2026-13-01',
        unexpected: true,
      },
      { type: 'alien', email: 'not-an-email', phone: '0612345678', language: 'xx' },
    );
    const problem = problemOf(await h.call('POST', '/v1/invoices', body), 400);
    const fields = fieldsOf(problem);
    for (const field of [
      '/invoiceId',
      '/amount/currency',
      '/amount/value',
      '/dueDate',
      '/debtor/type',
      '/debtor/email',
      '/debtor/phone',
      '/debtor/language',
      '/',
    ])
      expect(fields).toContain(field);
    expect(problem.errors!.every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);

    const missing = problemOf(await h.call('POST', '/v1/invoices', {}), 400);
    expect(fieldsOf(missing)).toEqual(
      expect.arrayContaining(['/invoiceId', '/debtor', '/amount', '/issueDate', '/dueDate']),
    );
    for (const raw of ['null', '[]', '"text"', '42'])
      expect(fieldsOf(problemOf(await h.call('POST', '/v1/invoices', raw), 400))).toEqual(['/']);
  });

  it('answers 400 for dates that do not exist and values PostgreSQL cannot store', async () => {
    const impossible = problemOf(
      await h.call('POST', '/v1/invoices', invoiceBody({ dueDate: '2026-02-30' })),
      400,
    );
    expect(fieldsOf(impossible)).toEqual(['/dueDate']);
    const yearZero = problemOf(
      await h.call('POST', '/v1/invoices', invoiceBody({ issueDate: '0000-01-01' })),
      400,
    );
    expect(fieldsOf(yearZero)).toEqual(['/issueDate']);

    const nul = problemOf(
      await h.call('POST', '/v1/invoices', invoiceBody({ description: 'a\u0000b' })),
      400,
    );
    expect(fieldsOf(nul)).toEqual(['/description']);
    const surrogate = problemOf(
      await h.call('POST', '/v1/invoices', invoiceBody({ metadata: { note: '\ud800' } })),
      400,
    );
    expect(fieldsOf(surrogate)).toEqual(['/metadata/note']);
    const deep = JSON.stringify(invoiceBody({ metadata: { tree: 'TREE' } })).replace(
      '"TREE"',
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    );
    const nested = problemOf(await h.call('POST', '/v1/invoices', deep), 400);
    expect(nested.errors?.[0]?.message).toMatch(/nested deeper/);
    const poisoned = JSON.stringify(invoiceBody({ metadata: { x: 1 } })).replace(
      '"x":1',
      '"__proto__":{"admin":true}',
    );
    expect(fieldsOf(problemOf(await h.call('POST', '/v1/invoices', poisoned), 400))).toEqual([
      '/metadata/__proto__',
    ]);
  });

  it('answers 401 without a valid API key and 403 with a revoked one', async () => {
    const body = JSON.stringify(invoiceBody());
    const missing = await h.app.inject({
      method: 'POST',
      url: '/v1/invoices',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(problemOf(missing, 401).title).toBe('Unauthorized');
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer sk_unknown_key_123456789'])
      problemOf(
        await h.app.inject({
          method: 'POST',
          url: '/v1/invoices',
          headers: { authorization, 'content-type': 'application/json' },
          payload: body,
        }),
        401,
      );

    const revoked = await createTenant(h.database);
    expect(await revokeApiKey(h.database.db, revoked.apiKey)).toBe(true);
    expect(await revokeApiKey(h.database.db, revoked.apiKey)).toBe(false);
    const forbidden = await h.call('POST', '/v1/invoices', invoiceBody(), { as: revoked });
    expect(problemOf(forbidden, 403)).toMatchObject({ title: 'Forbidden' });
    problemOf(await h.call('GET', '/v1/invoices', undefined, { as: revoked }), 403);
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await h.call('POST', '/v1/invoices', invoiceBody({ description: 'x'.repeat(300_000) }));
    expect(problemOf(response, 413).title).toBe('Content Too Large');
  });

  it('answers 415 for bodies that are not JSON', async () => {
    for (const [type, payload] of [
      ['text/plain', 'invoice please'],
      ['application/x-www-form-urlencoded', 'invoiceId=INV-1'],
      ['application/xml', '<invoice/>'],
    ] as const) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/invoices',
        headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': type },
        payload,
      });
      expect(problemOf(response, 415).title).toBe('Unsupported Media Type');
    }
  });

  it('takes claims up to €9,999,999,999.99: cents are 64-bit from the API to the database', async () => {
    const body = invoiceBody({ amount: { currency: 'EUR', value: '9999999999.99' } });
    const created = await h.call('POST', '/v1/invoices', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().amountDue).toEqual({ currency: 'EUR', value: '9999999999.99' });
    const paid = await h.call('POST', `/v1/invoices/${body.invoiceId}/payments`, {
      amount: { currency: 'EUR', value: '5000000000.00' },
    });
    expect(paid.json().amountDue).toEqual({ currency: 'EUR', value: '4999999999.99' });
    const row = await getInvoice(h.database.db, h.tenantId, body.invoiceId);
    expect(row).toMatchObject({ amountCents: 999_999_999_999 });
    await eventually(
      async () =>
        (await getInvoice(h.database.db, h.tenantId, body.invoiceId))?.paidCents === 500_000_000_000,
    );
    // One digit more is beyond what the API spells.
    const tooLarge = problemOf(
      await h.call(
        'POST',
        '/v1/invoices',
        invoiceBody({ amount: { currency: 'EUR', value: '10000000000.00' } }),
      ),
      400,
    );
    expect(fieldsOf(tooLarge)).toEqual(['/amount/value']);
  });

  // What the schema can say it says (400, see /openapi.json); the rest is a business rule (422).
  it.each([
    [400, { amount: { currency: 'EUR', value: '0.00' } }, {}, '/amount/value'],
    [400, { amount: { currency: 'EUR', value: '0' } }, {}, '/amount/value'],
    [400, { policy: 'No Such Policy' }, {}, '/policy'],
    // An id a tenant policy could have: whether it exists is a business rule.
    [422, { policy: 'no-such-policy' }, {}, '/policy'],
    [400, {}, { email: undefined, address: undefined }, '/debtor'],
    [400, {}, { whatsappOptIn: true }, '/debtor/phone'],
    [422, { issueDate: isoDay(0), dueDate: isoDay(-1) }, {}, '/dueDate'],
    [400, { policy: 'nl-business' }, { type: 'consumer' }, '/policy'],
  ] as const)(
    'answers %i for an invoice it cannot take (%j %j)',
    async (status, overrides, debtor, field) => {
      const body = invoiceBody(overrides, debtor);
      const problem = problemOf(await h.call('POST', '/v1/invoices', body), status);
      expect(problem.title).toBe(status === 400 ? 'Bad Request' : 'Unprocessable Content');
      expect(fieldsOf(problem)).toContain(field);
      // Nothing was stored: the id is still free.
      problemOf(await h.call('GET', `/v1/invoices/${body.invoiceId}`), 404);
    },
  );

  it('answers 400 as a problem even for a URL Fastify cannot decode', async () => {
    const response = await h.call('GET', '/v1/invoices/%ZZ');
    problemOf(response, 400);
  });
});

describe('amounts split into principal, costs and interest', () => {
  const part = (charged: string, paid: string, outstanding: string) => ({
    charged: { currency: 'EUR', value: charged },
    paid: { currency: 'EUR', value: paid },
    outstanding: { currency: 'EUR', value: outstanding },
  });

  it('shows each part with paid and outstanding, live and from the mirror once closed', async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    await eventually(async () => {
      const invoice = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as Resource;
      return invoice.stage === 'payment-request' && invoice;
    });
    const payment = (value: string, reference: string) =>
      h.call('POST', `/v1/invoices/${body.invoiceId}/payments`, {
        amount: { currency: 'EUR', value },
        reference,
      });
    expect((await payment('23.45', 'bank-1')).statusCode).toBe(200);
    const live = (await h.call('GET', `/v1/invoices/${body.invoiceId}?consistency=live`)).json();
    expect(live.breakdown).toEqual({
      principal: part('123.45', '23.45', '100.00'),
      costs: part('0.00', '0.00', '0.00'),
      interest: part('0.00', '0.00', '0.00'),
    });
    const timeline = (await h.call('GET', `/v1/invoices/${body.invoiceId}/timeline?consistency=live`)).json();
    expect(timeline.amounts.parts.principal).toEqual({
      charged: '123.45',
      paid: '23.45',
      outstanding: '100.00',
    });

    expect((await payment('100.00', 'bank-2')).statusCode).toBe(200);
    // Closed: the answer comes from the database mirror the workflow wrote.
    const closed = await eventually(async () => {
      const row = await getInvoice(h.database.db, h.tenantId, body.invoiceId);
      return row?.closedAt ? row : undefined;
    });
    expect(closed.amountParts?.principal).toEqual({
      chargedCents: 12_345,
      paidCents: 12_345,
      outstandingCents: 0,
    });
    const after = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json();
    expect(after.breakdown.principal).toEqual(part('123.45', '123.45', '0.00'));
  });
});

describe('tenant isolation and 404', () => {
  it("answers 404 for unknown invoices and for another tenant's", async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const other = await h.newTenant();

    problemOf(await h.call('GET', `/v1/invoices/${unique('NOPE')}`), 404);
    const paths = [`/v1/invoices/${body.invoiceId}`, `/v1/invoices/${body.invoiceId}/timeline`];
    for (const path of paths) {
      expect((await h.call('GET', path)).statusCode).toBe(200);
      expect(problemOf(await h.call('GET', path, undefined, { as: other }), 404).detail).toContain(
        body.invoiceId,
      );
    }
    for (const [action, payload] of [
      ['pause', { reason: 'x' }],
      ['cancel', { reason: 'x' }],
      ['payments', { amount: { currency: 'EUR', value: '1.00' } }],
      ['disputes', { reason: 'x' }],
      ['payment-plan', { instalments: 3 }],
    ] as const)
      problemOf(
        await h.call('POST', `/v1/invoices/${body.invoiceId}/${action}`, payload, { as: other }),
        404,
      );
    problemOf(await h.call('POST', `/v1/invoices/${body.invoiceId}/resume`, undefined, { as: other }), 404);
    const list = (await h.call('GET', '/v1/invoices?limit=100', undefined, { as: other })).json();
    expect(list).toEqual({ items: [], nextCursor: null });
    // The same id is free for the other tenant: ids are per tenant.
    expect((await h.call('POST', '/v1/invoices', body, { as: other })).statusCode).toBe(201);
    // …and the original invoice is untouched by all of that.
    const mine = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as Resource;
    expect(mine.status).toBe('open');
  });

  it('answers 404 as a problem for unknown routes', async () => {
    const response = await h.call('GET', '/v1/nothing-here');
    expect(problemOf(response, 404).detail).toContain('/v1/nothing-here');
  });
});

describe('GET /v1/invoices', () => {
  it('filters by status, stage and debtor, and pages with a cursor', async () => {
    const tenant = await h.newTenant();
    const debtorA = unique('DA');
    const debtorB = unique('DB');
    const bodies = [
      ...[1, 2, 3].map(() => invoiceBody({}, { id: debtorA })),
      ...[1, 2].map(() => invoiceBody({}, { id: debtorB })),
    ];
    for (const body of bodies)
      expect((await h.call('POST', '/v1/invoices', body, { as: tenant })).statusCode).toBe(201);
    const ids = bodies.map((b) => b.invoiceId).sort();
    const list = async (query: string) =>
      (await h.call('GET', `/v1/invoices?${query}`, undefined, { as: tenant })).json() as {
        items: Resource[];
        nextCursor: string | null;
      };

    // All five reach their first step; the list reads the database mirror the workflows keep.
    await eventually(async () => (await list('stage=payment-request')).items.length === 5);
    // A stage no ladder of this tenant has: a step id like any other, with nothing at it.
    expect((await list('stage=herinnering-3')).items).toEqual([]);

    const page1 = await list('limit=2');
    const page2 = await list(`limit=2&cursor=${page1.nextCursor}`);
    const page3 = await list(`limit=2&cursor=${page2.nextCursor}`);
    expect([page1.items.length, page2.items.length, page3.items.length]).toEqual([2, 2, 1]);
    expect(page3.nextCursor).toBeNull();
    expect([...page1.items, ...page2.items, ...page3.items].map((i) => i.invoiceId)).toEqual(ids);
    expect((await list('')).items.map((i) => i.invoiceId)).toEqual(ids);

    const ofA = await list(`debtorId=${debtorA}`);
    expect(ofA.items.map((i) => i.debtorId)).toEqual([debtorA, debtorA, debtorA]);
    expect((await list(`debtorId=${debtorB}&limit=1`)).items).toHaveLength(1);

    const cancelled = bodies[0]!.invoiceId;
    expect(
      (await h.call('POST', `/v1/invoices/${cancelled}/cancel`, { reason: 'credit note' }, { as: tenant }))
        .statusCode,
    ).toBe(200);
    const onlyCancelled = await eventually(async () => {
      const page = await list('status=cancelled');
      return page.items.length === 1 && page;
    });
    expect(onlyCancelled.items[0]).toMatchObject({ invoiceId: cancelled, status: 'cancelled' });
    expect((await list('status=open')).items.map((i) => i.invoiceId)).not.toContain(cancelled);
    expect((await list(`status=open&debtorId=${debtorA}`)).items).toHaveLength(2);
    expect((await list('status=paid')).items).toEqual([]);
  });

  it('answers 400 for bad query parameters and for a cursor it did not issue', async () => {
    // A stage is any step id a ladder may name (a tenant's own too), but never one with a colon.
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=ten',
      'status=lost',
      'stage=reminder:1',
      'colour=red',
    ])
      expect(fieldsOf(problemOf(await h.call('GET', `/v1/invoices?${query}`), 400))[0]).toMatch(
        /^querystring:\//,
      );
    const cursor = problemOf(await h.call('GET', '/v1/invoices?cursor=%25%25%25'), 400);
    expect(fieldsOf(cursor)).toEqual(['querystring:/cursor']);
  });
});

describe('rate limiting', () => {
  it('answers 429 as a problem once a key exceeds its requests per minute', async () => {
    const limited = await startApiHarness({ worker: false, rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.call('GET', '/v1/invoices')).statusCode);
      expect(statuses).toEqual([200, 200, 200]);
      const response = await limited.call('GET', '/v1/invoices');
      expect(problemOf(response, 429).title).toBe('Too Many Requests');
      expect(response.headers['retry-after']).toBeDefined();
      // The limit is per key: another tenant is not affected.
      const other = await limited.newTenant();
      expect((await limited.call('GET', '/v1/invoices', undefined, { as: other })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
