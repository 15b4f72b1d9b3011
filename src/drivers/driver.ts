/**
 * The driver contract. A driver puts a release on its targets; it knows nothing of approvals,
 * gates or the ledger. Every step carries the lease's fencing epoch, and targets refuse an epoch
 * lower than one they have seen.
 *
 * A driver throws {@link DriverFailure} when a target says no (the deployment ends `failed`); any
 * other exception means Waka itself broke (the deployment ends `errored`).
 */
import { WakaError, type ErrorCode, type WakaErrorOptions } from '../core/errors.ts'
import type { ArtifactSource } from '../manifest/artifact-source.ts'

export type { ArtifactEntry } from '../core/release/artifact-entry.ts'
import type { TargetReleaseCheck } from '../core/plan/rollback-readiness.ts'

export type { TargetReleaseCheck, TargetReleaseState } from '../core/plan/rollback-readiness.ts'
export type { ArtifactSource } from '../manifest/artifact-source.ts'

export interface DriverRelease {
  readonly id: number
  readonly version: string
  readonly digest: string
  /** The directory name of this release under `releases/` on every target. */
  readonly dirName: string
  /** For an image release, what an engine pulls: `repository@sha256:…` (never a tag); else null. */
  readonly image: string | null
}

export interface DriverLog {
  info(message: string, source?: string): void
  warn(message: string, source?: string): void
  error(message: string, source?: string): void
}

interface BaseContext {
  readonly epoch: number
  readonly log: DriverLog
  readonly signal: AbortSignal
}

export interface StepContext extends BaseContext {
  readonly release: DriverRelease
  readonly artifact: ArtifactSource
  readonly variables: Readonly<Record<string, string>>
  /** Secret values. They go to the child's environment only: never argv, logs or errors. */
  readonly secrets: Readonly<Record<string, string>>
  /** The deployment this step belongs to, for drivers that label what they start; absent in driver tests. */
  readonly deploymentId?: number
}

export interface ActivateContext extends StepContext {
  /** What was live before, so a driver that fails half-way can put it back. */
  readonly previous: DriverRelease | null
}

export interface CleanupContext extends BaseContext {
  /** Release directories that must stay: the live one and the rollback target. */
  readonly keep: readonly string[]
  readonly keepReleases: number
}

export interface CheckReleaseContext {
  readonly release: DriverRelease
  /** The release's manifest and bytes, to verify what a target holds against. */
  readonly artifact: ArtifactSource
  readonly signal: AbortSignal
}

export interface Target {
  readonly id: string
  /** Where this target serves HTTP (for health checks), e.g. `http://127.0.0.1:4101`; null when unknown. */
  readonly httpBase: string | null
}

export interface TargetState {
  readonly target: string
  /** The release directory `current` points at, or null when nothing is live. */
  readonly live: string | null
  /** Release directories present on the target. */
  readonly releases: readonly string[]
  /** Whether the started process is running, when the driver supervises one. */
  readonly running: boolean | null
  /** Set when the target could not be inspected. */
  readonly error: string | null
}

export interface Driver {
  readonly type: string
  targets(): readonly Target[]
  /** Upload the release to every target and verify it against the manifest. Changes nothing live. */
  prepare(context: StepContext): Promise<void>
  /** Switch every target to the release atomically and (re)start it. */
  activate(context: ActivateContext): Promise<void>
  /** What is live on each target. */
  inspect(signal: AbortSignal): Promise<readonly TargetState[]>
  /**
   * Whether a release is still on every target, intact (for rollback readiness): one answer per
   * target, `verified`, `missing`, `damaged` or `unreachable`; never throws for a target's answer.
   * Changes nothing. Optional: without it Waka reports the targets as unknown (and a
   * `rollbackReady` gate refuses), so implement it whenever the driver can tell.
   */
  checkRelease?(context: CheckReleaseContext): Promise<readonly TargetReleaseCheck[]>
  /** Keep the newest `keepReleases` releases and everything in `keep`; remove the rest. */
  cleanup(context: CleanupContext): Promise<void>
  /** Stop whatever the driver started on its targets (used by the demo and tests). */
  stop?(): Promise<void>
}

/** Where a driver instance works: the service, the environment, and Waka's directories. */
export interface DriverScope {
  readonly service: string
  readonly environment: string
  /** The directory holding `waka.yml`; relative paths in driver settings resolve against it. */
  readonly configDir: string
  /** Waka's state directory (`.waka/`). */
  readonly stateDir: string
}

/** A target said no: the deployment ends `failed`. */
export class DriverFailure extends WakaError {
  constructor(code: Extract<ErrorCode, 'DRIVER_FAILED' | 'STALE_EPOCH' | 'ARTIFACT_INVALID' | 'TIMEOUT'>, message: string, options?: WakaErrorOptions) {
    super(code, message, options)
  }
}

/**
 * The artifact of an image release: the registry holds the bytes, so there are no files. A driver
 * that copies files asks for them and is refused; the container driver never asks.
 */
export const imageArtifactSource = (digest: string): ArtifactSource => {
  const refusal = () =>
    new DriverFailure('ARTIFACT_INVALID', `${digest} is an image release: it has no files to copy, only an image in its registry; deploy it with the container driver`)
  const none = (): never => {
    throw refusal()
  }
  return { digest, entries: () => Promise.reject(refusal()), openBlob: none, blobPath: none }
}

/** `v1.2.0-0123456789ab`: readable, unique per digest, safe as a path segment. */
export const releaseDirName = (version: string, digest: string): string =>
  `${version}-${digest.slice('sha256:'.length, 'sha256:'.length + 12)}`
