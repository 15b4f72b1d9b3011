import type { Claimed } from '../app/claim.ts'
import { SYSTEM_ACTORS } from '../app/context.ts'
import { recordFailure, recordSuccess } from '../app/finish.ts'
import { liveDeployment } from '../app/history.ts'
import { requireRelease, requireTarget } from '../app/lookup.ts'
import { moveDeployment } from '../app/record.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { isWakaError, type ErrorCode } from '../core/errors.ts'
import { describeRelease, type Release } from '../core/release/release.ts'
import { releaseDirName, type DriverRelease } from '../drivers/driver.ts'
import { DeploymentLog } from './deployment-log.ts'
import type { EngineDeps } from './engine-deps.ts'
import { hitFailpoint } from './failpoints.ts'
import { keepLease } from './lease-keeper.ts'
import { outageWatch } from './outage-watch.ts'
import { resolveSecrets } from './secrets.ts'
import { createStepRunner } from './step-runner.ts'
import { throughOutage } from './store-outage.ts'
import { verifyHealth } from './verify-health.ts'

/** Codes meaning the release or its target said no (`failed`); anything else means Waka broke (`errored`). */
const FAILED_CODES: readonly ErrorCode[] = ['DRIVER_FAILED', 'HEALTH_CHECK_FAILED', 'ARTIFACT_INVALID', 'SECRET_MISSING', 'TIMEOUT', 'STALE_EPOCH']

const toDriverRelease = (release: Release): DriverRelease => ({
  id: release.id,
  version: release.version,
  digest: release.digest,
  dirName: releaseDirName(release.version, release.digest),
})

/**
 * Runs one claimed deployment to its end: prepare, activate, verify health, clean up — each step
 * recorded before it runs, every write fenced by the lease epoch. A failure is recorded with its
 * consequences (automatic rollback, quarantine, freeze) in one transaction.
 */
export const runDeployment = async (deps: EngineDeps, claimed: Claimed): Promise<Deployment> => {
  const { app, observer } = deps
  const { store, clock } = app
  const { epoch } = claimed
  let deployment = claimed.deployment
  const { service, environment } = deployment
  const log = new DeploymentLog({ store, clock, deploymentId: deployment.id, observer })
  const leaseRef = { service, environment, deploymentId: deployment.id, epoch }
  const lease = keepLease(store, leaseRef, deps.leaseTtlMs)
  const step = createStepRunner({ store, clock, lease: leaseRef, log, observer })
  observer({ type: 'transition', deployment })
  let touchedTargets = false
  try {
    const target = requireTarget(app.policy, service, environment)
    log.info(`${deployment.kind} of ${service} ${deployment.releaseVersion} into ${environment} (lock epoch ${epoch}) by ${deployment.requestedBy}`)
    const secrets = resolveSecrets(deps.secrets, environment, target.secrets)
    log.maskSecrets(Object.values(secrets))
    const release = await requireRelease(store, deployment.releaseId)
    const previous = deployment.previousReleaseId === null ? null : await requireRelease(store, deployment.previousReleaseId)
    if (previous) log.info(`the targets ran ${describeRelease(previous)} before`)
    const verifiedBefore = await liveDeployment(store, service, environment)
    const driver = deps.driverFor(service, environment)
    const context = {
      epoch,
      log: log.driverLog,
      signal: lease.signal,
      release: toDriverRelease(release),
      artifact: await deps.openArtifact(release.digest),
      variables: target.variables,
      secrets,
    }
    hitFailpoint(deps.failpoints, 'after_lock')
    await step('prepare', () => driver.prepare(context))
    hitFailpoint(deps.failpoints, 'after_prepare')
    touchedTargets = true
    await step('activate', () => driver.activate({ ...context, previous: previous && toDriverRelease(previous) }))
    hitFailpoint(deps.failpoints, 'after_activate')
    if (deployment.kind === 'rollback') hitFailpoint(deps.failpoints, 'during_rollback')
    const activated = deployment
    deployment = await throughOutage(
      (retried) =>
        store.write(async (tx) => {
          const landed = retried ? await tx.getDeployment(activated.id) : null
          if (landed?.status === 'verifying' && landed.epoch === epoch) return landed
          return moveDeployment(tx, clock, activated, { to: 'verifying', actor: SYSTEM_ACTORS.engine, reason: 'activated; verifying health', fenceEpoch: epoch })
        }),
      outageWatch({ log, observer, what: 'the move to verifying', signal: lease.signal }),
    )
    observer({ type: 'transition', deployment })
    const healthy = await step('health', () =>
      verifyHealth({
        health: target.health,
        targets: driver.targets(),
        version: release.version,
        signal: lease.signal,
        log,
        afterFirstProbe: () => hitFailpoint(deps.failpoints, 'during_health'),
      }),
    )
    // never clean up the new release, what ran before it, or the last verified release (a rollback target)
    const lastVerified = verifiedBefore === null ? null : await requireRelease(store, verifiedBefore.releaseId)
    const keep = [release, previous, lastVerified].flatMap((kept) => (kept ? [toDriverRelease(kept).dirName] : []))
    const keepReleases = app.policy.environments[environment]?.rollback.keepReleases ?? 5
    await step('cleanup', () => driver.cleanup({ epoch, log: log.driverLog, signal: lease.signal, keep, keepReleases })).catch(() =>
      log.warn('cleanup failed; old releases stay on the targets until the next deployment'),
    )
    const verified = deployment
    deployment = await throughOutage(
      async (retried) => {
        const landed = retried ? await store.getDeployment(verified.id) : null
        if (landed?.status === 'succeeded') return landed
        return recordSuccess(app, { deployment: verified, epoch, reason: `${describeRelease(release)} is live and healthy: ${healthy ?? ''}` })
      },
      outageWatch({ log, observer, what: 'the success', signal: lease.signal }),
    )
    observer({ type: 'transition', deployment })
    return deployment
  } catch (error) {
    return await fail(deps, { deployment, epoch, error, touchedTargets, log, lostLease: lease.signal.aborted })
  } finally {
    lease.stop()
    await log.flush()
  }
}

