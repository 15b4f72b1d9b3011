import type { Deployment } from '../core/deployment/deployment.ts'
import type { DeploymentStatus } from '../core/deployment/deployment-machine.ts'
import type { UpstreamFact } from '../core/gates/upstream-gate.ts'
import type { StoreReader } from '../core/store.ts'

/** How far back the ledger is read to compute soak time. */
const HISTORY_WINDOW = 200

/** The verified release live in an environment: its newest succeeded deployment. */
export const liveDeployment = async (store: StoreReader, service: string, environment: string): Promise<Deployment | null> => {
  const [latest] = await store.listDeployments({ service, environment, statuses: ['succeeded'], order: 'newest', limit: 1 })
  return latest ?? null
}

/** Statuses of deployments that replace what a target runs (from the moment they start). */
const REPLACING: readonly DeploymentStatus[] = ['running', 'verifying', 'succeeded', 'failed', 'interrupted']

/** How long a release stayed live in the upstream environment, from the ledger. */
export const upstreamFact = async (
  store: StoreReader,
  query: { service: string; environment: string; releaseId: number; now: number },
): Promise<UpstreamFact> => {
  const { service, environment, releaseId, now } = query
  const [firstSuccess] = await store.listDeployments({ service, environment, releaseId, statuses: ['succeeded'], order: 'oldest', limit: 1 })
  if (!firstSuccess) return { environment, succeeded: false, liveSince: null, longestLiveMs: 0 }
  const later = await store.listDeployments({
    service,
    environment,
    statuses: REPLACING,
    afterId: firstSuccess.id - 1,
    order: 'oldest',
    limit: HISTORY_WINDOW,
  })
  let liveSince: number | null = null
  let longestLiveMs = 0
  for (const deployment of later) {
    if (liveSince !== null && deployment.startedAt !== null) {
      longestLiveMs = Math.max(longestLiveMs, Date.parse(deployment.startedAt) - liveSince)
      liveSince = null
    }
    if (deployment.releaseId === releaseId && deployment.status === 'succeeded' && deployment.finishedAt !== null)
      liveSince = Date.parse(deployment.finishedAt)
  }
  if (liveSince !== null) longestLiveMs = Math.max(longestLiveMs, now - liveSince)
  return { environment, succeeded: true, liveSince, longestLiveMs }
}
