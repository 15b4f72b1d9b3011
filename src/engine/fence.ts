import { WakaError } from '../core/errors.ts'
import type { LeaseRef, StoreWriter } from '../core/store.ts'

/**
 * Inside a write transaction: throws STALE_EPOCH unless the lease still names this deployment under
 * this epoch, and keeps it so until the transaction ends (on PostgreSQL a share lock on the lease
 * row: a takeover waits for this record, or this record sees the takeover). Step records go through
 * it, so an engine that lost its lock (paused past the lease, then resumed) cannot add to the record
 * of a deployment someone else has since reconciled.
 */
export const assertLeaseHeld = async (tx: StoreWriter, lease: LeaseRef): Promise<void> => {
  if (!(await tx.holdsLease(lease)))
    throw new WakaError(
      'STALE_EPOCH',
      `deployment #${lease.deploymentId}: lease epoch ${lease.epoch} no longer holds the lock of ${lease.service} in ${lease.environment}`,
    )
}
