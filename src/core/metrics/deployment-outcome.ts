import type { DeploymentKind } from '../deployment/deployment.ts'

/** The statuses of deployments that changed (or may have changed) what a target runs. */
export const OUTCOME_STATUSES = ['succeeded', 'failed', 'interrupted'] as const
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number]

/**
 * What the DORA metrics need of one finished deployment: the ledger's facts, read in one query
 * over the window. Times are ISO 8601 in UTC.
 */
export interface DeploymentOutcome {
  readonly id: number
  readonly service: string
  readonly environment: string
  readonly kind: DeploymentKind
  readonly status: OutcomeStatus
  readonly releaseId: number
  /** Automatic rollbacks: the failed deployment that caused it. */
  readonly rollbackOf: number | null
  readonly startedAt: string
  readonly finishedAt: string
  /** The release's commit time, when it was recorded. */
  readonly committedAt: string | null
  /** When the release was quarantined, if it is now. */
  readonly quarantinedAt: string | null
  /** The same release already succeeded in this environment before the window (its lead time was counted then). */
  readonly succeededBefore: boolean
}

/** A deploy or a promotion brings a change; a rollback returns to one that was already there. */
export const isChange = (outcome: Pick<DeploymentOutcome, 'kind'>): boolean => outcome.kind !== 'rollback'
