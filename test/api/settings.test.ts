// Tenant settings through the HTTP API: stored as checked, replaced as a whole, refused with field
// detail, and never visible to another tenant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, TEST_CREDITOR_ID, type Tenant } from './harness.js';

describe('tenant settings API', () => {
  let h: ApiHarness;
  let other: Tenant;

  beforeAll(async () => {
    h = await startApiHarness({ worker: false, sandboxReports: false });
    other = await h.newTenant();
  });
  afterAll(async () => h?.close());

  it('stores checked settings and replaces them as a whole', async () => {
    expect((await h.call('GET', '/v1/settings')).json()).toEqual({ sepaCreditorId: TEST_CREDITOR_ID });
    const put = await h.call('PUT', '/v1/settings', {
      sepaCreditorId: 'nl79 zzz 999999990000',
      businessCollectionCosts: { kind: 'fixed', amount: { currency: 'EUR', value: '75' } },
      collectionAgency: { name: 'Incasso Noord B.V.', handoverUrl: 'https://agency.example/claims' },
    });
    expect(put.statusCode).toBe(200);
    const stored = {
      sepaCreditorId: 'NL79ZZZ999999990000',
      businessCollectionCosts: { kind: 'fixed', amount: { currency: 'EUR', value: '75.00' } },
      collectionAgency: { name: 'Incasso Noord B.V.', handoverUrl: 'https://agency.example/claims' },
    };
    expect(put.json()).toEqual(stored);
    expect((await h.call('GET', '/v1/settings')).json()).toEqual(stored);

    const replaced = await h.call('PUT', '/v1/settings', {
      businessCollectionCosts: { kind: 'percentage', percent: 12.5 },
    });
    expect(replaced.json()).toEqual({ businessCollectionCosts: { kind: 'percentage', percent: 12.5 } });
  });

  it('refuses what cannot be used, naming the field', async () => {
    const badId = await h.call('PUT', '/v1/settings', { sepaCreditorId: 'NL98ZZZ999999990000' });
    expect(badId.statusCode).toBe(422);
    expect(badId.json().errors).toEqual([
      { field: '/sepaCreditorId', message: 'is not a valid SEPA creditor identifier' },
    ]);
    const zero = await h.call('PUT', '/v1/settings', {
      businessCollectionCosts: { kind: 'fixed', amount: { currency: 'EUR', value: '0.00' } },
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors[0].field).toBe('/businessCollectionCosts/amount/value');
    const plainHttp = await h.call('PUT', '/v1/settings', {
      collectionAgency: { name: 'X', handoverUrl: 'http://agency.example' },
    });
    expect(plainHttp.statusCode).toBe(400);
    const unknown = await h.call('PUT', '/v1/settings', { costs: 'all of it' });
    expect(unknown.statusCode).toBe(400);
  });

  it('keeps each tenant to its own settings', async () => {
    await h.call('PUT', '/v1/settings', { sepaCreditorId: 'NL79ZZZ999999990000' });
    expect((await h.call('GET', '/v1/settings', undefined, { as: other })).json()).toEqual({
      sepaCreditorId: TEST_CREDITOR_ID,
    });
    expect((await h.call('GET', '/v1/settings')).json().sepaCreditorId).toBe('NL79ZZZ999999990000');
  });
});
