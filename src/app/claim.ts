import type { Deployment } from '../core/deployment/deployment.ts'
import { isTerminal } from '../core/deployment/deployment-machine.ts'
import { isWakaError } from '../core/errors.ts'
import type { Lease, StoreWriter } from '../core/store.ts'
import { evaluateGates } from '../core/gates/evaluate-gates.ts'
import { SYSTEM_ACTORS, type AppContext } from './context.ts'
import { gatherGateFacts } from './gate-facts.ts'
import { planRollback } from '../core/plan/plan-rollback.ts'
import { moveDeployment } from './record.ts'
import { probeForGates } from './rollback-readiness.ts'
import { runsOnServer, settleGates } from './settle-gates.ts'

export interface Claimed {
  readonly deployment: Deployment
  readonly epoch: number
}

/** What a claim attempt did: ran nothing, claimed one, or cancelled one whose gates no longer hold. */
export type ClaimResult = { readonly claimed: Claimed } | { readonly cancelled: Deployment } | null

export interface ClaimRequest {
  readonly service: string
  readonly environment: string
  /** `host:pid` of the claiming process. */
  readonly owner: string
  readonly leaseTtlMs: number
  /**
   * A runner claims this very deployment (`executor: runner`), and only while it heads its queue.
   * Without it, the engine claims the oldest queued deployment of an environment the server runs.
   */
  readonly deploymentId?: number
  /** Who the audit log names for the move to running: the runner's identity; the engine by default. */
  readonly actor?: string
}


/**
 * Whether a deployment holds the lock: it finishes first or, if its engine died, the reconciler
 * records it first (taking an expired lease from a deployment nobody recorded would strand it).
 * An expired lease of a finished deployment is free to take.
 */
const lockedByAnother = async (tx: StoreWriter, service: string, environment: string): Promise<boolean> => {
  const lease = await tx.getLease(service, environment)
  if (lease?.deploymentId == null) return false
  if (lease.expiresAtMs === null || lease.expiresAtMs >= (await tx.nowMs())) return true
  const holder = await tx.getDeployment(lease.deploymentId)
  return holder !== null && !isTerminal(holder.status)
}

/**
 * Claims the oldest queued deployment of one service in one environment (FIFO), re-checking its
 * gates right before it runs, and takes the environment lock with a new fencing epoch — all in one
 * transaction. Null when nothing is runnable or the lock is taken. Where several engines share the
 * store, the lease row is locked first (`FOR UPDATE SKIP LOCKED`): an engine that finds another one
 * claiming or recording in this environment moves on instead of waiting for it.
 */
export const claimNext = async (context: AppContext, request: ClaimRequest): Promise<ClaimResult> => {
  // right before it runs, the targets are asked whether the rollback's release is still there
  const [head] = await context.store.listDeployments({ service: request.service, environment: request.environment, statuses: ['queued'], order: 'oldest', limit: 1 })
  if (!head) return null
  const probe = await probeForGates(context, head)
  return context.store.write(async (tx) => {
    const { service, environment } = request
    // the engine never runs what a runner must run, and a runner never what the server runs
    if ((request.deploymentId === undefined) !== runsOnServer(context, environment)) return null
    if (!(await tx.lockLease(service, environment, { skipLocked: true }))) return null
    if (await lockedByAnother(tx, service, environment)) return null
    const [next] = await tx.listDeployments({ service, environment, statuses: ['queued'], order: 'oldest', limit: 1 })
    if (!next) return null
    if (request.deploymentId !== undefined && next.id !== request.deploymentId) return null
    const settled = await settleGates(tx, context, next, { actor: SYSTEM_ACTORS.engine, probe })
    if (settled.deployment.status === 'cancelled') return { cancelled: settled.deployment }
    if (settled.evaluation.outcome !== 'queued' || settled.deployment.status !== 'queued') return null
    const epoch = await tx.acquireLease({ service, environment, deploymentId: next.id, owner: request.owner, ttlMs: request.leaseTtlMs })
    if (epoch === null) return null
    // what the targets run now per the ledger (a failed or interrupted release may be there)
    const history = await tx.listDeployments({ service, environment, statuses: ['succeeded', 'failed', 'interrupted'], order: 'newest', limit: 50 })
    const previousReleaseId = planRollback(history).currentReleaseId
    const deployment = await moveDeployment(tx, context.clock, next, {
      to: 'running',
      actor: request.actor ?? SYSTEM_ACTORS.engine,
      reason: `running under lock epoch ${epoch}`,
      patch: { epoch, startedAt: context.clock.now().toISOString(), previousReleaseId },
      fenceEpoch: epoch,
    })
    return { claimed: { deployment, epoch } }
  })
}

/**
 * Whether the oldest queued deployment of a service in an environment waits on a time gate (soak,
 * deploy window): then no claim can run anything there until time passes, whoever holds the lock.
 */
export const queueWaitsOnTime = async (context: AppContext, service: string, environment: string): Promise<boolean> => {
  const [next] = await context.store.listDeployments({ service, environment, statuses: ['queued'], order: 'oldest', limit: 1 })
  return next !== undefined && evaluateGates(await gatherGateFacts(context.store, context, next)).outcome === 'pending'
}

/**
 * Service × environment pairs that have queued deployments and no unexpired lease, oldest first:
 * where a deployment holds the lock (in this engine or another one) nothing can be claimed yet.
 * Environments with `executor: runner` are left to the runners.
 */
export const queuedTargets = async (context: AppContext): Promise<{ service: string; environment: string }[]> => {
  const queued = await context.store.listDeployments({ statuses: ['queued'], order: 'oldest', limit: 500 })
  if (queued.length === 0) return []
  const key = (target: { service: string; environment: string }) => `${target.service}\u0000${target.environment}`
  const now = await context.store.nowMs()
  const held = (lease: Lease) => lease.deploymentId !== null && lease.expiresAtMs !== null && lease.expiresAtMs >= now
  const busy = new Set((await context.store.listLeases()).filter(held).map(key))
  const seen = new Map<string, { service: string; environment: string }>()
  for (const deployment of queued)
    if (!busy.has(key(deployment)) && runsOnServer(context, deployment.environment)) seen.set(key(deployment), deployment)
  return [...seen.values()].map(({ service, environment }) => ({ service, environment }))
}

/** Another writer moved the deployment between this transaction's read and its conditional update. */
const movedMeanwhile = (error: unknown): null => {
  if (isWakaError(error) && error.code === 'INVALID_TRANSITION') return null
  throw error
}

/**
 * Re-evaluates waiting deployments whose gates may have opened (soak done, window open). Several
 * engines may sweep at once; a deployment another one (or an approver) moved first is left alone.
 */
export const sweepWaiting = async (context: AppContext): Promise<Deployment[]> => {
  const waiting = await context.store.listDeployments({ statuses: ['pending', 'awaiting_approval'], order: 'oldest', limit: 500 })
  const moved: Deployment[] = []
  for (const deployment of waiting) {
    const settled = await context.store
      .write(async (tx) => {
        const fresh = await tx.getDeployment(deployment.id)
        return fresh && fresh.status === deployment.status ? settleGates(tx, context, fresh, { actor: SYSTEM_ACTORS.engine }) : null
      })
      .catch(movedMeanwhile)
    if (settled && settled.deployment.status !== deployment.status) moved.push(settled.deployment)
  }
  return moved
}
