import type { AppContext } from '../app/context.ts'
import { SYSTEM_ACTORS } from '../app/context.ts'
import { recordFailure, recordSuccess } from '../app/finish.ts'
import { moveDeployment } from '../app/record.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import type { LeaseRef } from '../core/store.ts'
import { DeploymentLog, storeLogSink } from './deployment-log.ts'
import type { DeploymentRecorder } from './deployment-recorder.ts'
import type { EngineObserver } from './events.ts'
import { keepLease } from './lease-keeper.ts'
import { outageWatch } from './outage-watch.ts'
import { storeStepRecords } from './step-runner.ts'
import { throughOutage } from './store-outage.ts'

/**
 * The engine's recorder: writes the ledger directly, renews the lease while the run lasts, and
 * waits out a store outage (a retried write first checks whether the lost try had landed).
 */
export const localRecorder = (options: { app: AppContext; lease: LeaseRef; leaseTtlMs: number; observer: EngineObserver }): DeploymentRecorder => {
  const { app, lease, observer } = options
  const { store, clock } = app
  const { deploymentId, epoch } = lease
  const log = new DeploymentLog({ sink: storeLogSink(store, deploymentId), clock, deploymentId, observer })
  const keeper = keepLease(store, lease, options.leaseTtlMs)
  const watch = (what: string, signal?: AbortSignal) => outageWatch({ log, observer, what, ...(signal ? { signal } : {}) })
  return {
    log,
    steps: storeStepRecords({ store, clock, lease, log, observer }),
    signal: keeper.signal,
    toVerifying: (activated: Deployment, reason: string) =>
      throughOutage(
        (retried) =>
          store.write(async (tx) => {
            const landed = retried ? await tx.getDeployment(activated.id) : null
            if (landed?.status === 'verifying' && landed.epoch === epoch) return landed
            return moveDeployment(tx, clock, activated, { to: 'verifying', actor: SYSTEM_ACTORS.engine, reason, fenceEpoch: epoch })
          }),
        watch('the move to verifying', keeper.signal),
      ),
    succeed: (verified: Deployment, reason: string) =>
      throughOutage(
        async (retried) => {
          const landed = retried ? await store.getDeployment(verified.id) : null
          if (landed?.status === 'succeeded') return landed
          return recordSuccess(app, { deployment: verified, epoch, reason })
        },
        watch('the success', keeper.signal),
      ),
    fail: async (failure) => {
      const effects = await throughOutage(
        async (retried) => {
          const landed = retried ? await store.getDeployment(failure.deployment.id) : null
          if (landed?.status === failure.status) return { deployment: landed, rollback: null, notes: [] }
          return recordFailure(app, { ...failure, epoch })
        },
        watch(`the ${failure.status} outcome`),
      )
      return { deployment: effects.deployment, rollback: effects.rollback?.deployment ?? null, notes: effects.notes }
    },
    close: async () => {
      keeper.stop()
      await log.flush()
    },
  }
}
