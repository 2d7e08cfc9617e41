// Migration 0015: rows that recorded the mode ('live' / 'sandbox') get the real provider's name,
// derived from their channel and provider ids, and the mode is refused from then on.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, MIGRATIONS_DIR } from '../../db/client.js';

const NAME = `provider_names_${process.pid}`;
let serverUrl: string;
let url: string;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The committed migrations before 0015, as a folder of their own. */
function migrationsBefore(idx: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'settle-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx < idx);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

beforeAll(async () => {
  const server = new URL(inject('databaseUrl'));
  server.pathname = '/postgres';
  serverUrl = server.toString();
  await admin(`drop database if exists ${NAME} with (force)`);
  await admin(`create database ${NAME}`);
  const target = new URL(serverUrl);
  target.pathname = `/${NAME}`;
  url = target.toString();
});
afterAll(async () => {
  await admin(`drop database if exists ${NAME} with (force)`);
});

describe('migration 0015 (provider names)', () => {
  it('names the real provider of every row that recorded live or sandbox, and refuses the modes afterwards', async () => {
    const database = connectDatabase(url, { max: 1 });
    const before = migrationsBefore(15);
    try {
      await migrate(database.db, { migrationsFolder: before });
      const client = database.pool;
      const message = (id: string, channel: string, provider: string, providerMessageId: string | null) =>
        client.query(
          `insert into communications (id, tenant_id, invoice_id, workflow_id, step, channel, template, language, provider, provider_message_id, status, status_history)
           values ($1, 't', 'i', 'w', 's', $2, 'reminder-1', 'nl', $3, $4, 'sent', '[]'::jsonb)`,
          [id, channel, provider, providerMessageId],
        );
      await message('email-live', 'email', 'live', 'sg-1');
      await message('sms-live', 'sms', 'live', 'e8077d803532c0b5937c639b60216938');
      await message('sms-bird', 'sms', 'live', '5f1c2b0e-3a4d-4e5f-8a9b-0c1d2e3f4a5b');
      await message('whatsapp-unsent', 'whatsapp', 'live', null);
      await message('letter-live', 'letter', 'live', 'msg_1');
      await message('app-live', 'app', 'live', 'msg_2');
      await message('email-sandbox', 'email', 'sandbox', 'sbx_msg_3');
      await message('sms-sandbox', 'sms', 'sandbox', 'sbx_msg_4');
      await message('letter-sandbox', 'letter', 'sandbox', 'sbx_msg_5');
      await message('app-sandbox', 'app', 'sandbox', 'sbx_msg_6');
      await message('app-own-endpoint', 'app', 'sandbox', 'msg_7');
      await message('already-named', 'email', 'sendgrid', 'sg-2');
      for (const [key, provider] of [
        ['link-live', 'live'],
        ['link-sandbox', 'sandbox'],
      ] as const)
        await client.query(
          `insert into payment_links (tenant_id, invoice_id, provider, provider_link_id, url, amount_cents, expires_at, idempotency_key)
           values ('t', 'i', $1, $2, 'https://pay.example', 100, now(), $2)`,
          [provider, key],
        );
      for (const [debtor, provider] of [
        ['d-live', 'live'],
        ['d-sandbox', 'sandbox'],
      ] as const)
        await client.query(
          `insert into psp_customers (tenant_id, debtor_id, provider, provider_customer_id) values ('t', $1, $2, $1)`,
          [debtor, provider],
        );

      await migrate(database.db, { migrationsFolder: MIGRATIONS_DIR });

      const names = async (sql: string) =>
        Object.fromEntries((await client.query(sql)).rows.map((row) => [row.key, row.provider]));
      expect(await names('select id as key, provider from communications')).toEqual({
        'email-live': 'sendgrid',
        'sms-live': 'messagebird',
        'sms-bird': 'bird',
        'whatsapp-unsent': 'messagebird',
        'letter-live': 'print',
        'app-live': 'app-webhook',
        'email-sandbox': 'sendgrid-sandbox',
        'sms-sandbox': 'messagebird-sandbox',
        'letter-sandbox': 'print-sandbox',
        'app-sandbox': 'app-webhook-sandbox',
        'app-own-endpoint': 'app-webhook',
        'already-named': 'sendgrid',
      });
      expect(await names('select provider_link_id as key, provider from payment_links')).toEqual({
        'link-live': 'mollie',
        'link-sandbox': 'mollie-sandbox',
      });
      expect(await names('select debtor_id as key, provider from psp_customers')).toEqual({
        'd-live': 'mollie',
        'd-sandbox': 'mollie-sandbox',
      });
      await expect(message('new-live', 'email', 'live', null)).rejects.toThrow(
        /communications_provider_named/,
      );
    } finally {
      rmSync(before, { recursive: true, force: true });
      await database.close();
    }
  });
});
