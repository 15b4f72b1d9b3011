import { describe, expect, it } from 'vitest'
import { evaluateGates } from '../gates/evaluate-gates.ts'
import { checkRollbackReady } from '../gates/rollback-ready-gate.ts'
import { assessRollbackReadiness, type ReadinessFacts, type TargetReleaseCheck } from './rollback-readiness.ts'

const v2 = { id: 2, version: 'v2', digest: `sha256:${'b'.repeat(64)}` }
const verified = (target: string): TargetReleaseCheck => ({ target, state: 'verified', message: 'matches' })
const facts = (overrides: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  service: 'web',
  environment: 'production',
  release: v2,
  quarantine: null,
  probe: { releaseId: 2, driver: 'ssh', targets: [verified('prod-1'), verified('prod-2')] },
  ...overrides,
})
const verdicts = (input: ReadinessFacts) => Object.fromEntries(assessRollbackReadiness(input).checks.map((check) => [check.check, check.verdict]))

describe('rollback readiness (pure)', () => {
  it.each([
    ['ready: known, not quarantined, intact on every target', facts(), true, { previous: 'pass', quarantine: 'pass', reachable: 'pass', targets: 'pass' }],
    ['no release to return to', facts({ release: null }), false, { previous: 'fail' }],
    ['the release to return to is quarantined', facts({ quarantine: { by: 'ops', reason: 'leaks' } }), false, { previous: 'pass', quarantine: 'fail', reachable: 'pass', targets: 'pass' }],
    [
      'one target lost the release directory',
      facts({ probe: { releaseId: 2, driver: 'ssh', targets: [verified('prod-1'), { target: 'prod-2', state: 'missing', message: 'gone' }] } }),
      false,
      { previous: 'pass', quarantine: 'pass', reachable: 'pass', targets: 'fail' },
    ],
    [
      'one target unreachable',
      facts({ probe: { releaseId: 2, driver: 'ssh', targets: [verified('prod-1'), { target: 'prod-2', state: 'unreachable', message: 'ECONNREFUSED' }] } }),
      false,
      { previous: 'pass', quarantine: 'pass', reachable: 'fail', targets: 'unknown' },
    ],
    ['a driver that cannot tell', facts({ probe: { releaseId: 2, driver: 'container', targets: null } }), false, { previous: 'pass', quarantine: 'pass', reachable: 'unknown', targets: 'unknown' }],
    ['targets not asked: the ledger part alone', facts({ probe: null }), true, { previous: 'pass', quarantine: 'pass' }],
    ['an answer about another release is ignored', facts({ probe: { releaseId: 9, driver: 'ssh', targets: [] } }), true, { previous: 'pass', quarantine: 'pass' }],
  ])('%s', (_name, input, ready, expected) => {
    expect(assessRollbackReadiness(input).ready).toBe(ready)
    expect(verdicts(input)).toEqual(expected)
  })

  it('names the target and what was found', () => {
    const readiness = assessRollbackReadiness(facts({ probe: { releaseId: 2, driver: 'ssh', targets: [{ target: 'prod-2', state: 'damaged', message: 'version.txt has sha256 abc' }] } }))
    expect(checkRollbackReady(readiness)).toMatchObject({ verdict: 'block', message: expect.stringContaining('prod-2: version.txt has sha256 abc') as unknown })
  })

  it('the rollbackReady gate rejects a promotion whose rollback would not work, and passes one whose would', () => {
    const base = {
      now: 0,
      kind: 'promotion' as const,
      access: { groups: {}, grants: [] },
      release: { version: 'v3', branch: null },
      approvalSubject: { deploymentId: 3, environment: 'production', releaseDigest: v2.digest, requester: 'alice', policyHash: 'p' },
      approvals: [],
      quarantine: null,
      freeze: null,
      upstream: null,
      environment: {
        name: 'production',
        promoteFrom: null,
        autoDeploy: null,
        queue: 'fifo' as const,
        confirm: false,
        gates: { approvals: null, soakMs: 0, windows: [], branches: null, rollbackReady: true },
        rollback: { auto: true, keepReleases: 5, quarantineFailed: true },
        executor: 'server' as const,
      },
    }
    const notReady = evaluateGates({ ...base, rollbackReadiness: assessRollbackReadiness(facts({ release: null })) })
    expect(notReady).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('a rollback would not work: web has no verified release') as unknown })
    expect(evaluateGates({ ...base, rollbackReadiness: assessRollbackReadiness(facts()) }).outcome).toBe('queued')
  })
})
