import { describe, expect, it } from 'vitest'
import type { DeploymentStatus } from '../../core/deployment/deployment-machine.ts'
import type { NewDeployment, Store } from '../../core/store.ts'
import { aDeployment, at, digestOf, insertRelease, type Subject } from './fixtures.ts'

interface Run {
  readonly releaseId: number
  readonly status: DeploymentStatus
  /** Seconds after the fixtures' epoch. */
  readonly start: number
  readonly end: number
}

/** A deployment that ran from `start` to `end` and ended in `status`. */
const ran = async (store: Store, { releaseId, status, start, end }: Run, overrides: Partial<NewDeployment> = {}) => {
  const { id } = await store.write((tx) => tx.insertDeployment(aDeployment(releaseId, { environment: 'production', createdAt: at(start - 1), ...overrides })))
  const move = (from: DeploymentStatus, to: DeploymentStatus, patch: Record<string, string>) =>
    store.write((tx) => tx.transitionDeployment({ id, from: [from], to, patch: { updatedAt: at(end), ...patch } }))
  await move('pending', 'queued', {})
  if (status === 'cancelled') return (await move('queued', 'cancelled', {}))?.id ?? id
  await move('queued', 'running', { startedAt: at(start) })
  const last = status === 'succeeded' ? 'verifying' : 'running'
  if (last === 'verifying') await move('running', 'verifying', {})
  await move(last, status, { finishedAt: at(end) })
  return id
}

export const outcomeCases = (subject: Subject): void => {
  describe('deployment outcomes (DORA)', () => {
    it('reads the deployments finished since a time, with commit time, quarantine and earlier success', async () => {
      const { store } = subject()
      const v1 = await insertRelease(store, { version: 'v1', digest: digestOf('v1') })
      const v2 = await insertRelease(store, { version: 'v2', digest: digestOf('v2'), source: { ...v1.source, committedAt: null } })
      const early = await ran(store, { releaseId: v1.id, status: 'succeeded', start: 100, end: 110 })
      const again = await ran(store, { releaseId: v1.id, status: 'succeeded', start: 1000, end: 1010 })
      const failed = await ran(store, { releaseId: v2.id, status: 'failed', start: 2000, end: 2020 }, { kind: 'promotion', fromEnvironment: 'staging' })
      const rollback = await ran(store, { releaseId: v1.id, status: 'succeeded', start: 2030, end: 2040 }, { kind: 'rollback', rollbackOf: failed, automatic: true })
      await ran(store, { releaseId: v2.id, status: 'errored', start: 3000, end: 3010 })
      await ran(store, { releaseId: v2.id, status: 'cancelled', start: 3100, end: 3110 })
      await ran(store, { releaseId: v2.id, status: 'succeeded', start: 3200, end: 3210 }, { environment: 'staging' })
      await ran(store, { releaseId: v1.id, status: 'interrupted', start: 3300, end: 3310 }, { service: 'api' })
      await store.write((tx) => tx.insertQuarantine({ service: 'web', releaseId: v2.id, by: 'alice', reason: 'bad', createdAt: at(2025) }))

      const outcomes = await store.listDeploymentOutcomes({ finishedSince: at(500), environments: ['production'] })
      expect(outcomes).toEqual([
        { id: again, service: 'web', environment: 'production', kind: 'deploy', status: 'succeeded', releaseId: v1.id, rollbackOf: null, startedAt: at(1000), finishedAt: at(1010), committedAt: v1.source.committedAt, quarantinedAt: null, succeededBefore: true },
        { id: failed, service: 'web', environment: 'production', kind: 'promotion', status: 'failed', releaseId: v2.id, rollbackOf: null, startedAt: at(2000), finishedAt: at(2020), committedAt: null, quarantinedAt: at(2025), succeededBefore: false },
        { id: rollback, service: 'web', environment: 'production', kind: 'rollback', status: 'succeeded', releaseId: v1.id, rollbackOf: failed, startedAt: at(2030), finishedAt: at(2040), committedAt: v1.source.committedAt, quarantinedAt: null, succeededBefore: true },
        expect.objectContaining({ service: 'api', status: 'interrupted', succeededBefore: false }),
      ])
      expect(outcomes.map((o) => o.id)).not.toContain(early)

      const web = await store.listDeploymentOutcomes({ finishedSince: at(0), environments: ['production', 'staging'], service: 'web' })
      expect(web.map((o) => [o.environment, o.status])).toEqual([
        ['production', 'succeeded'],
        ['production', 'succeeded'],
        ['production', 'failed'],
        ['production', 'succeeded'],
        ['staging', 'succeeded'],
      ])
      expect(await store.listDeploymentOutcomes({ finishedSince: at(0), environments: [] })).toEqual([])
      expect(await store.listDeploymentOutcomes({ finishedSince: at(5000), environments: ['production'] })).toEqual([])
    })
  })
}
