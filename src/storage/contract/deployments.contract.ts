import { describe, expect, it } from 'vitest'
import { InternalError } from '../../core/errors.ts'
import { aDeployment, at, digestOf, insertDeployment, insertRelease, walk, type Subject } from './fixtures.ts'

export const deploymentCases = (subject: Subject): void => {
  describe('deployments', () => {
    it('inserts a pending deployment that carries its release’s version and digest', async () => {
      const { store } = subject()
      const release = await insertRelease(store)
      const request = aDeployment(release.id, { kind: 'promotion', fromEnvironment: 'staging', environment: 'production', automatic: true, reason: 'nightly' })
      const deployment = await store.write((tx) => tx.insertDeployment(request))

      const { createdAt, ...requested } = request
      expect(deployment).toEqual({
        id: deployment.id,
        ...requested,
        releaseVersion: release.version,
        releaseDigest: release.digest,
        status: 'pending',
        statusReason: null,
        epoch: null,
        previousReleaseId: null,
        createdAt,
        updatedAt: createdAt,
        startedAt: null,
        finishedAt: null,
      })
      expect(await store.getDeployment(deployment.id)).toEqual(deployment)
      expect(await store.getDeployment(deployment.id + 1)).toBeNull()
    })

    it('applies a transition with its patch and leaves unpatched fields alone', async () => {
      const { store } = subject()
      const previous = await insertRelease(store, { version: 'v0.9.0', digest: digestOf('v0.9.0') })
      const deployment = await insertDeployment(store)
      await walk(store, deployment.id, ['pending', 'queued'])

      const running = await store.write((tx) =>
        tx.transitionDeployment({
          id: deployment.id,
          from: ['queued'],
          to: 'running',
          patch: { statusReason: 'lock taken', epoch: 3, previousReleaseId: previous.id, startedAt: at(20), updatedAt: at(20) },
        }),
      )
      expect(running).toMatchObject({ status: 'running', statusReason: 'lock taken', epoch: 3, previousReleaseId: previous.id, startedAt: at(20), updatedAt: at(20), finishedAt: null })

      const verifying = await store.write((tx) =>
        tx.transitionDeployment({ id: deployment.id, from: ['running'], to: 'verifying', patch: { statusReason: null, updatedAt: at(21) } }),
      )
      expect(verifying).toEqual({ ...running, status: 'verifying', statusReason: null, updatedAt: at(21) })
      expect(await store.getDeployment(deployment.id)).toEqual(verifying)
    })

    it('returns null and changes nothing when the deployment is not in a from status', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store)
      const moved = await store.write((tx) =>
        tx.transitionDeployment({ id: deployment.id, from: ['queued', 'awaiting_approval'], to: 'cancelled', patch: { updatedAt: at(30) } }),
      )
      expect(moved).toBeNull()
      expect(await store.getDeployment(deployment.id)).toEqual(deployment)
      expect(await store.write((tx) => tx.transitionDeployment({ id: 999, from: ['pending'], to: 'queued', patch: { updatedAt: at(30) } }))).toBeNull()
    })

    it('lets exactly one of two racing transitions from the same status win', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store)
      await walk(store, deployment.id, ['pending', 'queued'])

      const [cancelled, running] = await Promise.all([
        store.write((tx) => tx.transitionDeployment({ id: deployment.id, from: ['queued'], to: 'cancelled', patch: { updatedAt: at(40) } })),
        store.write((tx) => tx.transitionDeployment({ id: deployment.id, from: ['queued'], to: 'running', patch: { updatedAt: at(41) } })),
      ])
      const winners = [cancelled, running].filter((result) => result !== null)
      expect(winners).toHaveLength(1)
      expect((await store.getDeployment(deployment.id))?.status).toBe(winners[0]?.status)
    })

    it('throws InternalError for an edge the state machine does not have, before touching the row', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store)
      const illegal = store.write((tx) =>
        tx.transitionDeployment({ id: deployment.id, from: ['pending', 'running'], to: 'succeeded', patch: { updatedAt: at(50) } }),
      )
      await expect(illegal).rejects.toBeInstanceOf(InternalError)
      await expect(store.write((tx) => tx.transitionDeployment({ id: deployment.id, from: [], to: 'queued', patch: { updatedAt: at(50) } }))).rejects.toBeInstanceOf(InternalError)
      expect(await store.getDeployment(deployment.id)).toEqual(deployment)
    })

    it('refuses a fenced transition once the lease was taken again with a higher epoch', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store)
      await walk(store, deployment.id, ['pending', 'queued'])
      const lease = { service: 'web', environment: 'staging', deploymentId: deployment.id }
      const first = await store.write((tx) => tx.acquireLease({ ...lease, owner: 'host-a:1', ttlMs: 60_000 }))
      expect(first).toBe(1)
      const fenced = (epoch: number) =>
        store.write((tx) => tx.transitionDeployment({ id: deployment.id, from: ['queued'], to: 'running', patch: { updatedAt: at(60) }, fenceEpoch: epoch }))

      const second = await store.write((tx) => tx.acquireLease({ ...lease, owner: 'host-b:2', ttlMs: 60_000, takeoverFrom: 'host-a:1' }))
      expect(second).toBe(2)
      expect(await fenced(1)).toBeNull()
      expect((await store.getDeployment(deployment.id))?.status).toBe('queued')
      expect(await fenced(2)).toMatchObject({ status: 'running' })
    })

    it('refuses a fenced transition when the lease belongs to another deployment', async () => {
      const { store } = subject()
      const mine = await insertDeployment(store)
      const theirs = await insertDeployment(store)
      await walk(store, mine.id, ['pending', 'queued'])
      const epoch = await store.write((tx) => tx.acquireLease({ service: 'web', environment: 'staging', deploymentId: theirs.id, owner: 'h:1', ttlMs: 60_000 }))
      expect(epoch).toBe(1)
      const moved = await store.write((tx) =>
        tx.transitionDeployment({ id: mine.id, from: ['queued'], to: 'running', patch: { updatedAt: at(61) }, fenceEpoch: 1 }),
      )
      expect(moved).toBeNull()
    })

    it('filters and pages the deployment list by every field of the filter', async () => {
      const { store } = subject()
      const v1 = await insertRelease(store)
      const v2 = await insertRelease(store, { version: 'v2.0.0', digest: digestOf('v2.0.0') })
      const apiRelease = await insertRelease(store, { service: 'api', version: 'v1.0.0', digest: digestOf('api') })
      const add = (releaseId: number, overrides: Parameters<typeof aDeployment>[1]) => store.write((tx) => tx.insertDeployment(aDeployment(releaseId, overrides)))
      const a = await add(v1.id, {})
      const b = await add(v1.id, { environment: 'production', kind: 'promotion', fromEnvironment: 'staging' })
      const c = await add(v2.id, {})
      const d = await add(apiRelease.id, { service: 'api' })
      const e = await add(v1.id, { kind: 'rollback', rollbackOf: c.id })
      await walk(store, c.id, ['pending', 'queued', 'running', 'verifying', 'succeeded'])
      await walk(store, a.id, ['pending', 'rejected'])
      const ids = async (filter: Parameters<typeof store.listDeployments>[0]) => (await store.listDeployments(filter)).map((row) => row.id)

      expect(await ids({})).toEqual([e.id, d.id, c.id, b.id, a.id])
      expect(await ids({ order: 'oldest' })).toEqual([a.id, b.id, c.id, d.id, e.id])
      expect(await ids({ service: 'web' })).toEqual([e.id, c.id, b.id, a.id])
      expect(await ids({ service: 'web', environment: 'staging' })).toEqual([e.id, c.id, a.id])
      expect(await ids({ statuses: ['succeeded', 'rejected'] })).toEqual([c.id, a.id])
      expect(await ids({ statuses: [] })).toEqual([])
      expect(await ids({ releaseId: v1.id })).toEqual([e.id, b.id, a.id])
      expect(await ids({ kinds: ['promotion', 'rollback'] })).toEqual([e.id, b.id])
      expect(await ids({ kinds: [] })).toEqual([])
      expect(await ids({ beforeId: c.id })).toEqual([b.id, a.id])
      expect(await ids({ afterId: c.id, order: 'oldest' })).toEqual([d.id, e.id])
      expect(await ids({ limit: 2 })).toEqual([e.id, d.id])
      expect(await ids({ beforeId: d.id, limit: 2 })).toEqual([c.id, b.id])
      expect(await ids({ service: 'web', statuses: ['pending'], kinds: ['rollback'], releaseId: v1.id })).toEqual([e.id])
    })
  })

  describe('approvals', () => {
    it('records approvals bound to what the approver saw and lists them in order', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store, { environment: 'production' })
      const other = await insertDeployment(store, { environment: 'production' })
      const decision = {
        deploymentId: deployment.id,
        releaseDigest: deployment.releaseDigest,
        environment: 'production',
        policyHash: 'policy-1',
        createdAt: at(70),
      }
      const approved = await store.write((tx) => tx.insertApproval({ ...decision, decision: 'approve', actor: 'bob', comment: 'looks good' }))
      const rejected = await store.write((tx) => tx.insertApproval({ ...decision, decision: 'reject', actor: 'carol', comment: 'not today' }))
      await store.write((tx) => tx.insertApproval({ ...decision, deploymentId: other.id, decision: 'approve', actor: 'bob', comment: '' }))

      expect(approved).toEqual({ id: approved.id, ...decision, decision: 'approve', actor: 'bob', comment: 'looks good' })
      expect(await store.listApprovals(deployment.id)).toEqual([approved, rejected])
      expect(await store.listApprovals(999)).toEqual([])
    })
  })
}
