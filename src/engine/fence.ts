import { WakaError } from '../core/errors.ts'
import type { LeaseRef, StoreReader } from '../core/store.ts'

/**
 * Inside a write transaction: throws STALE_EPOCH unless the lease still names this deployment under
 * this epoch. Step records go through it, so an engine that lost its lock (paused past the lease,
 * then resumed) cannot add to the record of a deployment someone else has since reconciled.
 */
export const assertLeaseHeld = async (tx: StoreReader, lease: LeaseRef): Promise<void> => {
  const current = await tx.getLease(lease.service, lease.environment)
  if (current?.deploymentId !== lease.deploymentId || current.epoch !== lease.epoch)
    throw new WakaError(
      'STALE_EPOCH',
      `deployment #${lease.deploymentId}: lease epoch ${lease.epoch} no longer holds the lock of ${lease.service} in ${lease.environment}`,
    )
}
