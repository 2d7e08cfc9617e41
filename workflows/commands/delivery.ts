// What providers and the creditor report about reaching the debtor: delivery of a message, and new
// contact details. A failed delivery queues a resend on the next channel (see execute.ts).
import { reviewCosts } from '../cost-review.js';
import { FAILED_DELIVERY, laterDeliveryStatus, type TemplateId } from '../domain.js';
import { isClosed, latestMessageFor } from '../dunning-logic.js';
import type { ContactInput, DeliveryInput } from '../dunning-types.js';
import type { Report, TimelineEvent } from './command.js';

/** The message that asks for correct contact details gets no fallback chain of its own. */
export const CONTACT_UPDATE_TEMPLATE: TemplateId = 'contact-update-request';

export const delivery: Report<DeliveryInput> = {
  apply(ctx, { messageId, status, at }) {
    const { state } = ctx;
    const message = state.messages.find((m) => m.messageId === messageId);
    if (!message) {
      // A provider can report before the send's own result reached the workflow: keep it for then.
      if (state.earlyDeliveries.length < 50) state.earlyDeliveries.push({ messageId, status, at });
      return [];
    }
    if (message.history.some((h) => h.status === status)) return []; // a duplicate report
    message.history.push({ status, at });
    const events: TimelineEvent[] = [];
    if (FAILED_DELIVERY.has(status)) {
      const alreadyFailed = FAILED_DELIVERY.has(message.status);
      message.status = laterDeliveryStatus(message.status, status);
      if (alreadyFailed) return []; // a second failure report changes nothing
      if (!state.failedChannels.includes(message.channel)) state.failedChannels.push(message.channel);
      const isLatest = latestMessageFor(state, message.stepKey)?.messageId === messageId;
      const isRequest = message.template !== CONTACT_UPDATE_TEMPLATE;
      if (isLatest && isRequest && !isClosed(state) && !state.pendingFallbacks.includes(message.stepKey)) {
        state.pendingFallbacks.push(message.stepKey);
      }
      events.push({ kind: 'delivery-failed', detail: `${message.channel}:${status}` });
    } else {
      message.status = laterDeliveryStatus(message.status, status);
      if (status === 'opened' || status === 'clicked') state.engagedChannel = message.channel;
    }
    return [...events, ...reviewCosts(ctx, message)];
  },
};

export const contactUpdated: Report<ContactInput> = {
  apply({ state }, contact) {
    const debtor = state.debtor;
    if (contact.language) debtor.language = contact.language;
    if (contact.reachability) {
      debtor.reachability = contact.reachability;
      state.failedChannels = []; // new contact data deserves a new chance
    }
    if (contact.preferredChannel !== undefined)
      debtor.preferredChannel = contact.preferredChannel ?? undefined;
    if (contact.payday !== undefined) debtor.payday = contact.payday ?? undefined;
    return [{ kind: 'contact-updated' }];
  },
};
