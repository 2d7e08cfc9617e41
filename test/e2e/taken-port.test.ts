// An API whose port is taken fails its start and leaves nothing running: no background loop keeps
// querying a database its caller then closes (a CI run once saw `npm start` hang that way, logging
// "Failed query" every second instead of saying what went wrong and exiting).
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startApi } from '../../api/server.js';
import { isolatedSettings, type Stack, startStack } from '../../devstack/stack.js';
import { installQuietRuntime } from '../support/quiet-runtime.js';

let stack: Stack;
beforeAll(async () => {
  installQuietRuntime();
  stack = await startStack({
    postgres: { kind: 'url', url: inject('databaseUrl'), migrate: false },
    temporal: { kind: 'existing', address: inject('temporalAddress') },
    // The bank settles sandbox direct debits once a second: the loop most likely to be left behind.
    settings: { ...(await isolatedSettings('taken-port')), SANDBOX_COLLECTION_SECONDS: '1' },
  });
});
afterAll(async () => {
  await stack?.stop();
});

it('refuses to start on a taken port and leaves no loop running', async () => {
  const holder = createServer();
  await new Promise<void>((done) => holder.listen(stack.config.http.port, stack.config.http.host, done));
  try {
    await expect(
      startApi({ config: stack.config, database: stack.database, temporalAddress: stack.temporal.address }),
    ).rejects.toThrow(/EADDRINUSE|address already in use/);
    // Nothing else uses this stack's pool: any query from now on comes from a loop left behind.
    let queries = 0;
    stack.database.pool.on('acquire', () => queries++);
    await new Promise((wait) => setTimeout(wait, 2_500));
    expect(queries).toBe(0);
  } finally {
    holder.close();
  }
});
