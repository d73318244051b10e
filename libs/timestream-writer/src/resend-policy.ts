import { WriterOptionsError } from './errors';

/**
 * The writer's own re-sends of the readings that failed for a transient reason, on top of the SDK's
 * retries of each call (its `maxAttempts` and `retryMode` stay as the client is configured). The
 * wait before re-send n (0-based) is `min(maxDelayMs, baseDelayMs × 2^n)`.
 */
export interface ResendPolicy {
  /** Re-sends after the first pass; 0 (the default) hands transient failures straight back. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** No re-sends: what the ingest Lambda uses, since its event source redelivers what failed. */
export const DEFAULT_RESEND_POLICY: ResendPolicy = { attempts: 0, baseDelayMs: 200, maxDelayMs: 5_000 };

/** The policy with the defaults filled in; throws WriterOptionsError for values it cannot use. */
export function resendPolicy(given: Partial<ResendPolicy> = {}): ResendPolicy {
  const policy = { ...DEFAULT_RESEND_POLICY, ...given };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 0) throw new WriterOptionsError(`resend.attempts must be a whole number ≥ 0, got ${policy.attempts}`);
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) throw new WriterOptionsError(`resend.${key} must be a number ≥ 0, got ${policy[key]}`);
  }
  return policy;
}

/** How long to wait before re-send `resend` (0-based): exponential, capped. */
export function resendDelayMs(policy: ResendPolicy, resend: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** resend);
}
