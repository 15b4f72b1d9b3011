import { claimNext } from '../app/claim.ts'
import type { AppContext } from '../app/context.ts'
import { liveDeployment } from '../app/history.ts'
import { requireRelease } from '../app/lookup.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { WakaError } from '../core/errors.ts'
import type { Release } from '../core/release/release.ts'
import { executableDeployment, type ExecutionCall, type ExecutionDeps } from './execution-access.ts'

/** What a runner gets when it claims a deployment: everything the step sequence needs from the ledger. */
export interface ExecutionClaim {
  readonly deployment: Deployment
  /** The fencing epoch of the lock: every later call carries it. */
  readonly epoch: number
  readonly leaseTtlMs: number
  readonly leaseExpiresAt: string
  readonly release: Release
  /** What the targets run now, per the ledger. */
  readonly previousRelease: Release | null
  /** The last verified release (a rollback target, never cleaned up). */
  readonly lastVerifiedRelease: Release | null
}

/** Why a claim took nothing, in words a workflow log can show. */
const refusal = async (context: AppContext, id: number): Promise<WakaError> => {
  const deployment = await context.store.getDeployment(id)
  if (!deployment) return new WakaError('NOT_FOUND', `no deployment #${id}`)
  const why = deployment.statusReason ? `: ${deployment.statusReason}` : ''
  if (deployment.status === 'pending' || deployment.status === 'awaiting_approval')
    return new WakaError('GATE_BLOCKED', `deployment #${id} is ${deployment.status}${why}`, { details: { deploymentId: id, status: deployment.status } })
  if (deployment.status !== 'queued')
    return new WakaError('CONFLICT', `deployment #${id} is ${deployment.status}; only a queued deployment can be claimed`, { details: { deploymentId: id, status: deployment.status } })
  const lease = await context.store.getLease(deployment.service, deployment.environment)
  if (lease?.hold) return new WakaError('CONFLICT', `${deployment.service} in ${deployment.environment} is held by ${lease.hold.by}: ${lease.hold.reason}`)
  if (lease?.deploymentId != null && lease.deploymentId !== id)
    return new WakaError('CONFLICT', `the lock of ${deployment.service} in ${deployment.environment} is held by deployment #${lease.deploymentId}`, {
      details: { deploymentId: id, lockedBy: lease.deploymentId },
    })
  const [head] = await context.store.listDeployments({ service: deployment.service, environment: deployment.environment, statuses: ['queued'], order: 'oldest', limit: 1 })
  if (head && head.id !== id) return new WakaError('CONFLICT', `deployment #${id} waits behind #${head.id} (the queue runs in order)`, { details: { deploymentId: id, before: head.id } })
  return new WakaError('GATE_BLOCKED', `deployment #${id} cannot run yet${why}`, { details: { deploymentId: id } })
}

/**
 * A runner claims a queued deployment of an `executor: runner` environment: exactly the engine's
 * claim (FIFO, gates re-checked right before it runs, the lock taken with a new fencing epoch, in
 * one transaction), for this deployment only. Refused with GATE_BLOCKED while it waits on a gate,
 * CONFLICT while another deployment holds the lock or runs first.
 */
export const claimExecution = async (deps: ExecutionDeps, call: ExecutionCall): Promise<ExecutionClaim> => {
  const { context } = call
  const { store } = context
  const wanted = await executableDeployment(call)
  const result = await claimNext(context, {
    service: wanted.service,
    environment: wanted.environment,
    owner: `runner:${call.actor}`,
    leaseTtlMs: deps.leaseTtlMs,
    deploymentId: wanted.id,
    actor: call.actor,
  })
  if (result && 'cancelled' in result) {
    deps.observer({ type: 'transition', deployment: result.cancelled })
    throw new WakaError('CANCELLED', `deployment #${wanted.id} was cancelled right before running: ${result.cancelled.statusReason ?? ''}`)
  }
  if (!result) throw await refusal(context, wanted.id)
  const { deployment, epoch } = result.claimed
  deps.observer({ type: 'transition', deployment })
  const at = context.clock.now().toISOString()
  await store.write((tx) => tx.appendLogs(deployment.id, [{ at, level: 'info', source: 'engine', message: `claimed by the runner ${call.actor} (executor: runner)` }]))
  const lease = await store.getLease(deployment.service, deployment.environment)
  const verified = await liveDeployment(store, deployment.service, deployment.environment)
  return {
    deployment,
    epoch,
    leaseTtlMs: deps.leaseTtlMs,
    leaseExpiresAt: new Date(lease?.expiresAtMs ?? Date.now() + deps.leaseTtlMs).toISOString(),
    release: await requireRelease(store, deployment.releaseId),
    previousRelease: deployment.previousReleaseId === null ? null : await requireRelease(store, deployment.previousReleaseId),
    lastVerifiedRelease: verified === null ? null : await requireRelease(store, verified.releaseId),
  }
}
