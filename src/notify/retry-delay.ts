import type { RetryPolicy } from '../core/notify/notification-policy.ts'

/**
 * The wait after failed attempt number `attempt` (1 = the first): exponential, capped, with
 * jitter over its upper half so receivers that came back are not hit by every sender at once.
 */
export const retryDelayMs = (policy: RetryPolicy, attempt: number, random: () => number): number => {
  const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 30))
  return Math.round(cap / 2 + (random() * cap) / 2)
}

/** 408, 425 and 429 say "later"; other 4xx say the request itself is wrong, and repeating it will not help. */
export const isRetryable = (status: number): boolean => status >= 500 || status === 408 || status === 425 || status === 429
