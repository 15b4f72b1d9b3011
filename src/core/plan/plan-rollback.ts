import type { DeploymentKind } from '../deployment/deployment.ts'
import type { DeploymentStatus } from '../deployment/deployment-machine.ts'

/** A finished deployment, as rollback planning sees it. */
export interface RollbackHistoryEntry {
  readonly id: number
  readonly kind: DeploymentKind
  readonly status: DeploymentStatus
  readonly releaseId: number
}

export interface RollbackPlan {
  /** The release the targets run now, as far as the ledger knows. */
  readonly currentReleaseId: number | null
  /** Whether the deployment that put it there succeeded (false after a failure or a crash). */
  readonly currentVerified: boolean
  /** The release a rollback returns to, or null when there is none. */
  readonly targetReleaseId: number | null
}

/** Statuses after which the targets may run the deployment's release. */
const TOUCHED_TARGETS: readonly DeploymentStatus[] = ['succeeded', 'failed', 'interrupted']

/**
 * Plans a rollback from an environment's history, newest first. The current release is the one
 * the newest deployment that touched the targets put there. The target is the newest release that
 * succeeded in the environment, other than the current one and other than any release that a
 * successful rollback already moved away from (so a second rollback goes further back, as
 * Capistrano's does, instead of undoing the first). When the newest deployment was a rollback that
 * failed or was interrupted, the target is its own release: running it again is the retry.
 */
export const planRollback = (historyNewestFirst: readonly RollbackHistoryEntry[]): RollbackPlan => {
  const touched = historyNewestFirst.filter((entry) => TOUCHED_TARGETS.includes(entry.status))
  const current = touched[0]
  if (!current) return { currentReleaseId: null, currentVerified: false, targetReleaseId: null }
  const currentVerified = current.status === 'succeeded'
  if (current.kind === 'rollback' && !currentVerified)
    return { currentReleaseId: current.releaseId, currentVerified, targetReleaseId: current.releaseId }
  const excluded = new Set<number>([current.releaseId])
  for (const [index, entry] of touched.entries()) {
    if (entry.kind === 'rollback' && entry.status === 'succeeded') {
      const rolledBackFrom = touched[index + 1]
      if (rolledBackFrom) excluded.add(rolledBackFrom.releaseId)
    }
    if (entry.status === 'succeeded' && !excluded.has(entry.releaseId))
      return { currentReleaseId: current.releaseId, currentVerified, targetReleaseId: entry.releaseId }
  }
  return { currentReleaseId: current.releaseId, currentVerified, targetReleaseId: null }
}

/** Whether `releaseId` ever succeeded in the environment: only such releases are rollback targets. */
export const succeededIn = (historyNewestFirst: readonly RollbackHistoryEntry[], releaseId: number): boolean =>
  historyNewestFirst.some((entry) => entry.releaseId === releaseId && entry.status === 'succeeded')
