// The two servers every run of Settle needs, started side by side.
import { type PostgresOptions, type RunningPostgres, startPostgres } from './postgres.js';
import { type DevServer, type ExistingTemporal, startTemporal, type TemporalOptions } from './temporal.js';

/**
 * PostgreSQL and Temporal, started at once; whichever did start is stopped again should the other
 * fail.
 */
export async function startServers(
  postgresOptions: PostgresOptions,
  temporalOptions: Exclude<TemporalOptions, { kind: 'time-skipping' }>,
): Promise<{ postgres: RunningPostgres; temporal: DevServer | ExistingTemporal }> {
  const [postgres, temporal] = await Promise.allSettled([
    startPostgres(postgresOptions),
    startTemporal(temporalOptions),
  ]);
  if (postgres.status === 'fulfilled' && temporal.status === 'fulfilled')
    return { postgres: postgres.value, temporal: temporal.value };
  if (postgres.status === 'fulfilled') await postgres.value.stop();
  if (temporal.status === 'fulfilled') await temporal.value.stop();
  throw postgres.status === 'rejected' ? postgres.reason : (temporal as PromiseRejectedResult).reason;
}
