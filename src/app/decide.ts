import type { Deployment } from '../core/deployment/deployment.ts'
import { WakaError } from '../core/errors.ts'
import { approverProblem, tallyApprovals, type Approval, type ApprovalDecision, type ApprovalTally } from '../core/gates/approval-gate.ts'
import { checkText } from '../core/names.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireDeployment, requireEnvironment, requireService } from './lookup.ts'
import { approvalPolicyHash } from './policy-hash.ts'
import { audit, moveDeployment } from './record.ts'
import { probeForGates } from './rollback-readiness.ts'
import { settleGates } from './settle-gates.ts'

export interface DecideInput {
  readonly actor: string
  readonly deploymentId: number
  readonly decision: ApprovalDecision
  /** Required to reject; optional to approve. */
  readonly comment: string
}

export interface DecideResult {
  readonly approval: Approval
  readonly deployment: Deployment
  readonly tally: ApprovalTally
}

/**
 * Records an approval or rejection bound to the deployment's release digest, environment and
 * approval policy. The requester cannot approve their own deployment unless the policy allows it.
 */
export const decide = async (context: AppContext, input: DecideInput): Promise<DecideResult> => {
  // the targets are asked about the rollback's release before the transaction, and only for an approver
  const seen = input.decision === 'approve' ? await context.store.getDeployment(input.deploymentId) : null
  if (seen) authorize(context.policy, input.actor, 'approve', seen.environment)
  const probe = seen && context.policy.services[seen.service] ? await probeForGates(context, seen) : null
  return context.store.write(async (tx) => {
    const deployment = await requireDeployment(tx, input.deploymentId)
    requireService(context.policy, deployment.service)
    const environment = requireEnvironment(context.policy, deployment.environment)
    // permission first: someone who may not approve learns nothing about the deployment's state
    authorize(context.policy, input.actor, 'approve', environment.name)
    const policy = environment.gates.approvals
    if (policy === null)
      throw new WakaError('INVALID_ARGUMENT', `${environment.name} requires no approvals; deployment #${deployment.id} needs none`)
    if (deployment.status !== 'pending' && deployment.status !== 'awaiting_approval')
      throw new WakaError('INVALID_TRANSITION', `deployment #${deployment.id} is ${deployment.status}; approvals are taken only while it waits`, {
        details: { status: deployment.status },
      })
    const subject = {
      deploymentId: deployment.id,
      environment: environment.name,
      releaseDigest: deployment.releaseDigest,
      requester: deployment.requestedBy,
      policyHash: approvalPolicyHash(context.hash, environment),
    }
    const rules = { policy, access: context.policy.access, subject, now: context.clock.now().getTime() }
    const problem = approverProblem(rules, input.actor)
    if (problem !== null)
      throw new WakaError(input.actor === deployment.requestedBy ? 'SELF_APPROVAL_FORBIDDEN' : 'FORBIDDEN', problem, {
        details: { deploymentId: deployment.id, actor: input.actor, requester: deployment.requestedBy },
      })
    const commentProblem = checkText(input.comment)
    if (commentProblem) throw new WakaError('INVALID_ARGUMENT', `--comment: expected ${commentProblem.expected}`)
    if (input.decision === 'reject' && input.comment.trim() === '')
      throw new WakaError('INVALID_ARGUMENT', 'a rejection needs a comment saying why', { hint: `waka reject ${deployment.id} --comment "…"` })
    const earlier = await tx.listApprovals(deployment.id)
    if (earlier.some((approval) => approval.actor === input.actor && approval.policyHash === subject.policyHash))
      throw new WakaError('CONFLICT', `${input.actor} already decided on deployment #${deployment.id}`)

    const approval = await tx.insertApproval({
      deploymentId: deployment.id,
      decision: input.decision,
      actor: input.actor,
      comment: input.comment,
      releaseDigest: deployment.releaseDigest,
      environment: environment.name,
      policyHash: subject.policyHash,
      createdAt: context.clock.now().toISOString(),
    })
    await audit(tx, context.clock, {
      actor: input.actor,
      action: input.decision === 'approve' ? 'approval.approved' : 'approval.rejected',
      service: deployment.service,
      environment: environment.name,
      deploymentId: deployment.id,
      releaseDigest: deployment.releaseDigest,
      reason: input.comment || null,
      data: { policyHash: subject.policyHash },
    })
    const tally = tallyApprovals(rules, [...earlier, approval])
    const moved =
      input.decision === 'reject'
        ? await moveDeployment(tx, context.clock, deployment, { to: 'rejected', actor: input.actor, reason: `rejected by ${input.actor}: ${input.comment}` })
        : (await settleGates(tx, context, deployment, { actor: input.actor, probe })).deployment
    return { approval, deployment: moved, tally }
  })
}
