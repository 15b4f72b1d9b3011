import { WakaError } from '../core/errors.ts'
import type { LeaseRef, Store } from '../core/store.ts'

/**
 * Renews a deployment's lease while it runs. If a renewal is refused (another process took the
 * lock with a higher epoch after ours expired), the signal aborts so no further step runs.
 */
export const keepLease = (store: Store, lease: LeaseRef, ttlMs: number): { signal: AbortSignal; stop: () => void } => {
  const controller = new AbortController()
  const renew = async () => {
    try {
      if (!(await store.write((tx) => tx.renewLease(lease, ttlMs))))
        controller.abort(new WakaError('STALE_EPOCH', `lost the lock of ${lease.service} in ${lease.environment} (epoch ${lease.epoch})`))
    } catch (error) {
      // a busy or unreachable store is retried on the next beat: the lease still has time left, and
      // once it has not, a renewal after the store is back fails if someone else took the lock
      if (!(error instanceof WakaError && (error.code === 'STORE_BUSY' || error.code === 'UNAVAILABLE'))) controller.abort(error)
    }
  }
  const timer = setInterval(() => void renew(), Math.max(50, Math.floor(ttlMs / 3)))
  return { signal: controller.signal, stop: () => clearInterval(timer) }
}
