import { isWakaError, type WakaError } from '../core/errors.ts'
import { abortableSleep } from '../health/sleep.ts'

/** How long the engine keeps retrying a write it needs while the store cannot be reached. */
export const OUTAGE_BUDGET_MS = 120_000

export interface OutageWatch {
  /** The first try failed because the store is unreachable. */
  readonly onOutage?: (error: WakaError) => void
  /** A later try got through, `downMs` after the first failure. */
  readonly onRecovered?: (downMs: number) => void
  /** Stops retrying (the lease was lost: nothing this process writes would land). */
  readonly signal?: AbortSignal
  readonly budgetMs?: number
}

export const isStoreUnavailable = (error: unknown): error is WakaError => isWakaError(error) && error.code === 'UNAVAILABLE'

/**
 * Runs `attempt` again while the store is UNAVAILABLE (PostgreSQL restarting, failing over), with
 * backoff, for at most the budget. A failed try may still have committed — the connection can break
 * after COMMIT was sent — so later tries get `retried` and check what landed before writing again.
 */
export const throughOutage = async <T>(attempt: (retried: boolean) => Promise<T>, watch: OutageWatch = {}): Promise<T> => {
  const budgetMs = watch.budgetMs ?? OUTAGE_BUDGET_MS
  let since: number | null = null
  for (let tries = 0; ; tries++) {
    try {
      const result = await attempt(since !== null)
      if (since !== null) watch.onRecovered?.(Date.now() - since)
      return result
    } catch (error) {
      if (!isStoreUnavailable(error) || watch.signal?.aborted) throw error
      if (since === null) {
        since = Date.now()
        watch.onOutage?.(error)
      }
      if (Date.now() - since >= budgetMs) throw error
      await abortableSleep(Math.min(2_000, 100 * 2 ** Math.min(tries, 5)), watch.signal)
    }
  }
}
