import type { Deployment } from '../core/deployment/deployment.ts'
import { isWakaError, type ErrorCode } from '../core/errors.ts'
import type { ServiceTarget } from '../core/policy.ts'
import { describeRelease, imageReference, type Release } from '../core/release/release.ts'
import { releaseDirName, type ArtifactSource, type Driver, type DriverRelease } from '../drivers/driver.ts'
import type { DeploymentRecorder } from './deployment-recorder.ts'
import type { EngineObserver } from './events.ts'
import { hitFailpoint, type Failpoint } from './failpoints.ts'
import { createStepRunner } from './step-runner.ts'
import { verifyHealth } from './verify-health.ts'

/** Codes meaning the release or its target said no (`failed`); anything else means Waka broke (`errored`). */
const FAILED_CODES: readonly ErrorCode[] = ['DRIVER_FAILED', 'HEALTH_CHECK_FAILED', 'ARTIFACT_INVALID', 'SECRET_MISSING', 'TIMEOUT', 'STALE_EPOCH']

export const toDriverRelease = (release: Release): DriverRelease => ({
  id: release.id,
  version: release.version,
  digest: release.digest,
  dirName: releaseDirName(release.version, release.digest),
  image: imageReference(release),
})

/** What a run needs besides the claim, gathered once it started (a failure here is the run's failure). */
export interface RunPlan {
  readonly target: ServiceTarget
  readonly driver: Driver
  readonly artifact: ArtifactSource
  /** Secret values; the plan has them masked in the recorder's log already. */
  readonly secrets: Readonly<Record<string, string>>
  readonly release: Release
  /** What the targets ran before, per the ledger. */
  readonly previous: Release | null
  /** The last verified release (a rollback target): never cleaned up. */
  readonly lastVerified: Release | null
  readonly keepReleases: number
}

export interface RunStepsInput {
  readonly deployment: Deployment
  readonly epoch: number
  readonly recorder: DeploymentRecorder
  readonly observer: EngineObserver
  readonly failpoints: ReadonlySet<Failpoint>
  readonly plan: () => Promise<RunPlan>
}

/**
 * The step sequence of one claimed deployment, wherever it runs: prepare, activate, verify health,
 * clean up — each step recorded before it runs, every record fenced by the lease epoch. A failure
 * is recorded with its consequences (automatic rollback, quarantine, freeze).
 */
export const runSteps = async (input: RunStepsInput): Promise<Deployment> => {
  const { recorder, observer, epoch, failpoints } = input
  const { log } = recorder
  let deployment = input.deployment
  const { service, environment } = deployment
  const step = createStepRunner({ records: recorder.steps, deploymentId: deployment.id, log, observer })
  observer({ type: 'transition', deployment })
  let touchedTargets = false
  try {
    log.info(`${deployment.kind} of ${service} ${deployment.releaseVersion} into ${environment} (lock epoch ${epoch}) by ${deployment.requestedBy}`)
    const plan = await input.plan()
    const { release, previous, driver, target } = plan
    if (previous) log.info(`the targets ran ${describeRelease(previous)} before`)
    const context = {
      epoch,
      log: log.driverLog,
      signal: recorder.signal,
      release: toDriverRelease(release),
      artifact: plan.artifact,
      variables: target.variables,
      secrets: plan.secrets,
      deploymentId: deployment.id,
    }
    hitFailpoint(failpoints, 'after_lock')
    await step('prepare', () => driver.prepare(context))
    hitFailpoint(failpoints, 'after_prepare')
    touchedTargets = true
    await step('activate', () => driver.activate({ ...context, previous: previous && toDriverRelease(previous) }))
    hitFailpoint(failpoints, 'after_activate')
    if (deployment.kind === 'rollback') hitFailpoint(failpoints, 'during_rollback')
    deployment = await recorder.toVerifying(deployment, 'activated; verifying health')
    observer({ type: 'transition', deployment })
    const healthy = await step('health', () =>
      verifyHealth({
        health: target.health,
        targets: driver.targets(),
        version: release.version,
        signal: recorder.signal,
        log,
        afterFirstProbe: () => hitFailpoint(failpoints, 'during_health'),
      }),
    )
    // never clean up the new release, what ran before it, or the last verified release (a rollback target)
    const keep = [release, previous, plan.lastVerified].flatMap((kept) => (kept ? [toDriverRelease(kept).dirName] : []))
    await step('cleanup', () => driver.cleanup({ epoch, log: log.driverLog, signal: recorder.signal, keep, keepReleases: plan.keepReleases })).catch(() =>
      log.warn('cleanup failed; old releases stay on the targets until the next deployment'),
    )
    deployment = await recorder.succeed(deployment, `${describeRelease(release)} is live and healthy: ${healthy ?? ''}`)
    observer({ type: 'transition', deployment })
    return deployment
  } catch (error) {
    return await fail(input, { deployment, error, touchedTargets, lostLease: recorder.signal.aborted })
  } finally {
    await recorder.close()
  }
}

const fail = async (input: RunStepsInput, run: { deployment: Deployment; error: unknown; touchedTargets: boolean; lostLease: boolean }): Promise<Deployment> => {
  const { recorder, observer } = input
  const { log } = recorder
  const { deployment, error } = run
  const code = isWakaError(error) ? error.code : null
  const message = error instanceof Error ? error.message : String(error)
  const hint = isWakaError(error) && error.hint ? ` (${error.hint})` : ''
  const reason = log.redact(`${message}${hint}`)
  if (run.lostLease) {
    log.error(`stopped: ${reason}. Another process holds the lock now; it records what happened here.`)
    return deployment
  }
  const status = code !== null && FAILED_CODES.includes(code) ? 'failed' : 'errored'
  if (status === 'errored') log.error(`Waka itself failed: ${reason}`)
  try {
    const effects = await recorder.fail({ deployment, status, reason, touchedTargets: run.touchedTargets, healthFailed: code === 'HEALTH_CHECK_FAILED' })
    for (const note of effects.notes) log.warn(note)
    observer({ type: 'transition', deployment: effects.deployment })
    if (effects.rollback) observer({ type: 'transition', deployment: effects.rollback })
    return effects.deployment
  } catch (recordError) {
    if (isWakaError(recordError) && recordError.code === 'STALE_EPOCH') {
      log.error(`could not record the failure: the lock moved on (${recordError.message})`)
      return deployment
    }
    throw recordError
  }
}
