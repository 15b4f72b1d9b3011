import type { Deployment } from '../core/deployment/deployment.ts'
import { evaluateGates } from '../core/gates/evaluate-gates.ts'
import { SYSTEM_ACTORS, type AppContext } from './context.ts'
import { gatherGateFacts } from './gate-facts.ts'
import { planRollback } from '../core/plan/plan-rollback.ts'
import { moveDeployment } from './record.ts'
import { settleGates } from './settle-gates.ts'

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
}

/**
 * Claims the oldest queued deployment of one service in one environment (FIFO), re-checking its
 * gates right before it runs, and takes the environment lock with a new fencing epoch — all in one
 * transaction. Null when nothing is runnable or the lock is taken.
 */
export const claimNext = (context: AppContext, request: ClaimRequest): Promise<ClaimResult> =>
  context.store.write(async (tx) => {
    const { service, environment } = request
    const [next] = await tx.listDeployments({ service, environment, statuses: ['queued'], order: 'oldest', limit: 1 })
    if (!next) return null
    const settled = await settleGates(tx, context, next, SYSTEM_ACTORS.engine)
    if (settled.deployment.status === 'cancelled') return { cancelled: settled.deployment }
    if (settled.evaluation.outcome !== 'queued' || settled.deployment.status !== 'queued') return null
    const epoch = await tx.acquireLease({ service, environment, deploymentId: next.id, owner: request.owner, ttlMs: request.leaseTtlMs })
    if (epoch === null) return null
    // what the targets run now per the ledger (a failed or interrupted release may be there)
    const history = await tx.listDeployments({ service, environment, statuses: ['succeeded', 'failed', 'interrupted'], order: 'newest', limit: 50 })
    const previousReleaseId = planRollback(history).currentReleaseId
    const deployment = await moveDeployment(tx, context.clock, next, {
      to: 'running',
      actor: SYSTEM_ACTORS.engine,
      reason: `running under lock epoch ${epoch}`,
      patch: { epoch, startedAt: context.clock.now().toISOString(), previousReleaseId },
      fenceEpoch: epoch,
    })
    return { claimed: { deployment, epoch } }
  })

/**
 * Whether the oldest queued deployment of a service in an environment waits on a time gate (soak,
 * deploy window): then no claim can run anything there until time passes, whoever holds the lock.
 */
export const queueWaitsOnTime = async (context: AppContext, service: string, environment: string): Promise<boolean> => {
  const [next] = await context.store.listDeployments({ service, environment, statuses: ['queued'], order: 'oldest', limit: 1 })
  return next !== undefined && evaluateGates(await gatherGateFacts(context.store, context, next)).outcome === 'pending'
}

/** Service × environment pairs that have queued deployments, oldest first. */
export const queuedTargets = async (context: AppContext): Promise<{ service: string; environment: string }[]> => {
  const queued = await context.store.listDeployments({ statuses: ['queued'], order: 'oldest', limit: 500 })
  const seen = new Map<string, { service: string; environment: string }>()
  for (const deployment of queued) seen.set(`${deployment.service}\u0000${deployment.environment}`, deployment)
  return [...seen.values()].map(({ service, environment }) => ({ service, environment }))
}

/** Re-evaluates waiting deployments whose gates may have opened (soak done, window open). */
export const sweepWaiting = async (context: AppContext): Promise<Deployment[]> => {
  const waiting = await context.store.listDeployments({ statuses: ['pending', 'awaiting_approval'], order: 'oldest', limit: 500 })
  const moved: Deployment[] = []
  for (const deployment of waiting) {
    const settled = await context.store.write(async (tx) => {
      const fresh = await tx.getDeployment(deployment.id)
      return fresh && fresh.status === deployment.status ? settleGates(tx, context, fresh, SYSTEM_ACTORS.engine) : null
    })
    if (settled && settled.deployment.status !== deployment.status) moved.push(settled.deployment)
  }
  return moved
}
