import type { Clock, LeaseRef, StepName, Store } from '../core/store.ts'
import type { DeploymentLog } from './deployment-log.ts'
import type { EngineObserver } from './events.ts'
import { assertLeaseHeld } from './fence.ts'

export interface StepRunnerOptions {
  readonly store: Store
  readonly clock: Clock
  /** The deployment's lease: every step record is fenced by it. */
  readonly lease: LeaseRef
  readonly log: DeploymentLog
  readonly observer: EngineObserver
}

/**
 * Runs one step with its intent recorded first: the step row is committed as `started` before the
 * work begins, so a crash at any point leaves evidence of what may have happened. A record the
 * lease no longer covers is refused with STALE_EPOCH.
 */
export const createStepRunner = (options: StepRunnerOptions) => {
  const { store, clock, lease, log, observer } = options
  const { deploymentId, epoch } = lease
  const finish = (stepId: number, status: 'succeeded' | 'failed', detail: string | null) =>
    store.write(async (tx) => {
      await assertLeaseHeld(tx, lease)
      await tx.finishStep(stepId, { status, at: clock.now().toISOString(), detail })
    })
  return async (name: StepName, work: () => Promise<string | void>): Promise<string | null> => {
    const stepId = await store.write(async (tx) => {
      await assertLeaseHeld(tx, lease)
      return tx.startStep({ deploymentId, name, epoch, at: clock.now().toISOString() })
    })
    observer({ type: 'step', deploymentId, step: name, status: 'started', detail: null })
    log.info(`${name}: started`)
    try {
      const detail = (await work()) ?? null
      await finish(stepId, 'succeeded', detail)
      observer({ type: 'step', deploymentId, step: name, status: 'succeeded', detail })
      log.info(`${name}: done${detail ? ` (${detail})` : ''}`)
      return detail
    } catch (error) {
      const detail = log.redact(error instanceof Error ? error.message : String(error))
      await finish(stepId, 'failed', detail)
      observer({ type: 'step', deploymentId, step: name, status: 'failed', detail })
      log.error(`${name}: failed: ${detail}`)
      throw error
    } finally {
      await log.flush()
    }
  }
}
