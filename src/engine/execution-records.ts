import { SYSTEM_ACTORS } from '../app/context.ts'
import { recordFailure, recordSuccess } from '../app/finish.ts'
import { moveDeployment } from '../app/record.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { canTransition } from '../core/deployment/deployment-machine.ts'
import { WakaError } from '../core/errors.ts'
import type { LogLevel, NewLogLine, StepName } from '../core/store.ts'
import type { RecordedFailure } from './deployment-recorder.ts'
import { assertLeaseHeld } from './fence.ts'
import { fencedDeployment, leaseOf, serverRedactor, type ExecutionDeps, type FencedCall } from './execution-access.ts'
import { storeStepRecords } from './step-runner.ts'

/**
 * What a runner records while it executes a claimed deployment: the same ledger writes the engine
 * makes for the deployments it runs itself, each refused with STALE_EPOCH once the epoch no longer
 * holds the lock. The runner masks its secrets; the server masks its own on top.
 */

const invalid = (deployment: Deployment, to: string): WakaError =>
  new WakaError('INVALID_TRANSITION', `deployment #${deployment.id} is ${deployment.status}; cannot move it to ${to}`, { details: { from: deployment.status, to } })

/** Extends the lease by its time to live; STALE_EPOCH when another process holds the lock now. */
export const heartbeat = async (deps: ExecutionDeps, call: FencedCall): Promise<{ leaseExpiresAt: string }> => {
  const { deployment, lease } = await fencedDeployment(call)
  if (!(await call.context.store.write((tx) => tx.renewLease(lease, deps.leaseTtlMs))))
    throw new WakaError('STALE_EPOCH', `deployment #${deployment.id}: lease epoch ${call.epoch} no longer holds the lock`)
  const renewed = await call.context.store.getLease(deployment.service, deployment.environment)
  return { leaseExpiresAt: new Date(renewed?.expiresAtMs ?? Date.now() + deps.leaseTtlMs).toISOString() }
}

const stepRecords = (deps: ExecutionDeps, call: FencedCall, deployment: Deployment) =>
  storeStepRecords({ store: call.context.store, clock: call.context.clock, lease: leaseOf(deployment, call.epoch), log: null, observer: deps.observer })

/** Records a step's intent before the runner runs it. */
export const beginStep = async (deps: ExecutionDeps, call: FencedCall & { name: StepName }): Promise<{ stepId: number }> => {
  const { deployment } = await fencedDeployment(call)
  const stepId = await stepRecords(deps, call, deployment).begin(call.name)
  deps.observer({ type: 'step', deploymentId: deployment.id, step: call.name, status: 'started', detail: null })
  return { stepId }
}

/** Records how a step ended. */
export const endStep = async (
  deps: ExecutionDeps,
  call: FencedCall & { stepId: number; status: 'succeeded' | 'failed'; detail: string | null },
): Promise<void> => {
  const { deployment } = await fencedDeployment(call)
  const step = (await call.context.store.listSteps(deployment.id)).find((recorded) => recorded.id === call.stepId)
  if (!step) throw new WakaError('NOT_FOUND', `deployment #${deployment.id} has no step ${call.stepId}`)
  const detail = call.detail === null ? null : serverRedactor(deps, call.context, deployment)(call.detail)
  await stepRecords(deps, call, deployment).end(call.stepId, step.name, call.status, detail)
  deps.observer({ type: 'step', deploymentId: deployment.id, step: step.name, status: call.status, detail })
}

/** Appends log lines, masked again with the server's own secret values. */
export const appendLogs = async (
  deps: ExecutionDeps,
  call: FencedCall & { lines: readonly { at: string; level: LogLevel; source: string; message: string }[] },
): Promise<void> => {
  const { deployment, lease } = await fencedDeployment(call)
  const redact = serverRedactor(deps, call.context, deployment)
  const lines: NewLogLine[] = call.lines.map((line) => ({ at: line.at, level: line.level, source: line.source, message: redact(line.message) }))
  await call.context.store.write(async (tx) => {
    await assertLeaseHeld(tx, lease)
    await tx.appendLogs(deployment.id, lines)
  })
  for (const line of lines) deps.observer({ type: 'log', deploymentId: deployment.id, line })
}

/** Activated on the runner: the deployment moves to `verifying`. */
export const toVerifying = async (deps: ExecutionDeps, call: FencedCall & { reason: string }): Promise<Deployment> => {
  const { deployment } = await fencedDeployment(call)
  if (!canTransition(deployment.status, 'verifying')) throw invalid(deployment, 'verifying')
  const reason = serverRedactor(deps, call.context, deployment)(call.reason)
  const moved = await call.context.store.write((tx) =>
    moveDeployment(tx, call.context.clock, deployment, { to: 'verifying', actor: SYSTEM_ACTORS.engine, reason, fenceEpoch: call.epoch }),
  )
  deps.observer({ type: 'transition', deployment: moved })
  return moved
}

export type ExecutionOutcome =
  | { readonly status: 'succeeded'; readonly reason: string }
  | { readonly status: 'failed' | 'errored'; readonly reason: string; readonly touchedTargets: boolean; readonly healthFailed: boolean }

/**
 * The runner's outcome, recorded as the engine records its own: success releases the lock; a
 * failure has the same consequences (automatic rollback, quarantine, freeze) in one transaction.
 */
export const finishExecution = async (deps: ExecutionDeps, call: FencedCall & { outcome: ExecutionOutcome }): Promise<RecordedFailure> => {
  const { deployment } = await fencedDeployment(call)
  const { context, epoch, outcome } = call
  if (!canTransition(deployment.status, outcome.status)) throw invalid(deployment, outcome.status)
  const reason = serverRedactor(deps, context, deployment)(outcome.reason)
  if (outcome.status === 'succeeded') {
    const done = await recordSuccess(context, { deployment, epoch, reason })
    deps.observer({ type: 'transition', deployment: done })
    return { deployment: done, rollback: null, notes: [] }
  }
  const effects = await recordFailure(context, { ...outcome, deployment, epoch, reason })
  deps.observer({ type: 'transition', deployment: effects.deployment })
  if (effects.rollback) deps.observer({ type: 'transition', deployment: effects.rollback.deployment })
  return { deployment: effects.deployment, rollback: effects.rollback?.deployment ?? null, notes: effects.notes }
}
