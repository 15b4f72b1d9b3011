import type { Deployment } from '../core/deployment/deployment.ts'
import { isTerminal } from '../core/deployment/deployment-machine.ts'
import type { Lease } from '../core/store.ts'

/**
 * Whether following a deployment can stop: it finished, or it waits on something no engine can
 * hurry — a person (approval, a hold on the lock) or time (soak, deploy window). Checked right
 * after an engine pass, so a queued deployment whose lock is free was not runnable: a time gate
 * closed after it was queued.
 */
export const isSettled = (deployment: Deployment, lease: Lease | null): boolean => {
  if (isTerminal(deployment.status)) return true
  if (deployment.status === 'awaiting_approval' || deployment.status === 'pending') return true
  if (deployment.status !== 'queued') return false
  return lease?.hold != null || lease?.deploymentId == null
}
