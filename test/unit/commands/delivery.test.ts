import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../workflows/commands/command.js';
import { contactUpdated, delivery } from '../../../workflows/commands/delivery.js';
import type { Channel, TemplateId } from '../../../workflows/domain.js';
import { commandContext, NOW } from './context.js';

const at = NOW.toISOString();

function sent(
  ctx: CommandContext,
  messageId: string,
  stepKey: string,
  channel: Channel,
  template: TemplateId,
) {
  ctx.state.messages.push({
    messageId,
    stepKey,
    channel,
    template,
    status: 'sent',
    history: [{ status: 'sent', at }],
  });
}

describe('delivery', () => {
  it('keeps a report that came before its send was recorded', () => {
    const ctx = commandContext();
    expect(delivery.apply(ctx, { messageId: 'm1', status: 'delivered', at })).toEqual([]);
    expect(ctx.state.earlyDeliveries).toEqual([{ messageId: 'm1', status: 'delivered', at }]);
  });

  it('a bounce marks the channel failed and queues one resend of the step; repeats change nothing', () => {
    const ctx = commandContext();
    sent(ctx, 'm1', 'reminder-1', 'email', 'reminder-1');
    expect(delivery.apply(ctx, { messageId: 'm1', status: 'bounced', at })).toEqual([
      { kind: 'delivery-failed', detail: 'email:bounced' },
    ]);
    expect(ctx.state).toMatchObject({ failedChannels: ['email'], pendingFallbacks: ['reminder-1'] });
    expect(ctx.state.messages[0]!.status).toBe('bounced');
    expect(delivery.apply(ctx, { messageId: 'm1', status: 'bounced', at })).toEqual([]);
    expect(delivery.apply(ctx, { messageId: 'm1', status: 'failed', at })).toEqual([]);
    expect(ctx.state.pendingFallbacks).toEqual(['reminder-1']);
  });

  it('the request for new contact details gets no resend of its own', () => {
    const ctx = commandContext();
    sent(ctx, 'm1', 'reminder-1:contact-update', 'sms', 'contact-update-request');
    delivery.apply(ctx, { messageId: 'm1', status: 'failed', at });
    expect(ctx.state).toMatchObject({ failedChannels: ['sms'], pendingFallbacks: [] });
  });

  it('an open makes the channel the one the debtor engages with; status only moves forward', () => {
    const ctx = commandContext();
    sent(ctx, 'm1', 'reminder-1', 'whatsapp', 'reminder-1');
    expect(delivery.apply(ctx, { messageId: 'm1', status: 'opened', at })).toEqual([]);
    delivery.apply(ctx, { messageId: 'm1', status: 'delivered', at });
    expect(ctx.state.engagedChannel).toBe('whatsapp');
    expect(ctx.state.messages[0]!.status).toBe('opened');
  });
});

describe('contactUpdated', () => {
  it('new reachability gives failed channels a new chance; null clears a preference', () => {
    const ctx = commandContext();
    ctx.state.failedChannels = ['email'];
    ctx.state.debtor.preferredChannel = 'sms';
    const reachability = { email: true, sms: false, whatsapp: false, letter: true, app: false };
    expect(contactUpdated.apply(ctx, { reachability, preferredChannel: null, language: 'en' })).toEqual([
      { kind: 'contact-updated' },
    ]);
    expect(ctx.state.failedChannels).toEqual([]);
    expect(ctx.state.debtor).toMatchObject({ reachability, language: 'en' });
    expect(ctx.state.debtor.preferredChannel).toBeUndefined();
  });
});
