// The sandbox's stand-in for the banks behind a SEPA direct debit: collections stay pending for a
// while, then settle as their mandate was set up at the sandbox checkout, and Settle's Mollie
// webhook hears of each one, like Mollie announces a direct debit's outcome days later.
import type { SandboxPaymentProvider } from './sandbox-psp.js';

export interface SandboxBank {
  stop(): void;
}

export function startSandboxBank(
  psp: SandboxPaymentProvider,
  options: { settleAfterMs: number; intervalMs?: number; onError: (error: unknown) => void },
): SandboxBank {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // a slow round finishes before the next begins
    running = true;
    try {
      for (const payment of await psp.settleDueCollections(options.settleAfterMs)) {
        if (!(await psp.announce(payment)))
          options.onError(new Error(`webhook for ${payment.id} not delivered`));
      }
    } catch (error) {
      options.onError(error);
    } finally {
      running = false;
    }
  }, options.intervalMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
