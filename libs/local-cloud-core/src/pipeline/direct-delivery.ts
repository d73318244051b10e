import type { Delivery, MessageOrigin } from './delivery';

/** What the direct action does with one message (validate, write, put aside, count). */
export type DirectAction = (message: Record<string, unknown>, receivedAt: number, origin?: MessageOrigin) => Promise<void>;

/**
 * The rule's direct Timestream action: each message is written as it comes, the writes in flight
 * tracked; `deliver` resolves once the message is written or put aside, so the broker acknowledges
 * it only then. An action that fails outside its own error handling is handed to `onFailure`, which
 * puts it aside (it never becomes an unhandled rejection).
 */
export function createDirectDelivery(action: DirectAction, onFailure: (error: unknown, message: Record<string, unknown>, receivedAt: number, origin?: MessageOrigin) => Promise<void>): Delivery {
  const inFlight = new Set<Promise<void>>();
  return {
    deliver(message, _partitionKey, receivedAt, origin) {
      const write = action(message, receivedAt, origin)
        .catch((error: unknown) => onFailure(error, message, receivedAt, origin))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
      return write;
    },
    pending: () => inFlight.size,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 && Date.now() < deadline) await Promise.race([...inFlight, new Promise((r) => setTimeout(r, 50))]).catch(() => undefined);
      return inFlight.size === 0;
    },
    async close() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
