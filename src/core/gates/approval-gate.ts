import { isMember } from '../access/access-policy.ts'
import type { AccessPolicy, ApprovalPolicy } from '../policy.ts'
import { block, pass, wait, type GateCheck } from './gate.ts'

export const APPROVAL_DECISIONS = ['approve', 'reject'] as const
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number]

/** A person's decision on one deployment, bound to what they saw: digest, environment, policy. */
export interface Approval {
  readonly id: number
  readonly deploymentId: number
  readonly decision: ApprovalDecision
  readonly actor: string
  readonly comment: string
  readonly releaseDigest: string
  readonly environment: string
  readonly policyHash: string
  /** ISO 8601 */
  readonly createdAt: string
}

/** The deployment being approved, as the approval rules see it. */
export interface ApprovalSubject {
  readonly deploymentId: number
  readonly environment: string
  readonly releaseDigest: string
  readonly requester: string
  /** Hash of the approval policy in force now. */
  readonly policyHash: string
}

export interface ApprovalRules {
  readonly policy: ApprovalPolicy
  readonly access: AccessPolicy
  readonly subject: ApprovalSubject
  /** ms since epoch */
  readonly now: number
}

export interface ApprovalTally {
  readonly required: number
  /** Distinct people whose approvals count now. */
  readonly approvedBy: readonly string[]
  readonly rejectedBy: Approval | null
  /** Approvals that do not count, with the reason. */
  readonly ignored: readonly { readonly actor: string; readonly why: string }[]
}

/** Why `actor` may not approve the subject; null when they may. */
export const approverProblem = (rules: Omit<ApprovalRules, 'now'>, actor: string): string | null => {
  const { policy, access, subject } = rules
  if (actor === subject.requester && !policy.allowSelfApproval)
    return `${actor} requested deployment #${subject.deploymentId}; ${subject.environment} requires approval by someone else`
  if (!policy.from.some((principal) => isMember(access, actor, principal)))
    return `${actor} is not among the approvers of ${subject.environment} (${policy.from.join(', ')})`
  return null
}

const whyIgnored = (rules: ApprovalRules, approval: Approval): string | null => {
  const { policy, subject, now } = rules
  if (approval.deploymentId !== subject.deploymentId) return 'given for another deployment'
  if (approval.releaseDigest !== subject.releaseDigest) return 'given for another release digest'
  if (approval.environment !== subject.environment) return 'given for another environment'
  if (approval.policyHash !== subject.policyHash) return 'given under an approval policy that has since changed'
  if (policy.expireAfterMs !== null && Date.parse(approval.createdAt) + policy.expireAfterMs <= now) return 'expired'
  return approverProblem(rules, approval.actor)
}

/** Counts the approvals that still hold: bound to this digest and policy, unexpired, from allowed people. */
export const tallyApprovals = (rules: ApprovalRules, approvals: readonly Approval[]): ApprovalTally => {
  const approvedBy = new Set<string>()
  const ignored: { actor: string; why: string }[] = []
  let rejectedBy: Approval | null = null
  for (const approval of approvals) {
    const why = whyIgnored(rules, approval)
    if (why !== null) ignored.push({ actor: approval.actor, why })
    else if (approval.decision === 'reject') rejectedBy ??= approval
    else approvedBy.add(approval.actor)
  }
  return { required: rules.policy.required, approvedBy: [...approvedBy], rejectedBy, ignored }
}

export const checkApprovals = (rules: ApprovalRules | null, approvals: readonly Approval[]): GateCheck => {
  if (rules === null) return pass('approvals', 'no approvals required')
  const { policy } = rules
  const tally = tallyApprovals(rules, approvals)
  if (tally.rejectedBy) return block('approvals', `rejected by ${tally.rejectedBy.actor}: ${tally.rejectedBy.comment}`)
  const count = `${tally.approvedBy.length}/${policy.required}`
  if (tally.approvedBy.length >= policy.required)
    return pass('approvals', `approved ${count} by ${tally.approvedBy.join(', ')}`)
  const by = tally.approvedBy.length ? ` by ${tally.approvedBy.join(', ')}` : ''
  return wait('approvals', `approvals ${count}${by}; waiting for ${policy.from.join(', ')}`)
}