interface FailInput {
  readonly deployment: Deployment
  readonly epoch: number
  readonly error: unknown
  readonly touchedTargets: boolean
  readonly log: DeploymentLog
  readonly lostLease: boolean
}

const fail = async (deps: EngineDeps, input: FailInput): Promise<Deployment> => {
  const { deployment, error, log } = input
  const code = isWakaError(error) ? error.code : null
  const message = error instanceof Error ? error.message : String(error)
  const hint = isWakaError(error) && error.hint ? ` (${error.hint})` : ''
  const reason = log.redact(`${message}${hint}`)
  if (input.lostLease) {
    log.error(`stopped: ${reason}. Another process holds the lock now; it records what happened here.`)
    return deployment
  }
  const status = code !== null && FAILED_CODES.includes(code) ? 'failed' : 'errored'
  if (status === 'errored') log.error(`Waka itself failed: ${reason}`)
  try {
    const failure = { deployment, epoch: input.epoch, status, reason, touchedTargets: input.touchedTargets, healthFailed: code === 'HEALTH_CHECK_FAILED' } as const
    const effects = await throughOutage(
      async (retried) => {
        const landed = retried ? await deps.app.store.getDeployment(deployment.id) : null
        if (landed?.status === status) return { deployment: landed, rollback: null, notes: [] }
        return recordFailure(deps.app, failure)
      },
      outageWatch({ log, observer: deps.observer, what: `the ${status} outcome` }),
    )
    for (const note of effects.notes) log.warn(note)
    deps.observer({ type: 'transition', deployment: effects.deployment })
    if (effects.rollback) deps.observer({ type: 'transition', deployment: effects.rollback.deployment })
    return effects.deployment
  } catch (recordError) {
    if (isWakaError(recordError) && recordError.code === 'STALE_EPOCH') {
      log.error(`could not record the failure: the lock moved on (${recordError.message})`)
      return deployment
    }
    throw recordError
  }
}
