import type { Deployment, DeploymentKind } from '../core/deployment/deployment.ts'
import { WAITING_STATUSES } from '../core/deployment/deployment-machine.ts'
import type { Release } from '../core/release/release.ts'
import type { TargetProbe } from '../core/plan/rollback-readiness.ts'
import type { StoreWriter } from '../core/store.ts'
import type { AppContext } from './context.ts'
import { requireEnvironment } from './lookup.ts'
import { approvalPolicyHash } from './policy-hash.ts'
import { audit, moveDeployment } from './record.ts'
import { settleGates, type Settled } from './settle-gates.ts'

export interface DeploymentRequest {
  readonly actor: string
  readonly service: string
  readonly environment: string
  readonly kind: DeploymentKind
  readonly release: Release
  readonly reason: string | null
  readonly automatic: boolean
  readonly rollbackOf: number | null
  readonly fromEnvironment: string | null
  /** What the targets said about the release a rollback would return to (asked before the transaction). */
  readonly probe?: TargetProbe | null
}

export interface Requested extends Settled {
  readonly superseded: readonly Deployment[]
}

/**
 * With `queue: latest`, or when a rollback is requested, deployments still waiting in the same
 * service and environment are superseded — visibly, with the id of the one that replaced them.
 * Rollbacks are never superseded by anything but another rollback.
 */
const supersedeWaiting = async (tx: StoreWriter, context: AppContext, replacement: Deployment): Promise<Deployment[]> => {
  const environment = requireEnvironment(context.policy, replacement.environment)
  if (environment.queue !== 'latest' && replacement.kind !== 'rollback') return []
  const waiting = await tx.listDeployments({
    service: replacement.service,
    environment: replacement.environment,
    statuses: WAITING_STATUSES,
    order: 'oldest',
  })
  const superseded: Deployment[] = []
  for (const older of waiting) {
    if (older.id === replacement.id) continue
    if (older.kind === 'rollback' && replacement.kind !== 'rollback') continue
    const reason = `superseded by #${replacement.id} (${replacement.kind} of ${replacement.releaseVersion})`
    superseded.push(await moveDeployment(tx, context.clock, older, { to: 'superseded', actor: replacement.requestedBy, reason }))
  }
  return superseded
}

/**
 * Records a new deployment, supersedes what it replaces, and evaluates its gates — one transaction.
 * Requests for one service × environment take turns on its lease row, so on a store with several
 * writers the second of two simultaneous requests still sees (and with `queue: latest` supersedes)
 * the first, as it would on a single-writer store.
 */
export const requestDeployment = async (
  tx: StoreWriter,
  context: AppContext,
  request: DeploymentRequest,
): Promise<Requested> => {
  const environment = requireEnvironment(context.policy, request.environment)
  await tx.lockLease(request.service, request.environment, { skipLocked: false })
  const created = await tx.insertDeployment({
    service: request.service,
    environment: request.environment,
    kind: request.kind,
    releaseId: request.release.id,
    requestedBy: request.actor,
    reason: request.reason,
    fromEnvironment: request.fromEnvironment,
    rollbackOf: request.rollbackOf,
    automatic: request.automatic,
    policyHash: approvalPolicyHash(context.hash, environment),
    createdAt: context.clock.now().toISOString(),
  })
  await audit(tx, context.clock, {
    actor: request.actor,
    action: 'deployment.requested',
    service: created.service,
    environment: created.environment,
    deploymentId: created.id,
    releaseDigest: created.releaseDigest,
    reason: request.reason,
    data: { kind: created.kind, version: created.releaseVersion, automatic: created.automatic, rollbackOf: created.rollbackOf },
  })
  const superseded = await supersedeWaiting(tx, context, created)
  const settled = await settleGates(tx, context, created, { actor: request.actor, probe: request.probe ?? null })
  return { ...settled, superseded }
}
