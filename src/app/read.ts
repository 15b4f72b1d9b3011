import type { Deployment } from '../core/deployment/deployment.ts'
import type { DeploymentStatus } from '../core/deployment/deployment-machine.ts'
import { isAllowed } from '../core/access/access-policy.ts'
import type { Approval } from '../core/gates/approval-gate.ts'
import type { Release } from '../core/release/release.ts'
import type { DeploymentStep, LogLine, Quarantine } from '../core/store.ts'
import { authorize, authorizeAnyRead } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireDeployment, requireRelease, requireService } from './lookup.ts'

export interface HistoryQuery {
  readonly actor: string
  readonly service: string | null
  readonly environment: string | null
  readonly statuses: readonly DeploymentStatus[] | null
  readonly limit: number
  readonly beforeId: number | null
}

/** Deployments, newest first, in the environments the actor may read. */
export const history = async (context: AppContext, query: HistoryQuery): Promise<Deployment[]> => {
  if (query.service !== null) requireService(context.policy, query.service)
  if (query.environment !== null) authorize(context.policy, query.actor, 'read', query.environment)
  const readable = (environment: string) => isAllowed(context.policy.access, query.actor, 'read', environment)
  const rows = await context.store.listDeployments({
    ...(query.service === null ? {} : { service: query.service }),
    ...(query.environment === null ? {} : { environment: query.environment }),
    ...(query.statuses === null ? {} : { statuses: query.statuses }),
    ...(query.beforeId === null ? {} : { beforeId: query.beforeId }),
    order: 'newest',
    limit: query.limit,
  })
  return rows.filter((row) => readable(row.environment) && context.policy.services[row.service] !== undefined)
}

export interface DeploymentDetail {
  readonly deployment: Deployment
  readonly release: Release
  readonly approvals: readonly Approval[]
  readonly steps: readonly DeploymentStep[]
  readonly rollbacks: readonly Deployment[]
}

/** One deployment with its release, approvals, steps and the rollbacks it caused. */
export const deploymentDetail = async (context: AppContext, input: { actor: string; deploymentId: number }): Promise<DeploymentDetail> => {
  const deployment = await requireDeployment(context.store, input.deploymentId)
  requireService(context.policy, deployment.service)
  authorize(context.policy, input.actor, 'read', deployment.environment)
  const rollbacks = await context.store.listDeployments({
    service: deployment.service,
    environment: deployment.environment,
    kinds: ['rollback'],
    afterId: deployment.id,
    order: 'oldest',
    limit: 20,
  })
  return {
    deployment,
    release: await requireRelease(context.store, deployment.releaseId),
    approvals: await context.store.listApprovals(deployment.id),
    steps: await context.store.listSteps(deployment.id),
    rollbacks: rollbacks.filter((rollback) => rollback.rollbackOf === deployment.id),
  }
}

/** A page of a deployment's log. */
export const deploymentLogs = async (
  context: AppContext,
  input: { actor: string; deploymentId: number; afterSeq: number; limit: number },
): Promise<LogLine[]> => {
  const deployment = await requireDeployment(context.store, input.deploymentId)
  requireService(context.policy, deployment.service)
  authorize(context.policy, input.actor, 'read', deployment.environment)
  return context.store.listLogs(deployment.id, input.afterSeq, input.limit)
}

export interface ReleaseRow extends Release {
  readonly quarantine: Quarantine | null
}

/** A service's releases, newest first, with their quarantine if any. */
export const listReleases = async (context: AppContext, input: { actor: string; service: string; limit: number }): Promise<ReleaseRow[]> => {
  requireService(context.policy, input.service)
  authorizeAnyRead(context.policy, input.actor)
  const quarantines = await context.store.listQuarantines(input.service)
  const releases = await context.store.listReleases(input.service, input.limit)
  return releases.map((release) => ({ ...release, quarantine: quarantines.find((q) => q.releaseId === release.id) ?? null }))
}
