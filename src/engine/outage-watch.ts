import type { DeploymentLog } from './deployment-log.ts'
import type { EngineObserver } from './events.ts'
import type { OutageWatch } from './store-outage.ts'

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/**
 * Says in the deployment's log (and to whoever observes the engine) that recording `what` waits
 * for the store, and when it got through: the evidence an operator reads after a database restart.
 */
export const outageWatch = (options: { log: DeploymentLog; observer: EngineObserver; what: string; signal?: AbortSignal }): OutageWatch => {
  const { log, observer, what } = options
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    onOutage: (error) => {
      const message = `the ledger is unreachable while recording ${what} (${error.message}); waiting for it to come back`
      log.warn(message)
      observer({ type: 'store', available: false, message })
    },
    onRecovered: (downMs) => {
      const message = `the ledger answered again after ${seconds(downMs)}; ${what} recorded`
      log.warn(message)
      observer({ type: 'store', available: true, message })
    },
  }
}
