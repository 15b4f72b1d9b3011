import { describe, expect, it } from 'vitest'
import type { DeploymentStatus } from '../deployment/deployment-machine.ts'
import type { DeploymentKind } from '../deployment/deployment.ts'
import { planRollback, succeededIn, type RollbackHistoryEntry } from './plan-rollback.ts'

let nextId = 100
const entry = (releaseId: number, status: DeploymentStatus, kind: DeploymentKind = 'deploy'): RollbackHistoryEntry => ({
  id: nextId--,
  kind,
  status,
  releaseId,
})

describe('planRollback (history newest first)', () => {
  it.each([
    ['nothing ever deployed has no current release and no target', [], null, null],
    ['a single success has nowhere to go back to', [entry(1, 'succeeded')], 1, null],
    ['goes back to the release before the current one', [entry(3, 'succeeded'), entry(1, 'succeeded')], 3, 1],
    ['a failed deployment is current (it may run) and the last success is the target', [entry(2, 'failed'), entry(1, 'succeeded')], 2, 1],
    ['an interrupted deployment counts as current', [entry(2, 'interrupted'), entry(1, 'succeeded')], 2, 1],
    ['errored and cancelled deployments never touched the targets', [entry(2, 'errored'), entry(5, 'cancelled'), entry(3, 'succeeded'), entry(1, 'succeeded')], 3, 1],
    ['never returns to a release that only failed', [entry(3, 'succeeded'), entry(2, 'failed'), entry(1, 'succeeded')], 3, 1],
    [
      'a second rollback goes further back instead of undoing the first',
      [entry(1, 'succeeded', 'rollback'), entry(3, 'succeeded'), entry(1, 'succeeded'), entry(0, 'succeeded')],
      1,
      0,
    ],
    ['after an automatic rollback nothing older exists', [entry(1, 'succeeded', 'rollback'), entry(2, 'failed'), entry(1, 'succeeded')], 1, null],
    ['skips a target equal to the current release', [entry(1, 'succeeded'), entry(1, 'succeeded'), entry(4, 'succeeded')], 1, 4],
    ['retries a rollback that failed', [entry(1, 'failed', 'rollback'), entry(3, 'succeeded'), entry(1, 'succeeded')], 1, 1],
    ['retries a rollback that was interrupted', [entry(1, 'interrupted', 'rollback'), entry(2, 'failed'), entry(1, 'succeeded')], 1, 1],
  ] as const)('%s', (_name, history, current, target) => {
    expect(planRollback(history)).toMatchObject({ currentReleaseId: current, targetReleaseId: target })
  })

  it('knows whether the current release was verified', () => {
    expect(planRollback([entry(2, 'succeeded'), entry(1, 'succeeded')]).currentVerified).toBe(true)
    expect(planRollback([entry(2, 'interrupted'), entry(1, 'succeeded')]).currentVerified).toBe(false)
  })

  it('only releases that succeeded in the environment are rollback targets', () => {
    const history = [entry(2, 'failed'), entry(1, 'succeeded')]
    expect(succeededIn(history, 1)).toBe(true)
    expect(succeededIn(history, 2)).toBe(false)
    expect(succeededIn(history, 9)).toBe(false)
  })
})
