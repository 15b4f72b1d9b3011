import { isAllowed } from '../core/access/access-policy.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { ACTIVE_STATUSES, WAITING_STATUSES } from '../core/deployment/deployment-machine.ts'
import { WakaError } from '../core/errors.ts'
import { tallyApprovals, type ApprovalTally } from '../core/gates/approval-gate.ts'
import { isFreezeActive } from '../core/gates/freeze-gate.ts'
import type { Release } from '../core/release/release.ts'
import type { AutoDeployPause, Freeze, Lease } from '../core/store.ts'
import type { AppContext } from './context.ts'
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

type TargetKey = string
const keyOf = (service: string, environment: string): TargetKey => `${service}\u0000${environment}`

/** What every target's row needs from the whole ledger: read once per report, not once per target. */
interface Shared {
  readonly leases: ReadonlyMap<TargetKey, Lease>
  readonly freezes: ReadonlyMap<string, Freeze>
  readonly pauses: ReadonlyMap<TargetKey, AutoDeployPause>
  readonly waiting: ReadonlyMap<TargetKey, Deployment[]>
  readonly active: ReadonlyMap<TargetKey, Deployment>
  readonly releases: Map<number, Release>
}

const readShared = async (context: AppContext): Promise<Shared> => {
  const { store } = context
  const now = context.clock.now().getTime()
  const [leases, freezes, pauses, waiting, active] = await Promise.all([
    store.listLeases(),
    store.listFreezes(),
    store.listAutoDeployPauses(),
    store.listDeployments({ statuses: WAITING_STATUSES, order: 'oldest' }),
    store.listDeployments({ statuses: ACTIVE_STATUSES, order: 'newest' }),
  ])
  const waitingByTarget = new Map<TargetKey, Deployment[]>()
  for (const deployment of waiting) {
    const key = keyOf(deployment.service, deployment.environment)
    waitingByTarget.set(key, [...(waitingByTarget.get(key) ?? []), deployment])
  }
  const activeByTarget = new Map<TargetKey, Deployment>()
  for (const deployment of active) if (!activeByTarget.has(keyOf(deployment.service, deployment.environment))) activeByTarget.set(keyOf(deployment.service, deployment.environment), deployment)
  const inForce = freezes.filter((freeze) => isFreezeActive({ by: freeze.by, reason: freeze.reason, expiresAt: freeze.expiresAt === null ? null : Date.parse(freeze.expiresAt) }, now))
  return {
    leases: new Map(leases.map((lease) => [keyOf(lease.service, lease.environment), lease])),
    freezes: new Map(inForce.map((freeze) => [freeze.environment, freeze])),
    pauses: new Map(pauses.map((pause) => [keyOf(pause.service, pause.environment), pause])),
    waiting: waitingByTarget,
    active: activeByTarget,
    releases: new Map(),
  }
}

const releaseOf = async (context: AppContext, shared: Shared, id: number): Promise<Release> => {
  const cached = shared.releases.get(id)
  if (cached) return cached
  const release = await requireRelease(context.store, id)
  shared.releases.set(id, release)
  return release
}

/** One target's row: its own reads are one or two index lookups (the newest deployment, the newest success). */
const targetStatus = async (context: AppContext, shared: Shared, service: string, environment: string): Promise<TargetStatus> => {
  const key = keyOf(service, environment)
  const [latest] = await context.store.listDeployments({ service, environment, order: 'newest', limit: 1 })
  // usually the newest deployment is the one that succeeded last: then it is also what is live
  const liveDeploy = latest?.status === 'succeeded' ? latest : await liveDeployment(context.store, service, environment)
  const live = liveDeploy && {
    release: await releaseOf(context, shared, liveDeploy.releaseId),
    since: liveDeploy.finishedAt ?? liveDeploy.updatedAt,
    deploymentId: liveDeploy.id,
  }
  return {
    service,
    environment,
    live,
    latest: latest ?? null,
    active: shared.active.get(key) ?? null,
    waiting: shared.waiting.get(key) ?? [],
    lease: shared.leases.get(key) ?? null,
    freeze: shared.freezes.get(environment) ?? null,
    autoDeployPause: shared.pauses.get(key) ?? null,
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
  const shared = await readShared(context)
  for (const service of services)
    for (const environment of environments) {
      if (!context.policy.services[service]?.targets[environment]) continue
      const row = await targetStatus(context, shared, service, environment)
      targets.push(row)
      for (const waiting of row.waiting) {
        if (waiting.status !== 'awaiting_approval' && waiting.status !== 'pending') continue
        const pending = await pendingApproval(context, waiting)
        if (pending) pendingApprovals.push(pending)
      }
    }
  return { services, environments, targets, pendingApprovals }
}
