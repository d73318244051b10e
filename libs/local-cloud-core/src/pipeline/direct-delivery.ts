import type { Delivery } from './delivery';

/** What the direct action does with one message (validate, write, count). */
export type DirectAction = (message: Record<string, unknown>, receivedAt: number) => Promise<void>;

/**
 * The rule's direct Timestream action: each message is written as it comes, the writes in flight
 * tracked. An action that fails outside its own error handling is reported to `onFailure` (it
 * never becomes an unhandled rejection).
 */
export function createDirectDelivery(action: DirectAction, onFailure: (error: unknown, message: Record<string, unknown>) => void): Delivery {
  const inFlight = new Set<Promise<void>>();
  return {
    deliver(message, _partitionKey, receivedAt) {
      const write = action(message, receivedAt)
        .catch((error: unknown) => onFailure(error, message))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    },
    pending: () => inFlight.size,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 && Date.now() < deadline) await Promise.race([...inFlight, new Promise((r) => setTimeout(r, 50))]);
      return inFlight.size === 0;
    },
    async close() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
