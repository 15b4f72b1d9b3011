import type { Deployment } from '../core/deployment/deployment.ts'
import type { DeploymentLog } from './deployment-log.ts'
import type { StepRecords } from './step-runner.ts'

/** How a run ended badly, as the executor saw it; the ledger decides what follows from it. */
export interface FailureReport {
  readonly deployment: Deployment
  readonly status: 'failed' | 'errored'
  readonly reason: string
  /** The targets may run the new release (activation started). */
  readonly touchedTargets: boolean
  /** The release itself failed its health check. */
  readonly healthFailed: boolean
}

/** What recording a failure did: the failed deployment, the rollback it caused, and notes in words. */
export interface RecordedFailure {
  readonly deployment: Deployment
  readonly rollback: Deployment | null
  readonly notes: readonly string[]
}

/**
 * Where one run of a claimed deployment is recorded. The step sequence (run-steps.ts) is the same
 * wherever it runs; the recorder is what differs: the server's engine writes the ledger directly
 * (local-recorder.ts), a runner sends the same records to the server's API (client/remote-recorder.ts).
 * Every record is fenced by the lease epoch the claim took.
 */
export interface DeploymentRecorder {
  readonly log: DeploymentLog
  readonly steps: StepRecords
  /** Aborts when the lease is lost (another process holds the lock now): no further step runs. */
  readonly signal: AbortSignal
  /** Activated: the deployment moves to `verifying`. */
  toVerifying(deployment: Deployment, reason: string): Promise<Deployment>
  /** Records success and releases the lock. */
  succeed(deployment: Deployment, reason: string): Promise<Deployment>
  /** Records the failure with its consequences (automatic rollback, quarantine, freeze) and releases the lock. */
  fail(failure: FailureReport): Promise<RecordedFailure>
  /** Stops renewing the lease and stores the last log lines. */
  close(): Promise<void>
}
