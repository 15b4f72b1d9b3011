import type { Deployment } from '../core/deployment/deployment.ts'
import { isTerminal, type DeploymentStatus } from '../core/deployment/deployment-machine.ts'
import { evaluateGates, type GateEvaluation } from '../core/gates/evaluate-gates.ts'
import type { TargetProbe } from '../core/plan/rollback-readiness.ts'
import type { StoreWriter } from '../core/store.ts'
import type { AppContext } from './context.ts'
import { gatherGateFacts } from './gate-facts.ts'
import { moveDeployment } from './record.ts'

/** The status reason of a queued deployment in an environment with `executor: runner`. */
export const WAITS_FOR_RUNNER = 'all gates pass; waiting for a runner to execute it (executor: runner, waka execute)'

/** Whether the server's own engine runs deployments in this environment (`executor: server`). */
export const runsOnServer = (context: AppContext, environment: string): boolean =>
  (context.policy.environments[environment]?.executor ?? 'server') === 'server'

export interface Settled {
  readonly deployment: Deployment
  readonly evaluation: GateEvaluation
}

const approvalsPass = (evaluation: GateEvaluation): boolean =>
  evaluation.checks.every((check) => check.gate !== 'approvals' || check.verdict === 'pass')

/** Where an evaluation sends a deployment that is still waiting; null to leave it where it is. */
const nextStatus = (current: DeploymentStatus, evaluation: GateEvaluation): DeploymentStatus | null => {
  const wanted = evaluation.outcome
  if (wanted === current) return null
  if (current === 'queued') {
    // A queued deployment can only go forward or be cancelled: a closed window keeps it queued,
    // a gate that no longer holds (approval expired, freeze, quarantine) cancels it visibly.
    return wanted === 'pending' ? null : 'cancelled'
  }
  if (current === 'awaiting_approval' && wanted === 'pending') {
    // Approved, but a time gate closed meanwhile: it queues, and the queue waits for the gate.
    return approvalsPass(evaluation) ? 'queued' : null
  }
  return wanted
}

/**
 * Evaluates a waiting deployment's gates and moves it: to `queued` when they pass, `pending` or
 * `awaiting_approval` while they wait, `rejected` (or `cancelled` once queued) when one refuses.
 */
export const settleGates = async (
  tx: StoreWriter,
  context: AppContext,
  deployment: Deployment,
  by: { readonly actor: string; readonly probe?: TargetProbe | null },
): Promise<Settled> => {
  const { actor, probe = null } = by
  const evaluated = evaluateGates(await gatherGateFacts(tx, context, deployment, probe))
  const evaluation = evaluated.outcome === 'queued' && !runsOnServer(context, deployment.environment) ? { ...evaluated, reason: WAITS_FOR_RUNNER } : evaluated
  const to = nextStatus(deployment.status, evaluation)
  if (to === null) {
    if (deployment.statusReason === evaluation.reason || isTerminal(deployment.status)) return { deployment, evaluation }
    const noted = await tx.noteDeployment({ id: deployment.id, status: deployment.status, reason: evaluation.reason, updatedAt: context.clock.now().toISOString() })
    return { deployment: noted ?? deployment, evaluation }
  }
  const reason = to === 'cancelled' ? `a gate no longer holds right before running: ${evaluation.reason}` : evaluation.reason
  const moved = await moveDeployment(tx, context.clock, deployment, { to, actor, reason })
  return { deployment: moved, evaluation }
}
