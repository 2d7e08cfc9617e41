import { describe, expect, it } from 'vitest';
import { cancel } from '../../../workflows/commands/cancel.js';
import { commandContext, expectRefusal } from './context.js';

describe('cancel', () => {
  it('closes the invoice with its reason', () => {
    const ctx = commandContext();
    expect(() => cancel.validate(ctx, { reason: 'credit note' })).not.toThrow();
    expect(cancel.apply(ctx, { reason: 'credit note' })).toEqual([
      { kind: 'cancelled', detail: 'credit note' },
    ]);
    expect(ctx.state).toMatchObject({ status: 'cancelled', cancelReason: 'credit note' });
  });

  it('refuses what is closed already', () => {
    const ctx = commandContext();
    ctx.state.status = 'handed_over';
    expectRefusal(() => cancel.validate(ctx, { reason: 'x' }), 'notAllowed', 'the invoice is handed_over');
  });
});
