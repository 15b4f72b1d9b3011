import { describe, expect, it } from 'vitest'
import { approverProblem, checkApprovals, tallyApprovals, type Approval, type ApprovalRules } from './approval-gate.ts'
import { anAccessPolicy, anApprovalPolicy } from './test-policy.ts'

const NOW = Date.parse('2026-11-26T12:00:00Z')
const subject = { deploymentId: 7, environment: 'production', releaseDigest: `sha256:${'a'.repeat(64)}`, requester: 'alice', policyHash: 'p1' }
const rules = (overrides: Partial<ApprovalRules> = {}): ApprovalRules => ({
  policy: anApprovalPolicy(),
  access: anAccessPolicy(),
  subject,
  now: NOW,
  ...overrides,
})
let nextId = 1
const approval = (actor: string, overrides: Partial<Approval> = {}): Approval => ({
  id: nextId++,
  deploymentId: 7,
  decision: 'approve',
  actor,
  comment: '',
  releaseDigest: subject.releaseDigest,
  environment: 'production',
  policyHash: 'p1',
  createdAt: new Date(NOW - 60_000).toISOString(),
  ...overrides,
})

describe('approval gate', () => {
  it('passes with N distinct allowed approvers', () => {
    expect(checkApprovals(rules(), [approval('bob'), approval('carol')]).verdict).toBe('pass')
  })

  it('waits with fewer than N', () => {
    const check = checkApprovals(rules(), [approval('bob')])
    expect(check.verdict).toBe('wait')
    expect(check.message).toContain('1/2')
  })

  it('counts the same person once (N-of-M means N people)', () => {
    expect(tallyApprovals(rules(), [approval('bob'), approval('bob')]).approvedBy).toEqual(['bob'])
  })

  it.each([
    ['the requester approving their own deployment', approval('alice'), 'requires approval by someone else'],
    ['someone outside the allowed groups and users', approval('mallory'), 'not among the approvers'],
    ['an approval bound to another release digest', approval('bob', { releaseDigest: `sha256:${'b'.repeat(64)}` }), 'another release digest'],
    ['an approval for another deployment', approval('bob', { deploymentId: 8 }), 'another deployment'],
    ['an approval for another environment', approval('bob', { environment: 'staging' }), 'another environment'],
    ['an approval under a policy that has since changed', approval('bob', { policyHash: 'p0' }), 'policy that has since changed'],
    ['an expired approval', approval('bob', { createdAt: new Date(NOW - 3_600_001).toISOString() }), 'expired'],
  ])('does not count %s', (_name, given, why) => {
    const tally = tallyApprovals(rules(), [given])
    expect(tally.approvedBy).toEqual([])
    expect(tally.ignored[0]?.why).toContain(why)
  })

  it('lets the requester approve where the policy allows self-approval', () => {
    const allowing = rules({ policy: anApprovalPolicy({ allowSelfApproval: true }) })
    expect(tallyApprovals(allowing, [approval('alice')]).approvedBy).toEqual(['alice'])
  })

  it('never expires approvals when expireAfter is not set', () => {
    const forever = rules({ policy: anApprovalPolicy({ expireAfterMs: null }) })
    expect(tallyApprovals(forever, [approval('bob', { createdAt: '2000-01-01T00:00:00Z' })]).approvedBy).toEqual(['bob'])
  })

  it('is blocked by a single rejection, whatever the approvals', () => {
    const check = checkApprovals(rules(), [approval('bob'), approval('carol'), approval('dana', { decision: 'reject', comment: 'no' })])
    expect(check.verdict).toBe('block')
    expect(check.message).toContain('rejected by dana: no')
  })

  it('re-checks membership: a person removed from the group no longer counts', () => {
    const shrunk = rules({ access: anAccessPolicy({ groups: { 'release-managers': ['carol'] } }) })
    expect(tallyApprovals(shrunk, [approval('bob'), approval('carol')]).approvedBy).toEqual(['carol'])
  })

  it('passes when the environment requires no approvals', () => {
    expect(checkApprovals(null, []).verdict).toBe('pass')
  })

  it('explains why the requester may not approve', () => {
    expect(approverProblem(rules(), 'alice')).toBe('alice requested deployment #7; production requires approval by someone else')
    expect(approverProblem(rules(), 'bob')).toBeNull()
  })
})
