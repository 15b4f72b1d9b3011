/**
 * The ledger port: what app/ and engine/ need from storage. storage/ implements it with Kysely on
 * SQLite (and PostgreSQL). Times are ISO 8601 strings set from the injected {@link Clock}, except
 * lease expiry, which the store computes from its own clock so every process reads one clock.
 */
import type { AuditEvent, AuditFields } from './audit/audit-chain.ts'
import type { AuthStore } from './auth-store.ts'
import type { Deployment, DeploymentKind } from './deployment/deployment.ts'
import type { DeploymentStatus } from './deployment/deployment-machine.ts'
import type { Approval } from './gates/approval-gate.ts'
import type { Outbox, OutboxWriter } from './notify/outbox.ts'
import type { DeploymentOutcome } from './metrics/deployment-outcome.ts'
import type { Release, ReleaseRef } from './release/release.ts'

export interface Clock {
  now(): Date
}

export type NewRelease = Omit<Release, 'id'>
export type NewApproval = Omit<Approval, 'id'>

export interface NewDeployment {
  readonly service: string
  readonly environment: string
  readonly kind: DeploymentKind
  readonly releaseId: number
  readonly requestedBy: string
  readonly reason: string | null
  readonly fromEnvironment: string | null
  readonly rollbackOf: number | null
  readonly automatic: boolean
  readonly policyHash: string
  readonly createdAt: string
}

export interface DeploymentPatch {
  readonly statusReason?: string | null
  readonly epoch?: number
  readonly previousReleaseId?: number | null
  readonly startedAt?: string
  readonly finishedAt?: string
  readonly updatedAt: string
}

export interface Transition {
  readonly id: number
  readonly from: readonly DeploymentStatus[]
  readonly to: DeploymentStatus
  readonly patch: DeploymentPatch
  /** When given, the update applies only while this epoch still holds the environment's lease. */
  readonly fenceEpoch?: number
}

export interface DeploymentFilter {
  readonly service?: string
  readonly environment?: string
  readonly statuses?: readonly DeploymentStatus[]
  readonly releaseId?: number
  readonly kinds?: readonly DeploymentKind[]
  /** Only deployments with a smaller id (paging backwards). */
  readonly beforeId?: number
  /** Only deployments with a larger id. */
  readonly afterId?: number
  readonly order?: 'newest' | 'oldest'
  readonly limit?: number
}

/** Which finished deployments the DORA metrics read. */
export interface OutcomeFilter {
  /** ISO 8601 UTC: deployments that finished at or after it. */
  readonly finishedSince: string
  readonly environments: readonly string[]
  readonly service?: string
}

export interface Lease {
  readonly service: string
  readonly environment: string
  /** Rises on every acquisition; a target refuses a step carrying a lower one. */
  readonly epoch: number
  readonly deploymentId: number | null
  /** Which process holds the lease: `host:pid`. */
  readonly owner: string | null
  /** By the store's clock, ms since epoch. */
  readonly expiresAtMs: number | null
  readonly hold: { readonly by: string; readonly reason: string; readonly at: string } | null
}

export interface AcquireLease {
  readonly service: string
  readonly environment: string
  readonly deploymentId: number
  readonly owner: string
  readonly ttlMs: number
  /** Take the lease from this owner even before it expires (the caller proved the owner is dead). */
  readonly takeoverFrom?: string
}

export interface LeaseRef {
  readonly service: string
  readonly environment: string
  readonly deploymentId: number
  readonly epoch: number
}

export interface Freeze {
  readonly environment: string
  readonly by: string
  readonly reason: string
  readonly createdAt: string
  readonly expiresAt: string | null
}

export interface Quarantine {
  readonly service: string
  readonly releaseId: number
  readonly by: string
  readonly reason: string
  readonly createdAt: string
}

export interface AutoDeployPause {
  readonly service: string
  readonly environment: string
  readonly by: string
  readonly reason: string
  readonly createdAt: string
}

export const STEP_NAMES = ['prepare', 'activate', 'health', 'cleanup', 'reconcile'] as const
export type StepName = (typeof STEP_NAMES)[number]
export type StepStatus = 'started' | 'succeeded' | 'failed'

export interface DeploymentStep {
  readonly id: number
  readonly deploymentId: number
  readonly name: StepName
  readonly status: StepStatus
  readonly epoch: number
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly detail: string | null
}

export const LOG_LEVELS = ['info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface NewLogLine {
  readonly at: string
  readonly level: LogLevel
  /** `engine`, `driver`, `health`, or a target name. */
  readonly source: string
  readonly message: string
}

export interface LogLine extends NewLogLine {
  readonly deploymentId: number
  readonly seq: number
}

export interface StoreReader {
  getRelease(id: number): Promise<Release | null>
  findRelease(service: string, ref: ReleaseRef): Promise<Release[]>
  listReleases(service: string, limit: number): Promise<Release[]>

  getDeployment(id: number): Promise<Deployment | null>
  listDeployments(filter: DeploymentFilter): Promise<Deployment[]>
  countDeploymentsByStatus(): Promise<Record<DeploymentStatus, number>>
  /**
   * Deployments that started and finished succeeded, failed or interrupted since the given time,
   * with their release's commit time and quarantine: one indexed range read for the DORA metrics.
   */
  listDeploymentOutcomes(filter: OutcomeFilter): Promise<DeploymentOutcome[]>

