import messagebird, { type hsmLanguages, type MessageBird } from 'messagebird';
import { classifiedProviderError, httpStatusOf, messageOf } from '../classify-failure.js';
import type { SendResult, SmsMessage, SmsSender, WhatsAppMessage, WhatsAppSender } from '../types.js';

const PROVIDER = 'messagebird';

export interface MessageBirdSmsSenderOptions {
  accessKey: string;
  /** Where MessageBird GETs status reports (`id`, `reference`, `status`, …); must be reachable from MessageBird. */
  reportUrl: string;
  timeoutMs?: number;
}

export interface MessageBirdWhatsAppSenderOptions {
  accessKey: string;
  /** The WhatsApp channel id from the MessageBird dashboard; becomes `from`. */
  channelId: string;
  /** Where MessageBird POSTs status updates for each message. */
  reportUrl: string;
  timeoutMs?: number;
}

type Callback<T> = (error: Error | null, result: T | null) => void;

/**
 * SMS through MessageBird's REST API. MessageBird has no request idempotency; `reference` carries Settle's
 * message id so status reports can be matched without a lookup.
 */
export class MessageBirdSmsSender implements SmsSender {
  private readonly client: MessageBird;

  constructor(private readonly options: MessageBirdSmsSenderOptions) {
    this.client = messagebird.initClient(options.accessKey, options.timeoutMs);
  }

  async sendSms(message: SmsMessage): Promise<SendResult> {
    const sent = await call<{ id?: unknown }>((done) =>
      this.client.messages.create(
        {
          originator: message.originator,
          // MessageBird wants MSISDNs without the E.164 plus sign.
          recipients: [message.to.replace(/^\+/, '')],
          body: message.body,
          reference: message.ref.messageId,
          reportUrl: this.options.reportUrl,
        },
        done,
      ),
    );
    return { providerMessageId: requireId(sent.id) };
  }
}

/** Business-initiated WhatsApp messages through the Conversations API: only pre-approved (HSM) templates. */
export class MessageBirdWhatsAppSender implements WhatsAppSender {
  private readonly client: MessageBird;

  constructor(private readonly options: MessageBirdWhatsAppSenderOptions) {
    this.client = messagebird.initClient(options.accessKey, options.timeoutMs);
  }

  async sendWhatsApp(message: WhatsAppMessage): Promise<SendResult> {
    const { template } = message;
    const sent = await call<{ id?: unknown; message?: { id?: unknown } }>((done) =>
      this.client.conversations.send(
        {
          to: message.to,
          from: this.options.channelId,
          type: 'hsm',
          content: {
            hsm: {
              namespace: template.namespace,
              templateName: template.name,
              language: { policy: 'deterministic', code: template.language as hsmLanguages },
              params: template.params.map((value) => ({ default: value })),
            },
          },
          reportUrl: this.options.reportUrl,
        },
        done as Callback<unknown>,
      ),
    );
    // The API answers `{ id, status }`; the SDK's typings claim `{ message: { id, status } }`. Accept both.
    return { providerMessageId: requireId(sent.id ?? sent.message?.id) };
  }
}

/** Promisifies one SDK call and classifies its failure; the SDK only sets `statusCode` for API-level errors. */
function call<T>(invoke: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke((error, result) => {
      if (error) {
        reject(classifiedProviderError(PROVIDER, httpStatusOf(error, 'statusCode'), messageOf(error)));
      } else if (result === null || typeof result !== 'object') {
        reject(classifiedProviderError(PROVIDER, undefined, 'empty response'));
      } else {
        resolve(result);
      }
    });
  });
}

function requireId(id: unknown): string {
  // Accepted without an id cannot be tracked; retrying may duplicate, but silently losing the message is worse.
  if (typeof id !== 'string' || id === '')
    throw classifiedProviderError(PROVIDER, undefined, 'response without a message id');
  return id;
}
