import { SYSTEM_ACTORS } from '../app/context.ts'
import { moveDeployment } from '../app/record.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { canTransition, isTerminal, type DeploymentStatus } from '../core/deployment/deployment-machine.ts'
import type { DeploymentStep, Lease } from '../core/store.ts'
import { releaseDirName, type TargetState } from '../drivers/driver.ts'
import { isLiveRelease } from '../drivers/live-release.ts'
import type { EngineDeps } from './engine-deps.ts'

const INSPECT_TIMEOUT_MS = 30_000

interface Truth {
  readonly status: DeploymentStatus
  readonly reason: string
}

const describeTargets = (states: readonly TargetState[]): string =>
  states.map((state) => `${state.target}: ${state.error ?? state.live ?? 'nothing live'}`).join(', ')

/** What the targets and the recorded steps say happened to a deployment whose engine died. */
export const judge = (deployment: Deployment, steps: readonly DeploymentStep[], inspected: readonly TargetState[] | string): Truth => {
  const started = (name: string) => steps.some((step) => step.name === name)
  const last = steps.at(-1)
  const lastStep = last === undefined ? 'before any step' : last.status === 'started' ? `during ${last.name}` : `after ${last.name} ${last.status}`
  const release = {
    dirName: releaseDirName(deployment.releaseVersion, deployment.releaseDigest),
    digest: deployment.releaseDigest,
    version: deployment.releaseVersion,
  }
  const seen = typeof inspected === 'string' ? `targets could not be inspected (${inspected})` : `targets: ${describeTargets(inspected)}`
  if (!started('activate'))
    return { status: 'errored', reason: `the engine stopped before activation (${lastStep}); the targets were not switched; ${seen}` }
  const states = typeof inspected === 'string' ? [] : inspected
  const allNew = states.length > 0 && states.every((state) => state.error === null && isLiveRelease(state, release))
  const noneNew = states.length > 0 && states.every((state) => state.error === null && !isLiveRelease(state, release))
  const healthPassed = steps.some((step) => step.name === 'health' && step.status === 'succeeded')
  if (healthPassed && allNew)
    return { status: 'succeeded', reason: `verified healthy before the engine stopped; ${seen}` }
  if (noneNew)
    return { status: 'errored', reason: `the engine stopped ${lastStep}; the targets do not run ${deployment.releaseVersion}; ${seen}` }
  return {
    status: 'interrupted',
    reason: `the engine stopped ${lastStep}; outcome unknown, ${seen}. Decide: waka rollback ${deployment.service} ${deployment.environment}, or deploy again`,
  }
}

/**
 * Takes the lock of a deployment whose engine stopped, under a new epoch. The lease and the
 * deployment are read again inside the write transaction: since the leases were listed, a live
 * owner may have finished the deployment and released the lock, and taking that free lock would
 * strand it on a finished deployment. So the takeover happens only while the lease still names the
 * deployment under the epoch seen and the deployment has not finished. Where replicas share the
 * store, a lease row another transaction is working on right now is skipped, not waited for.
 */
const takeOver = (deps: EngineDeps, seen: Lease & { deploymentId: number }, takeoverFrom: string | undefined): Promise<{ epoch: number; deployment: Deployment } | null> =>
  deps.app.store.write(async (tx) => {
    if (!(await tx.lockLease(seen.service, seen.environment, { skipLocked: true }))) return null
    const lease = await tx.getLease(seen.service, seen.environment)
    if (!lease || lease.deploymentId !== seen.deploymentId || lease.epoch !== seen.epoch) return null
    const deployment = await tx.getDeployment(seen.deploymentId)
    if (!deployment || isTerminal(deployment.status)) return null
    const epoch = await tx.acquireLease({
      service: lease.service,
      environment: lease.environment,
      deploymentId: deployment.id,
      owner: deps.owner,
      ttlMs: deps.leaseTtlMs,
      ...(takeoverFrom !== undefined && lease.owner === takeoverFrom ? { takeoverFrom } : {}),
    })
    return epoch === null ? null : { epoch, deployment }
  })

const inspectTargets = async (deps: EngineDeps, deployment: Deployment): Promise<readonly TargetState[] | string> => {
  try {
    return await deps.driverFor(deployment.service, deployment.environment).inspect(AbortSignal.timeout(INSPECT_TIMEOUT_MS))
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Records the truth about one deployment left running by a dead (or silent) engine. */
const reconcileOne = async (deps: EngineDeps, lease: Lease & { deploymentId: number }, takeoverFrom: string | undefined): Promise<Deployment | null> => {
  const taken = await takeOver(deps, lease, takeoverFrom)
  if (taken === null) return null
  const { epoch, deployment } = taken
  const { store, clock } = deps.app
  const ref = { service: deployment.service, environment: deployment.environment, deploymentId: deployment.id, epoch }
  const steps = await store.listSteps(deployment.id)
  const stepId = await store.write((tx) => tx.startStep({ deploymentId: deployment.id, name: 'reconcile', epoch, at: clock.now().toISOString() }))
  const truth = judge(deployment, steps, await inspectTargets(deps, deployment))
  const to = canTransition(deployment.status, truth.status) ? truth.status : 'interrupted'
  const recorded = await store.write(async (tx) => {
    await tx.finishStep(stepId, { status: 'succeeded', at: clock.now().toISOString(), detail: truth.reason })
    await tx.appendLogs(deployment.id, [{ at: clock.now().toISOString(), level: 'warn', source: 'reconciler', message: `${lease.owner ?? 'its engine'} stopped heartbeating; ${truth.reason}` }])
    const moved = await moveDeployment(tx, clock, deployment, { to, actor: SYSTEM_ACTORS.reconciler, reason: truth.reason, fenceEpoch: epoch })
    await tx.releaseLease(ref)
    return moved
  })
  return recorded
}

/**
 * Finds deployments whose engine stopped (dead process, or lease expired by the store's clock),
 * takes their lock with a new epoch, inspects the targets and records what is true. Leases left by
 * a dead process (or expired) on a finished deployment are released. This process's own leases count as
 * stopped when `runningHere` says it no longer runs their deployment (its run gave up while the
 * store was unreachable): nobody else would record them before they expire.
 */
export const reconcile = async (deps: EngineDeps, runningHere: (deploymentId: number) => boolean = () => false): Promise<Deployment[]> => {
  const { store } = deps.app
  const recorded: Deployment[] = []
  const leases = (await store.listLeases()).filter((lease) => lease.deploymentId !== null && !(lease.owner === deps.owner && runningHere(lease.deploymentId)))
  if (leases.length === 0) return recorded
  const now = await store.nowMs()
  for (const lease of leases) {
    if (lease.deploymentId === null) continue
    const mine = lease.owner === deps.owner
    const dead = lease.owner !== null && (mine || !deps.isOwnerAlive(lease.owner))
    // a live owner whose lease has not expired by the store's clock is still at work
    if (!dead && lease.expiresAtMs !== null && lease.expiresAtMs >= now) continue
    const deployment = await store.getDeployment(lease.deploymentId)
    if (!deployment) continue
    if (isTerminal(deployment.status)) {
      // finished, but its dead (or expired) owner never let go
      await store.write((tx) => tx.releaseLease({ service: lease.service, environment: lease.environment, deploymentId: deployment.id, epoch: lease.epoch }))
      continue
    }
    const result = await reconcileOne(deps, { ...lease, deploymentId: deployment.id }, dead && lease.owner !== null ? lease.owner : undefined)
    if (result) recorded.push(result)
  }
  return recorded
}