  listApprovals(deploymentId: number): Promise<Approval[]>

  getLease(service: string, environment: string): Promise<Lease | null>
  listLeases(): Promise<Lease[]>
  /** The store's own clock, the one lease expiry is measured by: ms since the Unix epoch. */
  nowMs(): Promise<number>

  getFreeze(environment: string): Promise<Freeze | null>
  listFreezes(): Promise<Freeze[]>
  getQuarantine(service: string, releaseId: number): Promise<Quarantine | null>
  listQuarantines(service?: string): Promise<Quarantine[]>
  getAutoDeployPause(service: string, environment: string): Promise<AutoDeployPause | null>
  listAutoDeployPauses(): Promise<AutoDeployPause[]>

  listSteps(deploymentId: number): Promise<DeploymentStep[]>
  listLogs(deploymentId: number, afterSeq?: number, limit?: number): Promise<LogLine[]>

  listAudit(afterSeq: number, limit: number): Promise<AuditEvent[]>
}

export interface StoreWriter extends StoreReader {
  /** Refuses (CONFLICT) a second release of the same service with the same version or digest. */
  insertRelease(release: NewRelease): Promise<Release>
  insertDeployment(deployment: NewDeployment): Promise<Deployment>
  /** Conditional update; null when the deployment was not in one of `from` (or the fence failed). */
  transitionDeployment(transition: Transition): Promise<Deployment | null>
  /** Refreshes the status reason of a deployment still in `status` (e.g. approvals 1/2 → 2/3). */
  noteDeployment(note: { id: number; status: DeploymentStatus; reason: string; updatedAt: string }): Promise<Deployment | null>
  insertApproval(approval: NewApproval): Promise<Approval>

  /**
   * Reserves the lease row of a service × environment for the rest of this transaction, so that
   * transactions working on the same lock run one after the other. With `skipLocked`, returns false
   * at once when another transaction has it (someone else is claiming there right now: skip it)
   * instead of waiting. Acquiring still goes through {@link acquireLease}. A store that runs one
   * write transaction at a time has nothing to reserve and returns true.
   */
  lockLease(service: string, environment: string, options: { readonly skipLocked: boolean }): Promise<boolean>
  /**
   * Whether the lease still names this deployment under this epoch; when it does, no other
   * transaction can take the lease over until this one ends (the fence for step records).
   */
  holdsLease(lease: LeaseRef): Promise<boolean>
  /** The new epoch, or null when another deployment or a hold has the lock. */
  acquireLease(request: AcquireLease): Promise<number | null>
  renewLease(lease: LeaseRef, ttlMs: number): Promise<boolean>
  releaseLease(lease: LeaseRef): Promise<boolean>
  placeHold(service: string, environment: string, hold: { by: string; reason: string; at: string }): Promise<boolean>
  clearHold(service: string, environment: string): Promise<boolean>

  putFreeze(freeze: Freeze): Promise<void>
  deleteFreeze(environment: string): Promise<boolean>
  insertQuarantine(quarantine: Quarantine): Promise<void>
  deleteQuarantine(service: string, releaseId: number): Promise<boolean>
  pauseAutoDeploy(pause: AutoDeployPause): Promise<void>
  resumeAutoDeploy(service: string, environment: string): Promise<boolean>

  startStep(step: { deploymentId: number; name: StepName; epoch: number; at: string }): Promise<number>
  finishStep(stepId: number, outcome: { status: 'succeeded' | 'failed'; at: string; detail: string | null }): Promise<void>
  appendLogs(deploymentId: number, lines: readonly NewLogLine[]): Promise<void>

  /** Appends one event to the hash chain now (after any recorded ones), and returns it as stored. */
  appendAudit(event: AuditFields): Promise<AuditEvent>
  /**
   * Appends one event to the hash chain when the transaction commits, after everything else it
   * wrote, in the order recorded. The chain's head is then locked only for the moment of the
   * append instead of from here to the commit: writers sharing a store wait for each other less.
   */
  recordAudit(event: AuditFields): void

  /** Tokens, sessions and sign-in state, inside this transaction. */
  readonly auth: AuthStore
  /** Moving audit events into the notification outbox, inside this transaction. */
  readonly outbox: OutboxWriter
}

export interface Store extends StoreReader {
  /** Runs `work` in one write transaction; all of it lands or none does. */
  write<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>
  /**
   * A number every committed write raises, whichever process (or replica) wrote: while it stays the
   * same, nothing in the ledger changed, so a read computed under it is still current. The number
   * is read no earlier than `notBefore` (a performance.now() time, default now): callers asking
   * at once may share one read, but never one begun before they asked.
   */
  ledgerVersion(notBefore?: number): Promise<number>
  /** Tokens, sessions and sign-in state; each method is atomic on its own. */
  readonly auth: AuthStore
  /** Notification deliveries; each method is atomic on its own. */
  readonly outbox: Outbox
  close(): Promise<void>
}
