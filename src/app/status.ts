import { isAllowed } from '../core/access/access-policy.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { ACTIVE_STATUSES, WAITING_STATUSES } from '../core/deployment/deployment-machine.ts'
import { WakaError } from '../core/errors.ts'
import { tallyApprovals, type ApprovalTally } from '../core/gates/approval-gate.ts'
import type { Release } from '../core/release/release.ts'
import type { AutoDeployPause, Freeze, Lease } from '../core/store.ts'
import type { AppContext } from './context.ts'
import { activeFreeze } from './active-freeze.ts'
import { liveDeployment } from './history.ts'
import { requireRelease, requireService } from './lookup.ts'
import { approvalPolicyHash } from './policy-hash.ts'

export interface TargetStatus {
  readonly service: string
  readonly environment: string
  /** The verified release live there, per the ledger. */
  readonly live: { readonly release: Release; readonly since: string; readonly deploymentId: number } | null
  /** The newest deployment, whatever its status. */
  readonly latest: Deployment | null
  readonly active: Deployment | null
  /** Deployments not started yet, oldest first. */
  readonly waiting: readonly Deployment[]
  readonly lease: Lease | null
  readonly freeze: Freeze | null
  readonly autoDeployPause: AutoDeployPause | null
}

export interface PendingApproval {
  readonly deployment: Deployment
  readonly tally: ApprovalTally
}

export interface StatusReport {
  readonly services: readonly string[]
  readonly environments: readonly string[]
  readonly targets: readonly TargetStatus[]
  readonly pendingApprovals: readonly PendingApproval[]
}

const targetStatus = async (context: AppContext, service: string, environment: string): Promise<TargetStatus> => {
  const { store } = context
  const liveDeploy = await liveDeployment(store, service, environment)
  const live = liveDeploy && {
    release: await requireRelease(store, liveDeploy.releaseId),
    since: liveDeploy.finishedAt ?? liveDeploy.updatedAt,
    deploymentId: liveDeploy.id,
  }
  const [latest] = await store.listDeployments({ service, environment, order: 'newest', limit: 1 })
  const [active] = await store.listDeployments({ service, environment, statuses: ACTIVE_STATUSES, limit: 1 })
  return {
    service,
    environment,
    live,
    latest: latest ?? null,
    active: active ?? null,
    waiting: await store.listDeployments({ service, environment, statuses: WAITING_STATUSES, order: 'oldest' }),
    lease: await store.getLease(service, environment),
    freeze: await activeFreeze(store, environment, context.clock.now()),
    autoDeployPause: await store.getAutoDeployPause(service, environment),
  }
}

const pendingApproval = async (context: AppContext, deployment: Deployment): Promise<PendingApproval | null> => {
  const environment = context.policy.environments[deployment.environment]
  const policy = environment?.gates.approvals
  if (!environment || !policy) return null
  const subject = {
    deploymentId: deployment.id,
    environment: environment.name,
    releaseDigest: deployment.releaseDigest,
    requester: deployment.requestedBy,
    policyHash: approvalPolicyHash(context.hash, environment),
  }
  const rules = { policy, access: context.policy.access, subject, now: context.clock.now().getTime() }
  return { deployment, tally: tallyApprovals(rules, await context.store.listApprovals(deployment.id)) }
}

/** The service × environment matrix the actor may read, with pending approvals. */
export const status = async (context: AppContext, input: { actor: string; service: string | null }): Promise<StatusReport> => {
  const services = input.service === null ? Object.keys(context.policy.services) : [requireService(context.policy, input.service).name]
  const environments = Object.keys(context.policy.environments).filter((environment) =>
    isAllowed(context.policy.access, input.actor, 'read', environment),
  )
  if (environments.length === 0)
    throw new WakaError('FORBIDDEN', `${input.actor} may not read any environment`, { hint: 'grant viewer under access.roles in waka.yml' })
  const targets: TargetStatus[] = []
  const pendingApprovals: PendingApproval[] = []
  for (const service of services)
    for (const environment of environments) {
      if (!context.policy.services[service]?.targets[environment]) continue
      const row = await targetStatus(context, service, environment)
      targets.push(row)
      for (const waiting of row.waiting) {
        if (waiting.status !== 'awaiting_approval' && waiting.status !== 'pending') continue
        const pending = await pendingApproval(context, waiting)
        if (pending) pendingApprovals.push(pending)
      }
    }
  return { services, environments, targets, pendingApprovals }
}
