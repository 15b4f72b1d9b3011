import { describe, expect, it } from 'vitest'
import type { Deployment, DeploymentDetail, Release } from '../../api/types.ts'
import { timelineOf } from './timeline.ts'

const release: Release = {
  id: 1,
  service: 'web',
  version: 'v2',
  digest: `sha256:${'ab'.repeat(32)}`,
  artifact: { kind: 'directory', files: 1, bytes: 1 },
  source: { repository: null, commit: null, branch: 'main', buildUrl: null, committedAt: null },
  createdBy: 'ci',
  createdAt: '2026-01-01T10:00:00.000Z',
}

const deployment: Deployment = {
  id: 7,
  service: 'web',
  environment: 'production',
  kind: 'promotion',
  releaseId: 1,
  releaseVersion: 'v2',
  releaseDigest: release.digest,
  status: 'succeeded',
  statusReason: 'v2 is live and healthy',
  requestedBy: 'alice',
  reason: 'ship it',
  fromEnvironment: 'staging',
  rollbackOf: null,
  automatic: false,
  epoch: 3,
  previousReleaseId: null,
  policyHash: 'c'.repeat(64),
  createdAt: '2026-01-01T10:01:00.000Z',
  updatedAt: '2026-01-01T10:05:00.000Z',
  startedAt: '2026-01-01T10:03:00.000Z',
  finishedAt: '2026-01-01T10:05:00.000Z',
}

const detail: DeploymentDetail = {
  deployment,
  release,
  approvals: [{ id: 1, deploymentId: 7, decision: 'approve', actor: 'bob', comment: 'diff looks fine', releaseDigest: release.digest, environment: 'production', policyHash: deployment.policyHash, createdAt: '2026-01-01T10:02:00.000Z' }],
  steps: [{ id: 1, deploymentId: 7, name: 'prepare', status: 'succeeded', epoch: 3, startedAt: '2026-01-01T10:03:01.000Z', finishedAt: '2026-01-01T10:03:02.000Z', detail: null }],
  rollbacks: [],
}

describe('timelineOf', () => {
  it('tells who did what, in time order, with the lock epoch of what ran under it', () => {
    expect(timelineOf(detail).map((entry) => [entry.actor, entry.what, entry.epoch])).toEqual([
      ['alice', 'requested promotion', null],
      ['bob', 'approved', null],
      ['waka:engine', 'started running', 3],
      ['waka:engine', 'prepare started', 3],
      ['waka:engine', 'prepare succeeded', 3],
      ['waka:engine', 'succeeded', 3],
    ])
  })

  it('shows what a deployment that has not started waits for, and links the rollbacks it caused', () => {
    const waiting = timelineOf({ ...detail, deployment: { ...deployment, status: 'awaiting_approval', statusReason: 'approvals 0/1', startedAt: null, finishedAt: null, epoch: null }, approvals: [], steps: [] })
    expect(waiting.at(-1)).toMatchObject({ what: 'awaiting approval', note: 'approvals 0/1', actor: null })
    const rollback = { ...deployment, id: 8, kind: 'rollback' as const, rollbackOf: 7, releaseVersion: 'v1', createdAt: '2026-01-01T10:06:00.000Z' }
    expect(timelineOf({ ...detail, rollbacks: [rollback] }).at(-1)).toMatchObject({ what: 'rollback #8 to v1 (succeeded)', link: '/deployments/8' })
  })
})
