// The API-load benchmark's load generator, in its own process (`node --import tsx`), so that its
// CPU does not count against the server: receives one job over IPC, runs autocannon, answers with
// the summary, exits. Every request is unique where uniqueness matters (invoice ids, webhook event
// ids), made in autocannon's setupRequest.
import { randomBytes } from 'node:crypto';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { isoDay } from '../devstack/dates.js';
import { sandboxKeys } from '../providers/sandbox/sandbox-keys.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  signSendGridPayload,
} from '../providers/sendgrid/sendgrid-events.js';

export type LoadKind = 'create-invoice' | 'get-invoice' | 'sendgrid' | 'mollie';

export interface LoadJob {
  kind: LoadKind;
  baseUrl: string;
  durationS: number;
  connections: number;
  apiKey: string;
  /** get-invoice: ids to read (picked at random). */
  invoiceIds?: string[];
  /** sendgrid: message ids the events refer to, the tenant, the events per batch, the signing secret. */
  messages?: { messageId: string; invoiceId: string }[];
  tenantId?: string;
  batchSize?: number;
  tokenSecret?: string;
}

export interface LoadSummary {
  kind: LoadKind;
  durationS: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  okPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  statusCodes: Record<string, number>;
}

function request(job: LoadJob): AutocannonRequest {
  const tag = randomBytes(3).toString('hex');
  let counter = 0;
  const auth = { authorization: `Bearer ${job.apiKey}` };
  switch (job.kind) {
    case 'create-invoice':
      return {
        method: 'POST',
        path: '/v1/invoices',
        headers: { ...auth, 'content-type': 'application/json' },
        setupRequest: (req) => {
          const n = counter++;
          return {
            ...req,
            body: JSON.stringify({
              invoiceId: `API-${tag}-${n}`,
              // Sleeps after its first sync: the payment request is due 14 days before a far due date.
              policy: 'nl-consumer',
              debtor: {
                id: `D-${tag}-${n}`,
                type: 'consumer',
                name: 'Jan Jansen',
                email: `debtor-${n}@example.nl`,
                address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
              },
              amount: { currency: 'EUR', value: '123.45' },
              issueDate: isoDay(0),
              dueDate: isoDay(120),
            }),
          };
        },
      };
    case 'get-invoice': {
      const ids = job.invoiceIds ?? [];
      if (ids.length === 0) throw new Error('get-invoice needs invoice ids');
      return {
        method: 'GET',
        headers: auth,
        setupRequest: (req) => ({
          ...req,
          path: `/v1/invoices/${encodeURIComponent(ids[Math.floor(Math.random() * ids.length)]!)}`,
        }),
      };
    }
    case 'sendgrid': {
      const messages = job.messages ?? [];
      const size = job.batchSize ?? 100;
      const key = sandboxKeys(job.tokenSecret ?? '').sendgridPrivateKey;
      return {
        method: 'POST',
        path: '/webhooks/sendgrid',
        setupRequest: (req) => {
          const timestamp = Math.floor(Date.now() / 1000);
          const events = Array.from({ length: size }, () => {
            const n = counter++;
            const message = messages[n % messages.length]!;
            const event = n % 2 === 0 ? 'delivered' : 'open';
            return {
              email: 'debtor@example.nl',
              timestamp,
              event,
              sg_event_id: `bench-${tag}-${n}`,
              sg_message_id: `sbx_${message.messageId}.filter0001`,
              tenant_id: job.tenantId,
              invoice_id: message.invoiceId,
              message_id: message.messageId,
            };
          });
          const body = JSON.stringify(events);
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              [SENDGRID_SIGNATURE_HEADER]: signSendGridPayload(key, String(timestamp), Buffer.from(body)),
              [SENDGRID_TIMESTAMP_HEADER]: String(timestamp),
            },
            body,
          };
        },
      };
    }
    case 'mollie':
      return {
        method: 'POST',
        path: '/webhooks/mollie',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (req) => ({ ...req, body: `id=tr_bench${tag}${counter++}` }),
      };
  }
}

async function run(job: LoadJob): Promise<LoadSummary> {
  const result = await autocannon({
    url: job.baseUrl,
    connections: job.connections,
    duration: job.durationS,
    timeout: 30,
    requests: [request(job)],
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
  );
  return {
    kind: job.kind,
    durationS: result.duration,
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    okPerSecond: Math.round((result['2xx'] / result.duration) * 10) / 10,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    statusCodes,
  };
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (summary) => process.send?.({ type: 'result', summary }, () => process.exit(0)),
    (error) =>
      process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) }, () =>
        process.exit(1),
      ),
  );
});
