// Delivery facts of the sandbox channels, delivered like the real providers deliver them: signed
// HTTP callbacks to Settle's own webhook endpoints, so the whole verification path is exercised.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { sandboxMessages } from '../../db/schema.js';
import { MESSAGEBIRD_SIGNATURE_HEADER, signMessageBirdJwt } from '../providers/messagebird-events.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  signSendGridPayload,
} from '../providers/sendgrid-events.js';
import type { MessageRef } from '../providers/types.js';
import type { SandboxKeys } from './sandbox-keys.js';
import type { DeliveryReporter } from './sandbox-outbox.js';

type Outcome = 'bounce' | 'delivered-and-opened' | 'delivered' | 'failed';

export function emailOutcome(address: string): Outcome {
  const domain = address.split('@')[1]?.toLowerCase();
  if (domain === 'bounce.example') return 'bounce';
  if (domain === 'delivered.example') return 'delivered-and-opened';
  return 'delivered';
}

export function phoneOutcome(phone: string): Outcome {
  return phone.endsWith('0000') ? 'failed' : 'delivered';
}

export interface SandboxEventEmitterOptions {
  db: Database;
  keys: SandboxKeys;
  baseUrl: string;
  /** Delay before callbacks, like a provider's; also lets the send's own bookkeeping finish. */
  delayMs?: number;
  onError?: (error: unknown) => void;
}

export class SandboxEventEmitter implements DeliveryReporter {
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: SandboxEventEmitterOptions) {}

  emailSent(sandboxId: string, ref: MessageRef, to: string): void {
    const outcome = emailOutcome(to);
    const statuses =
      outcome === 'bounce'
        ? ['bounce']
        : outcome === 'delivered-and-opened'
          ? ['delivered', 'open']
          : ['delivered'];
    const timestamp = Math.floor(Date.now() / 1000);
    const events = statuses.map((event, i) => ({
      email: to,
      timestamp: timestamp + i,
      event,
      ...(event === 'bounce' ? { type: 'bounce', reason: '550 5.1.1 mailbox unavailable (sandbox)' } : {}),
      sg_event_id: `${sandboxId}-${event}`,
      sg_message_id: `${sandboxId}.filter0001`,
      tenant_id: ref.tenantId,
      invoice_id: ref.invoiceId,
      message_id: ref.messageId,
    }));
    this.schedule(
      sandboxId,
      outcome === 'bounce' ? 'bounced' : statuses.includes('open') ? 'opened' : 'delivered',
      () => this.postSendGrid(JSON.stringify(events)),
    );
  }

  smsSent(sandboxId: string, ref: MessageRef, to: string): void {
    const failed = phoneOutcome(to) === 'failed';
    const query = new URLSearchParams({
      id: sandboxId,
      reference: ref.messageId,
      recipient: to.replace(/^\+/, ''),
      status: failed ? 'delivery_failed' : 'delivered',
      statusDatetime: new Date().toISOString(),
    });
    this.schedule(sandboxId, failed ? 'failed' : 'delivered', () =>
      this.postMessageBird(`${this.options.baseUrl}/webhooks/messagebird?${query}`, 'GET', ''),
    );
  }

  whatsAppSent(sandboxId: string, ref: MessageRef, to: string): void {
    const failed = phoneOutcome(to) === 'failed';
    const body = JSON.stringify({
      type: 'message.updated',
      message: {
        id: sandboxId,
        status: failed ? 'failed' : 'delivered',
        updatedDatetime: new Date().toISOString(),
        reference: ref.messageId,
        platform: 'whatsapp',
      },
    });
    this.schedule(sandboxId, failed ? 'failed' : 'delivered', () =>
      this.postMessageBird(`${this.options.baseUrl}/webhooks/messagebird`, 'POST', body),
    );
  }

  /** Resolves when every callback scheduled so far has been answered or given up (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private schedule(sandboxId: string, status: string, post: () => Promise<Response>): void {
    const run = async () => {
      await new Promise((r) => setTimeout(r, this.options.delayMs ?? 300));
      // A webhook that could not be stored is answered non-2xx: retry like a provider would.
      for (let attempt = 0; attempt < 8 && !this.stopped; attempt++) {
        try {
          const response = await post();
          if (response.ok) {
            await this.options.db
              .update(sandboxMessages)
              .set({ deliveryStatus: status })
              .where(eq(sandboxMessages.id, sandboxId));
            return;
          }
        } catch (error) {
          this.options.onError?.(error);
        }
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    };
    const task = run().finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private postSendGrid(body: string): Promise<Response> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signSendGridPayload(this.options.keys.sendgridPrivateKey, timestamp, Buffer.from(body));
    return fetch(`${this.options.baseUrl}/webhooks/sendgrid`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SENDGRID_SIGNATURE_HEADER]: signature,
        [SENDGRID_TIMESTAMP_HEADER]: timestamp,
      },
      body,
    });
  }

  private postMessageBird(url: string, method: 'GET' | 'POST', body: string): Promise<Response> {
    const token = signMessageBirdJwt({
      signingKey: this.options.keys.messagebirdSigningKey,
      url,
      rawBody: Buffer.from(body),
      now: new Date(),
    });
    return fetch(url, {
      method,
      headers: {
        [MESSAGEBIRD_SIGNATURE_HEADER]: token,
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(method === 'POST' ? { body } : {}),
    });
  }
}
