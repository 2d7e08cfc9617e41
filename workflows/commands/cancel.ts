// The creditor withdraws the claim: the workflow closes without another message.
import type { CancelInput } from '../dunning-types.js';
import type { Command } from './command.js';
import { refuseWhenClosed } from './refusal.js';

export const cancel: Command<CancelInput> = {
  validate: ({ state }) => refuseWhenClosed(state),
  apply({ state }, { reason }) {
    state.status = 'cancelled';
    state.cancelReason = reason;
    return [{ kind: 'cancelled', detail: reason }];
  },
};
