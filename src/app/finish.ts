import type { Deployment } from '../core/deployment/deployment.ts'
import { isWakaError } from '../core/errors.ts'
import { SYSTEM_ACTORS, type AppContext } from './context.ts'
import { activeFreeze } from './active-freeze.ts'
import { requireEnvironment } from './lookup.ts'
import { audit, moveDeployment } from './record.ts'
import type { Requested } from './request-deployment.ts'
import { requestRollback } from './rollback.ts'

export interface Outcome {
  readonly deployment: Deployment
  readonly epoch: number
}

/** Records success (fenced by the lease epoch) and releases the lock. */
export const recordSuccess = (context: AppContext, outcome: Outcome & { reason: string }): Promise<Deployment> =>
  context.store.write(async (tx) => {
    const { deployment, epoch } = outcome
    const done = await moveDeployment(tx, context.clock, deployment, { to: 'succeeded', actor: SYSTEM_ACTORS.engine, reason: outcome.reason, fenceEpoch: epoch })
    await tx.releaseLease({ service: deployment.service, environment: deployment.environment, deploymentId: deployment.id, epoch })
    return done
  })

export interface Failure extends Outcome {
  readonly status: 'failed' | 'errored'
  readonly reason: string
  /** The targets may run the new release (activation started). */
  readonly touchedTargets: boolean
  /** The release itself failed its health check. */
  readonly healthFailed: boolean
}

export interface FailureEffects {
  readonly deployment: Deployment
  readonly rollback: Requested | null
  /** What else happened, in words (rollback requested, environment frozen, …). */
  readonly notes: readonly string[]
}

/**
 * Records a failure and its consequences in one transaction: a failed deployment with
 * `rollback.auto` requests one rollback to the last verified release and pauses auto-deploy; a
 * failed rollback freezes the environment instead. Nothing loops.
 */
export const recordFailure = (context: AppContext, failure: Failure): Promise<FailureEffects> =>
  context.store.write(async (tx) => {
    const { deployment, epoch } = failure
    const { service, environment } = deployment
    const actor = SYSTEM_ACTORS.engine
    const failed = await moveDeployment(tx, context.clock, deployment, { to: failure.status, actor, reason: failure.reason, fenceEpoch: epoch })
    await tx.releaseLease({ service, environment, deploymentId: deployment.id, epoch })
    const notes: string[] = []
    const policy = requireEnvironment(context.policy, environment)
    const now = context.clock.now().toISOString()
    const facts = { actor, service, environment, deploymentId: deployment.id, releaseDigest: deployment.releaseDigest }

    if (failure.healthFailed && deployment.kind !== 'rollback' && policy.rollback.quarantineFailed) {
      if (!(await tx.getQuarantine(service, deployment.releaseId))) {
        const reason = `failed its health check in ${environment} (deployment #${deployment.id})`
        await tx.insertQuarantine({ service, releaseId: deployment.releaseId, by: actor, reason, createdAt: now })
        await audit(tx, context.clock, { ...facts, action: 'quarantine.placed', reason })
        notes.push(`release ${deployment.releaseVersion} quarantined: it will not deploy again until the quarantine is lifted`)
      }
    }
    if (!failure.touchedTargets) return { deployment: failed, rollback: null, notes }

    const pause = async (reason: string) => {
      if (policy.autoDeploy === null || (await tx.getAutoDeployPause(service, environment))) return
      await tx.pauseAutoDeploy({ service, environment, by: actor, reason, createdAt: now })
      await audit(tx, context.clock, { ...facts, action: 'autodeploy.paused', reason })
      notes.push(`auto-deploy of ${service} into ${environment} paused until someone runs: waka resume ${service} ${environment}`)
    }

    if (deployment.kind === 'rollback') {
      const reason = `rollback #${deployment.id} failed: ${failure.reason}`
      if (!(await activeFreeze(tx, environment, context.clock.now()))) {
        await tx.putFreeze({ environment, by: actor, reason, createdAt: now, expiresAt: null })
        await audit(tx, context.clock, { ...facts, action: 'freeze.placed', reason })
        notes.push(`${environment} frozen: a rollback failed, so a person must decide what runs there (waka unfreeze ${environment})`)
      }
      await pause(reason)
      return { deployment: failed, rollback: null, notes }
    }
    if (!policy.rollback.auto) return { deployment: failed, rollback: null, notes }

    await pause(`automatic rollback after deployment #${deployment.id} failed`)
    const earlier = await tx.listDeployments({ service, environment, kinds: ['rollback'], afterId: deployment.id, limit: 50 })
    if (earlier.some((rollback) => rollback.rollbackOf === deployment.id)) return { deployment: failed, rollback: null, notes }
    try {
      const rollback = await requestRollback(tx, context, {
        actor,
        service,
        environment,
        to: null,
        reason: `automatic rollback: deployment #${deployment.id} of ${deployment.releaseVersion} ${failure.status}`,
        automatic: true,
        rollbackOf: deployment.id,
      })
      notes.push(`automatic rollback #${rollback.deployment.id} to ${rollback.deployment.releaseVersion} requested`)
      return { deployment: failed, rollback, notes }
    } catch (error) {
      if (!isWakaError(error) || (error.code !== 'NOT_FOUND' && error.code !== 'RELEASE_QUARANTINED')) throw error
      notes.push(`no automatic rollback: ${error.message}`)
      return { deployment: failed, rollback: null, notes }
    }
  })
