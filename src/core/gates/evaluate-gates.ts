import type { DeploymentKind } from '../deployment/deployment.ts'
import type { AccessPolicy, EnvironmentPolicy } from '../policy.ts'
import { checkApprovals, type Approval, type ApprovalSubject } from './approval-gate.ts'
import { checkBranch } from './branch-gate.ts'
import { checkFreeze, type FreezeFact } from './freeze-gate.ts'
import type { GateCheck } from './gate.ts'
import { checkQuarantine, type QuarantineFact } from './quarantine-gate.ts'
import { checkRollbackReady } from './rollback-ready-gate.ts'
import type { RollbackReadiness } from '../plan/rollback-readiness.ts'
import { checkSoak, checkUpstream, type UpstreamFact } from './upstream-gate.ts'
import { checkWindows } from './window-gate.ts'

/** Everything the gates need to know, gathered by the caller; `now` included. */
export interface GateFacts {
  readonly now: number
  readonly kind: DeploymentKind
  readonly environment: EnvironmentPolicy
  readonly access: AccessPolicy
  readonly release: { readonly version: string; readonly branch: string | null }
  readonly approvalSubject: ApprovalSubject
  readonly approvals: readonly Approval[]
  readonly quarantine: QuarantineFact | null
  readonly freeze: FreezeFact | null
  readonly upstream: UpstreamFact | null
  /** Whether a rollback from this deployment would work; null where `gates.rollbackReady` is off. */
  readonly rollbackReadiness: RollbackReadiness | null
}

/** Where a deployment goes after its gates are evaluated. */
export type GateOutcome = 'queued' | 'awaiting_approval' | 'pending' | 'rejected'

export interface GateEvaluation {
  readonly outcome: GateOutcome
  readonly checks: readonly GateCheck[]
  /** The checks that decided the outcome, in words. */
  readonly reason: string
}

const rollbackChecks = (facts: GateFacts): GateCheck[] => [
  checkQuarantine(facts.release.version, facts.quarantine),
  checkFreeze(facts.environment.name, facts.kind, facts.freeze, facts.now),
]

const forwardChecks = (facts: GateFacts): GateCheck[] => {
  const { gates } = facts.environment
  return [
    checkQuarantine(facts.release.version, facts.quarantine),
    checkFreeze(facts.environment.name, facts.kind, facts.freeze, facts.now),
    checkBranch(gates.branches, facts.release.branch),
    checkUpstream(facts.release.version, facts.upstream),
    checkSoak(gates.soakMs, facts.upstream),
    checkWindows(gates.windows, facts.now),
    checkRollbackReady(facts.rollbackReadiness),
    checkApprovals(
      gates.approvals && { policy: gates.approvals, access: facts.access, subject: facts.approvalSubject, now: facts.now },
      facts.approvals,
    ),
  ]
}

/**
 * Rollbacks pass freezes, windows, soak and approvals: they return an environment to a release it
 * already ran, and waiting for a window during an incident helps nobody. Quarantine still applies.
 */
export const evaluateGates = (facts: GateFacts): GateEvaluation => {
  const checks = facts.kind === 'rollback' ? rollbackChecks(facts) : forwardChecks(facts)
  const blocked = checks.filter((check) => check.verdict === 'block')
  if (blocked.length) return { outcome: 'rejected', checks, reason: blocked.map((c) => c.message).join('; ') }
  const waitingOnTime = checks.filter((check) => check.verdict === 'wait' && check.gate !== 'approvals')
  if (waitingOnTime.length) return { outcome: 'pending', checks, reason: waitingOnTime.map((c) => c.message).join('; ') }
  const approvals = checks.find((check) => check.gate === 'approvals' && check.verdict === 'wait')
  if (approvals) return { outcome: 'awaiting_approval', checks, reason: approvals.message }
  return { outcome: 'queued', checks, reason: 'all gates pass' }
}

/** The earliest instant at which a waiting time gate opens, if any says. */
export const nextGateOpening = (evaluation: GateEvaluation): number | null => {
  const times = evaluation.checks.flatMap((check) => (check.opensAt === undefined ? [] : [check.opensAt]))
  return times.length ? Math.min(...times) : null
}
