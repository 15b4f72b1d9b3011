import type { Clock, StepName, Store } from '../core/store.ts'
import type { DeploymentLog } from './deployment-log.ts'
import type { EngineObserver } from './events.ts'

export interface StepRunnerOptions {
  readonly store: Store
  readonly clock: Clock
  readonly deploymentId: number
  readonly epoch: number
  readonly log: DeploymentLog
  readonly observer: EngineObserver
}

/**
 * Runs one step with its intent recorded first: the step row is committed as `started` before the
 * work begins, so a crash at any point leaves evidence of what may have happened.
 */
export const createStepRunner = (options: StepRunnerOptions) => {
  const { store, clock, deploymentId, epoch, log, observer } = options
  return async (name: StepName, work: () => Promise<string | void>): Promise<string | null> => {
    const stepId = await store.write((tx) => tx.startStep({ deploymentId, name, epoch, at: clock.now().toISOString() }))
    observer({ type: 'step', deploymentId, step: name, status: 'started', detail: null })
    log.info(`${name}: started`)
    try {
      const detail = (await work()) ?? null
      await store.write((tx) => tx.finishStep(stepId, { status: 'succeeded', at: clock.now().toISOString(), detail }))
      observer({ type: 'step', deploymentId, step: name, status: 'succeeded', detail })
      log.info(`${name}: done${detail ? ` (${detail})` : ''}`)
      return detail
    } catch (error) {
      const detail = log.redact(error instanceof Error ? error.message : String(error))
      await store.write((tx) => tx.finishStep(stepId, { status: 'failed', at: clock.now().toISOString(), detail }))
      observer({ type: 'step', deploymentId, step: name, status: 'failed', detail })
      log.error(`${name}: failed: ${detail}`)
      throw error
    } finally {
      await log.flush()
    }
  }
}
