import { describe, expect, it } from 'vitest'
import { canTransition, DEPLOYMENT_STATUSES, DEPLOYMENT_TRANSITIONS, isTerminal, type DeploymentStatus } from './deployment-machine.ts'

/** The edges DESIGN.md draws; everything else must be refused. */
const ALLOWED: readonly (readonly [DeploymentStatus, DeploymentStatus])[] = [
  ['pending', 'awaiting_approval'],
  ['pending', 'queued'],
  ['pending', 'rejected'],
  ['pending', 'cancelled'],
  ['pending', 'superseded'],
  ['awaiting_approval', 'queued'],
  ['awaiting_approval', 'rejected'],
  ['awaiting_approval', 'cancelled'],
  ['awaiting_approval', 'superseded'],
  ['queued', 'running'],
  ['queued', 'cancelled'],
  ['queued', 'superseded'],
  ['running', 'verifying'],
  ['running', 'failed'],
  ['running', 'errored'],
  ['running', 'interrupted'],
  ['verifying', 'succeeded'],
  ['verifying', 'failed'],
  ['verifying', 'errored'],
  ['verifying', 'interrupted'],
]

describe('deployment state machine', () => {
  const cases = DEPLOYMENT_STATUSES.flatMap((from) => DEPLOYMENT_STATUSES.map((to) => [from, to] as const))
  it.each(cases)('%s → %s is allowed only where the design draws an edge', (from, to) => {
    const drawn = ALLOWED.some(([a, b]) => a === from && b === to)
    expect(canTransition(from, to)).toBe(drawn)
  })

  it('every status is reachable from pending', () => {
    const reached = new Set<DeploymentStatus>(['pending'])
    for (let changed = true; changed; ) {
      changed = false
      for (const from of [...reached])
        for (const to of DEPLOYMENT_TRANSITIONS[from])
          if (!reached.has(to)) {
            reached.add(to)
            changed = true
          }
    }
    expect([...reached].sort()).toEqual([...DEPLOYMENT_STATUSES].sort())
  })

  it.each(['succeeded', 'failed', 'errored', 'interrupted', 'rejected', 'cancelled', 'superseded'] as const)(
    'a finished deployment (%s) is never reopened',
    (status) => {
      expect(isTerminal(status)).toBe(true)
      expect(DEPLOYMENT_TRANSITIONS[status]).toEqual([])
    },
  )

  it.each(['pending', 'awaiting_approval', 'queued', 'running', 'verifying'] as const)('%s is not terminal', (status) => {
    expect(isTerminal(status)).toBe(false)
  })
})
