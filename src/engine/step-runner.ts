import type { Clock, LeaseRef, StepName, Store } from '../core/store.ts'
import type { DeploymentLog } from './deployment-log.ts'
import type { EngineObserver } from './events.ts'
import { assertLeaseHeld } from './fence.ts'
import { outageWatch } from './outage-watch.ts'
import { throughOutage } from './store-outage.ts'

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
 * lease no longer covers is refused with STALE_EPOCH. While the store is unreachable the records
 * wait for it (the work does not start until its intent is committed); a retried record first
 * checks whether the try that lost its connection had committed after all.
 */
export const createStepRunner = (options: StepRunnerOptions) => {
  const { store, clock, lease, log, observer } = options
  const { deploymentId, epoch } = lease
  const watch = (what: string) => outageWatch({ log, observer, what })
  const begin = (name: StepName): Promise<number> =>
    throughOutage(
      (retried) =>
        store.write(async (tx) => {
          await assertLeaseHeld(tx, lease)
          if (retried) {
            const landed = (await tx.listSteps(deploymentId)).find((step) => step.name === name && step.epoch === epoch)
            if (landed) return landed.id
          }
          return tx.startStep({ deploymentId, name, epoch, at: clock.now().toISOString() })
        }),
      watch(`the start of ${name}`),
    )
  const finish = (stepId: number, name: StepName, status: 'succeeded' | 'failed', detail: string | null) =>
    throughOutage(
      (retried) =>
        store.write(async (tx) => {
          await assertLeaseHeld(tx, lease)
          if (retried && (await tx.listSteps(deploymentId)).find((step) => step.id === stepId)?.status !== 'started') return
          await tx.finishStep(stepId, { status, at: clock.now().toISOString(), detail })
        }),
      watch(`the end of ${name}`),
    )
  return async (name: StepName, work: () => Promise<string | void>): Promise<string | null> => {
    const stepId = await begin(name)
    observer({ type: 'step', deploymentId, step: name, status: 'started', detail: null })
    log.info(`${name}: started`)
    try {
      const detail = (await work()) ?? null
      await finish(stepId, name, 'succeeded', detail)
      observer({ type: 'step', deploymentId, step: name, status: 'succeeded', detail })
      log.info(`${name}: done${detail ? ` (${detail})` : ''}`)
      return detail
    } catch (error) {
      const detail = log.redact(error instanceof Error ? error.message : String(error))
      await finish(stepId, name, 'failed', detail)
      observer({ type: 'step', deploymentId, step: name, status: 'failed', detail })
      log.error(`${name}: failed: ${detail}`)
      throw error
    } finally {
      await log.flush()
    }
  }
}
