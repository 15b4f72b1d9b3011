import { describe, expect, it } from 'vitest'
import type { Approval } from './approval-gate.ts'
import { branchMatches, checkBranch } from './branch-gate.ts'
import { evaluateGates, nextGateOpening, type GateFacts } from './evaluate-gates.ts'
import { checkFreeze } from './freeze-gate.ts'
import { checkQuarantine } from './quarantine-gate.ts'
import { anAccessPolicy, anApprovalPolicy, anEnvironment } from './test-policy.ts'
import { checkSoak, checkUpstream, type UpstreamFact } from './upstream-gate.ts'

const NOW = Date.parse('2026-11-26T12:00:00Z')
const MINUTE = 60_000
const digest = `sha256:${'c'.repeat(64)}`
const approved = (actor: string): Approval => ({
  id: 1,
  deploymentId: 3,
  decision: 'approve',
  actor,
  comment: '',
  releaseDigest: digest,
  environment: 'production',
  policyHash: 'p',
  createdAt: new Date(NOW - MINUTE).toISOString(),
})
const liveUpstream: UpstreamFact = { environment: 'staging', succeeded: true, liveSince: NOW - 60 * MINUTE, longestLiveMs: 60 * MINUTE }

const facts = (overrides: Partial<GateFacts> = {}): GateFacts => ({
  now: NOW,
  kind: 'promotion',
  environment: anEnvironment(),
  access: anAccessPolicy(),
  release: { version: 'v3', branch: 'main' },
  approvalSubject: { deploymentId: 3, environment: 'production', releaseDigest: digest, requester: 'alice', policyHash: 'p' },
  approvals: [approved('bob'), approved('carol')],
  quarantine: null,
  freeze: null,
  rollbackReadiness: null,
  upstream: liveUpstream,
  ...overrides,
})

describe('upstream and soak gates', () => {
  it('blocks a release that never succeeded upstream', () => {
    expect(checkUpstream('v3', { environment: 'staging', succeeded: false, liveSince: null, longestLiveMs: 0 }).verdict).toBe('block')
  })
  it('passes once soaked, waits while soaking, with the time it opens', () => {
    expect(checkSoak(30 * MINUTE, liveUpstream).verdict).toBe('pass')
    const soaking = checkSoak(30 * MINUTE, { ...liveUpstream, liveSince: NOW - 10 * MINUTE, longestLiveMs: 10 * MINUTE })
    expect(soaking.verdict).toBe('wait')
    expect(soaking.opensAt).toBe(NOW + 20 * MINUTE)
  })
  it('blocks a release replaced upstream before it soaked long enough', () => {
    expect(checkSoak(30 * MINUTE, { ...liveUpstream, liveSince: null, longestLiveMs: 5 * MINUTE }).verdict).toBe('block')
  })
  it('accepts a release that soaked long enough before it was replaced', () => {
    expect(checkSoak(30 * MINUTE, { ...liveUpstream, liveSince: null, longestLiveMs: 45 * MINUTE }).verdict).toBe('pass')
  })
})

describe('freeze, branch and quarantine gates', () => {
  const freeze = { by: 'ops', reason: 'incident 42', expiresAt: null }
  it('a freeze blocks deploys and promotions but not rollbacks', () => {
    expect(checkFreeze('production', 'promotion', freeze, NOW).verdict).toBe('block')
    expect(checkFreeze('production', 'deploy', freeze, NOW).verdict).toBe('block')
    expect(checkFreeze('production', 'rollback', freeze, NOW).verdict).toBe('pass')
  })
  it('an expired freeze no longer blocks', () => {
    expect(checkFreeze('production', 'deploy', { ...freeze, expiresAt: NOW - 1 }, NOW).verdict).toBe('pass')
  })
  it.each([
    ['main', 'main', true],
    ['main', 'feature', false],
    ['release/*', 'release/2026.11', true],
    ['release/*', 'hotfix/1', false],
  ])('branch pattern %s against %s', (pattern, branch, matches) => {
    expect(branchMatches(pattern, branch)).toBe(matches)
  })
  it('a branch restriction blocks releases from other branches or without one', () => {
    expect(checkBranch(['main'], 'feature').verdict).toBe('block')
    expect(checkBranch(['main'], null).verdict).toBe('block')
    expect(checkBranch(null, null).verdict).toBe('pass')
  })
  it('a quarantine blocks', () => {
    expect(checkQuarantine('v2', { by: 'waka:engine', reason: 'failed health' }).verdict).toBe('block')
  })
})

describe('evaluateGates', () => {
  it('queues a promotion whose gates all pass', () => {
    expect(evaluateGates(facts()).outcome).toBe('queued')
  })
  it('awaits approval when approvals are missing', () => {
    const evaluation = evaluateGates(facts({ approvals: [approved('bob')] }))
    expect(evaluation.outcome).toBe('awaiting_approval')
    expect(evaluation.reason).toContain('1/2')
  })
  it('stays pending while a time gate waits, even if approvals are missing too', () => {
    const environment = anEnvironment({ gates: { approvals: anApprovalPolicy(), soakMs: 2 * 60 * MINUTE, windows: [], branches: null, rollbackReady: false } })
    const evaluation = evaluateGates(facts({ environment, approvals: [] }))
    expect(evaluation.outcome).toBe('pending')
    expect(nextGateOpening(evaluation)).toBe(NOW + 60 * MINUTE)
  })
  it('rejects when any gate blocks, naming every blocking gate', () => {
    const evaluation = evaluateGates(facts({ quarantine: { by: 'ops', reason: 'bad' }, freeze: { by: 'ops', reason: 'incident', expiresAt: null } }))
    expect(evaluation.outcome).toBe('rejected')
    expect(evaluation.reason).toContain('quarantined')
    expect(evaluation.reason).toContain('frozen')
  })
  it('lets a rollback through a freeze, a closed window and missing approvals', () => {
    const environment = anEnvironment({
      gates: { approvals: anApprovalPolicy(), soakMs: 0, windows: [{ days: ['sun'], fromMinute: 0, toMinute: 1, timezone: 'UTC' }], branches: ['main'], rollbackReady: false },
    })
    const evaluation = evaluateGates(facts({ kind: 'rollback', environment, approvals: [], freeze: { by: 'ops', reason: 'incident', expiresAt: null }, release: { version: 'v1', branch: null } }))
    expect(evaluation.outcome).toBe('queued')
  })
  it('still refuses a rollback to a quarantined release', () => {
    expect(evaluateGates(facts({ kind: 'rollback', quarantine: { by: 'ops', reason: 'bad' } })).outcome).toBe('rejected')
  })
  it('rejects a promotion of a release that never succeeded upstream', () => {
    expect(evaluateGates(facts({ upstream: { environment: 'staging', succeeded: false, liveSince: null, longestLiveMs: 0 } })).outcome).toBe('rejected')
  })
})
