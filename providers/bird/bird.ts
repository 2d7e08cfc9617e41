// SMS and WhatsApp through Bird's Channels API (api.bird.com), where new Bird accounts live.
// Request shape: docs.bird.com/api/channels-api/api-reference/messaging (CreateChannelMessage, which
// rejects unknown fields) and .../message-types/template.

import { classifiedProviderError, messageOf } from '../classify-failure.js';
import { isRecord, stringField, withoutContactData } from '../delivery-event-support.js';
import { PermanentProviderError } from '../errors.js';
import type {
  MessageRef,
  SendResult,
  SmsMessage,
  SmsSender,
  WhatsAppMessage,
  WhatsAppSender,
} from '../types.js';

const PROVIDER = 'bird';
const DEFAULT_API_ENDPOINT = 'https://api.bird.com';
const DEFAULT_TIMEOUT_MS = 15_000;

export interface BirdChannelOptions {
  accessKey: string;
  workspaceId: string;
  /** The SMS or WhatsApp channel installed in the workspace; its number or sender id is the originator. */
  channelId: string;
  apiEndpoint?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type BirdSmsSenderOptions = BirdChannelOptions;

export interface BirdWhatsAppSenderOptions extends BirdChannelOptions {
  /**
   * Bird Studio project id per Settle template name (WHATSAPP_TEMPLATE_NAMES): in Bird every approved
   * template is its own project, so one id cannot serve Settle's several templates.
   */
  templateProjectIds: Readonly<Record<string, string>>;
  /** A template version id; Bird's `latest` (the newest approved version) when omitted. */
  templateVersion?: string;
}

/**
 * SMS through a Bird SMS channel. The channel decides the sender, so `message.originator` has no
 * counterpart here.
 */
export class BirdSmsSender implements SmsSender {
  constructor(private readonly options: BirdSmsSenderOptions) {}

  async sendSms(message: SmsMessage): Promise<SendResult> {
    return sendChannelMessage(this.options, message.ref, message.to, {
      body: { type: 'text', text: { text: message.body } },
    });
  }
}

/** Business-initiated WhatsApp messages: only templates approved by Meta, sent by their Studio project. */
export class BirdWhatsAppSender implements WhatsAppSender {
  constructor(private readonly options: BirdWhatsAppSenderOptions) {}

  async sendWhatsApp(message: WhatsAppMessage): Promise<SendResult> {
    const { template } = message;
    const projectId = this.options.templateProjectIds[template.name];
    if (!projectId) {
      throw new PermanentProviderError(PROVIDER, `no Bird template project configured for ${template.name}`);
    }
    return sendChannelMessage(this.options, message.ref, message.to, {
      template: {
        projectId,
        version: this.options.templateVersion ?? 'latest',
        locale: template.language,
        // Settle's params fill the numbered placeholders {{1}}, {{2}}, … in order, so the Studio
        // template names its variables 1, 2, …
        parameters: template.params.map((value, index) => ({
          type: 'string',
          key: String(index + 1),
          value,
        })),
      },
    });
  }
}

type MessageContent =
  | { body: { type: 'text'; text: { text: string } } }
  | {
      template: {
        projectId: string;
        version: string;
        locale: string;
        parameters: { type: 'string'; key: string; value: string }[];
      };
    };

/**
 * One POST per message. The Channels API documents no request idempotency (as with MessageBird): a retry
 * after a lost 202 can send twice, and `reference` lets such a duplicate be traced to Settle's message.
 */
async function sendChannelMessage(
  options: BirdChannelOptions,
  ref: MessageRef,
  to: string,
  content: MessageContent,
): Promise<SendResult> {
  const endpoint = (options.apiEndpoint ?? DEFAULT_API_ENDPOINT).replace(/\/+$/, '');
  const url = `${endpoint}/workspaces/${encodeURIComponent(options.workspaceId)}/channels/${encodeURIComponent(options.channelId)}/messages`;
  // Looked up per call rather than captured at construction, so interception installed later still applies.
  const post = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await post(url, {
      method: 'POST',
      headers: {
        Authorization: `AccessKey ${options.accessKey}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({
        receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: to }] },
        ...content,
        reference: ref.messageId,
        // For tracing on Bird's side: tenant and invoice ids only, never personal data.
        meta: { extraInformation: { tenantId: ref.tenantId, invoiceId: ref.invoiceId } },
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    // Network failure or timeout: nothing says the message was refused, so let Temporal retry.
    throw classifiedProviderError(PROVIDER, undefined, messageOf(error));
  }
  const json: unknown = await response.json().catch(() => undefined);
  const payload = isRecord(json) ? json : {};
  if (!response.ok) {
    throw classifiedProviderError(PROVIDER, response.status, errorDetail(payload) ?? response.statusText);
  }
  const id = stringField(payload, 'id');
  // Accepted without an id cannot be tracked; retrying may duplicate, but silently losing the message is worse.
  if (id === undefined) throw classifiedProviderError(PROVIDER, undefined, 'response without a message id');
  return { providerMessageId: id };
}

/**
 * Bird's error body is `{ code, message, details }`; `details` is left out because it can quote the request
 * (the receiver's number among it), and the message is stripped of contact data for the same reason.
 */
function errorDetail(payload: Record<string, unknown>): string | undefined {
  const parts = [stringField(payload, 'code'), stringField(payload, 'message')].filter(Boolean);
  return withoutContactData(parts.join(': '));
}
