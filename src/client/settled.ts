import type { Deployment } from '../core/deployment/deployment.ts'
import { isTerminal } from '../core/deployment/deployment-machine.ts'
import type { Lease } from '../core/store.ts'

/**
 * Whether following a deployment can stop: it finished, or it waits on something no engine can
 * hurry — a person (approval, a hold on the lock) or time (soak, deploy window). Checked right
 * after an engine pass. A queued deployment whose lock is free is settled only when the head of its
 * queue waits on a time gate: the lock is also free when another process finished its deployment
 * after this engine's pass, and then the next pass runs this one. A queued deployment of an
 * environment with `executor: runner` is settled: it waits for a runner.
 */
export const isSettled = async (
  deployment: Deployment,
  lease: Lease | null,
  queueWaitsOnTime: () => Promise<boolean>,
  waitsForRunner = false,
): Promise<boolean> => {
  if (isTerminal(deployment.status)) return true
  if (deployment.status === 'awaiting_approval' || deployment.status === 'pending') return true
  if (deployment.status !== 'queued') return false
  // no engine here runs it: a runner claims it (executor: runner)
  if (waitsForRunner) return true
  if (lease?.hold != null) return true
  return lease?.deploymentId == null && (await queueWaitsOnTime())
}
