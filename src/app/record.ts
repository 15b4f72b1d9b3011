import type { AuditFields } from '../core/audit/audit-chain.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { isTerminal, type DeploymentStatus } from '../core/deployment/deployment-machine.ts'
import { WakaError } from '../core/errors.ts'
import type { Clock, DeploymentPatch, StoreWriter } from '../core/store.ts'

type AuditInput = Pick<AuditFields, 'actor' | 'action'> & Partial<Omit<AuditFields, 'at' | 'actor' | 'action'>>

/**
 * Records an audit event stamped with the clock (absent fields as null); it is appended to the
 * chain when the transaction commits, with everything else the transaction wrote.
 */
export const audit = (tx: StoreWriter, clock: Clock, input: AuditInput): Promise<void> => {
  tx.recordAudit({
    at: clock.now().toISOString(),
    service: null,
    environment: null,
    deploymentId: null,
    releaseDigest: null,
    epoch: null,
    reason: null,
    data: null,
    ...input,
  })
  return Promise.resolve()
}

export interface Move {
  readonly to: DeploymentStatus
  readonly actor: string
  readonly reason: string
  readonly patch?: Omit<DeploymentPatch, 'updatedAt' | 'statusReason'>
  /** Apply only while this epoch holds the lease; a lost lease throws STALE_EPOCH. */
  readonly fenceEpoch?: number
}

/**
 * Moves a deployment along the state machine with a conditional update, and records the audit
 * event in the same transaction. Throws when someone else moved it first.
 */
export const moveDeployment = async (
  tx: StoreWriter,
  clock: Clock,
  deployment: Deployment,
  move: Move,
): Promise<Deployment> => {
  const now = clock.now().toISOString()
  const finished = isTerminal(move.to) ? { finishedAt: now } : {}
  const updated = await tx.transitionDeployment({
    id: deployment.id,
    from: [deployment.status],
    to: move.to,
    patch: { ...move.patch, ...finished, statusReason: move.reason, updatedAt: now },
    ...(move.fenceEpoch === undefined ? {} : { fenceEpoch: move.fenceEpoch }),
  })
  if (!updated) {
    if (move.fenceEpoch !== undefined)
      throw new WakaError('STALE_EPOCH', `deployment #${deployment.id}: lease epoch ${move.fenceEpoch} no longer holds the lock`)
    throw new WakaError('INVALID_TRANSITION', `deployment #${deployment.id} is no longer ${deployment.status}; cannot move it to ${move.to}`, {
      details: { from: deployment.status, to: move.to },
    })
  }
  await audit(tx, clock, {
    actor: move.actor,
    action: `deployment.${move.to}`,
    service: deployment.service,
    environment: deployment.environment,
    deploymentId: deployment.id,
    releaseDigest: deployment.releaseDigest,
    epoch: move.fenceEpoch ?? updated.epoch,
    reason: move.reason,
    data: { from: deployment.status, kind: deployment.kind },
  })
  return updated
}
