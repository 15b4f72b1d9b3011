import type { Deployment } from '../core/deployment/deployment.ts'
import type { GateFacts } from '../core/gates/evaluate-gates.ts'
import type { TargetProbe } from '../core/plan/rollback-readiness.ts'
import type { StoreReader } from '../core/store.ts'
import type { AppContext } from './context.ts'
import { upstreamFact } from './history.ts'
import { requireEnvironment, requireRelease } from './lookup.ts'
import { approvalPolicyHash } from './policy-hash.ts'
import { judgeReadiness } from './rollback-readiness.ts'

/**
 * Reads everything the gates need about one deployment, as of the context's clock. `probe` is
 * what the targets said about the rollback's release, asked before the transaction; without it
 * the rollbackReady gate judges the ledger's part alone.
 */
export const gatherGateFacts = async (
  store: StoreReader,
  context: AppContext,
  deployment: Deployment,
  probe: TargetProbe | null = null,
): Promise<GateFacts> => {
  const environment = requireEnvironment(context.policy, deployment.environment)
  const now = context.clock.now().getTime()
  const release = await requireRelease(store, deployment.releaseId)
  const approvals = await store.listApprovals(deployment.id)
  const quarantine = await store.getQuarantine(deployment.service, deployment.releaseId)
  const freeze = await store.getFreeze(deployment.environment)
  const upstream =
    environment.promoteFrom === null
      ? null
      : await upstreamFact(store, {
          service: deployment.service,
          environment: environment.promoteFrom,
          releaseId: deployment.releaseId,
          now,
        })
  return {
    now,
    kind: deployment.kind,
    environment,
    access: context.policy.access,
    release: { version: release.version, branch: release.source.branch },
    approvalSubject: {
      deploymentId: deployment.id,
      environment: deployment.environment,
      releaseDigest: deployment.releaseDigest,
      requester: deployment.requestedBy,
      policyHash: approvalPolicyHash(context.hash, environment),
    },
    approvals,
    quarantine,
    freeze: freeze && { by: freeze.by, reason: freeze.reason, expiresAt: freeze.expiresAt === null ? null : Date.parse(freeze.expiresAt) },
    upstream,
    rollbackReadiness:
      deployment.kind === 'rollback' || !environment.gates.rollbackReady
        ? null
        : await judgeReadiness(store, { service: deployment.service, environment: deployment.environment }, 'after', probe),
  }
}
