import { WakaError } from '../core/errors.ts'
import type { Clock, LeaseRef, StepName, Store } from '../core/store.ts'
import type { DeploymentLog } from './deployment-log.ts'
import type { EngineObserver } from './events.ts'
import { assertLeaseHeld } from './fence.ts'
import { outageWatch } from './outage-watch.ts'
import { throughOutage } from './store-outage.ts'

/** Where a step's intent and outcome are recorded: the ledger, or the server's API on a runner. */
export interface StepRecords {
  /** Records the intent (`started`) and returns the step's id; refused with STALE_EPOCH. */
  begin(name: StepName): Promise<number>
  end(stepId: number, name: StepName, status: 'succeeded' | 'failed', detail: string | null): Promise<void>
}

export interface StoreStepOptions {
  readonly store: Store
  readonly clock: Clock
  /** The deployment's lease: every step record is fenced by it. */
  readonly lease: LeaseRef
  readonly log: DeploymentLog | null
  readonly observer: EngineObserver
}

/**
 * Step records in the ledger, each fenced by the lease: a record the lease no longer covers is
 * refused with STALE_EPOCH. While the store is unreachable the records wait for it; a retried
 * record first checks whether the try that lost its connection had committed after all.
 */
export const storeStepRecords = (options: StoreStepOptions): StepRecords => {
  const { store, clock, lease, log, observer } = options
  const { deploymentId, epoch } = lease
  const watch = (what: string) => (log ? outageWatch({ log, observer, what }) : {})
  return {
    begin: (name) =>
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
      ),
    end: (stepId, name, status, detail) =>
      throughOutage(
        (retried) =>
          store.write(async (tx) => {
            await assertLeaseHeld(tx, lease)
            const step = (await tx.listSteps(deploymentId)).find((recorded) => recorded.id === stepId)
            if (step?.status !== 'started' || step.epoch !== epoch) {
              if (retried) return
              throw new WakaError('CONFLICT', `deployment #${deploymentId} has no step ${stepId} running under lock epoch ${epoch}`)
            }
            await tx.finishStep(stepId, { status, at: clock.now().toISOString(), detail })
          }),
        watch(`the end of ${name}`),
      ),
  }
}

/**
 * Runs one step with its intent recorded first: the step row is committed as `started` before the
 * work begins, so a crash at any point leaves evidence of what may have happened. The work does
 * not start until its intent is recorded.
 */
export const createStepRunner = (options: { records: StepRecords; deploymentId: number; log: DeploymentLog; observer: EngineObserver }) => {
  const { records, deploymentId, log, observer } = options
  return async (name: StepName, work: () => Promise<string | void>): Promise<string | null> => {
    const stepId = await records.begin(name)
    observer({ type: 'step', deploymentId, step: name, status: 'started', detail: null })
    log.info(`${name}: started`)
    try {
      const detail = (await work()) ?? null
      await records.end(stepId, name, 'succeeded', detail)
      observer({ type: 'step', deploymentId, step: name, status: 'succeeded', detail })
      log.info(`${name}: done${detail ? ` (${detail})` : ''}`)
      return detail
    } catch (error) {
      const detail = log.redact(error instanceof Error ? error.message : String(error))
      await records.end(stepId, name, 'failed', detail)
      observer({ type: 'step', deploymentId, step: name, status: 'failed', detail })
      log.error(`${name}: failed: ${detail}`)
      throw error
    } finally {
      await log.flush()
    }
  }
}
