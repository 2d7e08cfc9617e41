// What creates read of their tenant is cached per API process: a change through Settle reaches every
// process within moments (NOTIFY), and while a process is not subscribed it caches nothing at all.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenantFacts, type TenantFactsSource } from '../../api/tenant-facts.js';
import { defaultBrand } from '../../db/brand.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { insertExperiment, stopExperiment } from '../../db/queries/experiments.js';
import {
  replaceTenantBrand,
  replaceTenantSettings,
  TENANT_CHANGED_CHANNEL,
} from '../../db/queries/tenants.js';
import { createTenant } from '../../devstack/tenant.js';
import { eventually } from '../../devstack/waiting.js';

const log = pino({ level: 'silent' });
/** Two API processes: each its own pool, LISTEN connection and cache. */
let writer: DatabaseHandle;
let reader: DatabaseHandle;
let here: TenantFactsSource;
let there: TenantFactsSource;

beforeAll(async () => {
  writer = connectDatabase(inject('databaseUrl'));
  reader = connectDatabase(inject('databaseUrl'));
  here = createTenantFacts(writer, log);
  there = createTenantFacts(reader, log);
  await eventually(async () => (await subscriptions()) >= 2, 5_000);
});
afterAll(async () => {
  await here?.stop();
  await there?.stop();
  await writer?.close();
  await reader?.close();
});

const subscriptions = async () =>
  (
    await writer.pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and query = 'LISTEN ${TENANT_CHANGED_CHANNEL}'`,
    )
  ).rows[0]!.n;

/** Changed behind Settle's back: no NOTIFY, so only an uncached read can see it. */
const renameQuietly = (tenantId: string, name: string) =>
  writer.pool.query('update tenants set name = $2 where id = $1', [tenantId, name]);

describe('tenant facts', () => {
  it('serves a cached row until a change is announced, then the new one in every process', async () => {
    const { tenantId } = await createTenant(writer.db);
    expect((await there.of(tenantId))?.tenant.settings).toEqual({});
    await renameQuietly(tenantId, 'Quietly Renamed B.V.');
    // Cached: the quiet change is not seen.
    expect((await there.of(tenantId))?.tenant.name).not.toBe('Quietly Renamed B.V.');

    const settings = { businessCollectionCosts: { kind: 'percentage' as const, percent: 12.5 } };
    await replaceTenantSettings(writer.db, tenantId, settings);
    await eventually(async () => (await there.of(tenantId))?.tenant.name === 'Quietly Renamed B.V.', 3_000);
    expect((await there.of(tenantId))?.tenant.settings).toEqual(settings);

    await replaceTenantBrand(writer.db, tenantId, {
      ...defaultBrand('Rebranded'),
      collectionCostsVatPercent: 21,
    });
    await eventually(
      async () => (await there.of(tenantId))?.tenant.brand.collectionCostsVatPercent === 21,
      3_000,
    );
  });

  it('forgets a tenant at once in the process that changed it', async () => {
    const { tenantId } = await createTenant(writer.db);
    await here.of(tenantId);
    await renameQuietly(tenantId, 'Renamed Here B.V.');
    expect((await here.of(tenantId))?.tenant.name).not.toBe('Renamed Here B.V.');
    here.forget(tenantId);
    expect((await here.of(tenantId))?.tenant.name).toBe('Renamed Here B.V.');
  });

  it('forgets running experiments when one starts or stops', async () => {
    const { tenantId } = await createTenant(writer.db);
    expect((await there.of(tenantId))?.experimentTargets).toEqual([]);
    await insertExperiment(writer.db, {
      tenantId,
      id: 'exp-1',
      name: 'Earlier reminder',
      policyId: 'nl-consumer',
      stepId: 'reminder-1',
      stepKind: null,
      goal: { kind: 'paid-within-days', days: 30 },
      holdoutShare: 0,
      arms: [
        { key: 'a', config: { kind: 'send-slot', hour: 9, minute: 0 } },
        { key: 'b', config: { kind: 'send-slot', hour: 18, minute: 0 } },
      ],
    });
    const target = { policyId: 'nl-consumer', stepId: 'reminder-1', stepKind: null };
    await eventually(async () => (await there.of(tenantId))?.experimentTargets.length === 1, 3_000);
    expect((await there.of(tenantId))?.experimentTargets).toEqual([target]);
    expect(await stopExperiment(writer.db, tenantId, 'exp-1')).toBe(true);
    await eventually(async () => (await there.of(tenantId))?.experimentTargets.length === 0, 3_000);
  });

  it('caches nothing while its subscription is down, so even an unannounced change counts', async () => {
    const { tenantId } = await createTenant(writer.db);
    await there.of(tenantId);
    await writer.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query = 'LISTEN ${TENANT_CHANGED_CHANNEL}'`,
    );
    await renameQuietly(tenantId, 'Unannounced B.V.');
    await eventually(async () => (await there.of(tenantId))?.tenant.name === 'Unannounced B.V.', 3_000);
  });
});
