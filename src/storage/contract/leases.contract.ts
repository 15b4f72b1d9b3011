import { describe, expect, it } from 'vitest'
import type { AcquireLease, Store } from '../../core/store.ts'
import { at, eventually, insertDeployment, type Subject } from './fixtures.ts'

const STAGING = { service: 'web', environment: 'staging' } as const

const acquire = (store: Store, request: Omit<AcquireLease, 'service' | 'environment'>) =>
  store.write((tx) => tx.acquireLease({ ...STAGING, ...request }))

/** Two deployments of web to staging, competing for its lease. */
const twoDeployments = async (store: Store) => [(await insertDeployment(store)).id, (await insertDeployment(store)).id] as const

export const leaseCases = (subject: Subject): void => {
  describe('leases', () => {
    it('grants the first acquisition epoch 1 and records the holder', async () => {
      const { store } = subject()
      const [first] = await twoDeployments(store)
      expect(await store.getLease('web', 'staging')).toBeNull()

      expect(await acquire(store, { deploymentId: first, owner: 'host-a:10', ttlMs: 60_000 })).toBe(1)
      expect(await store.getLease('web', 'staging')).toMatchObject({ ...STAGING, epoch: 1, deploymentId: first, owner: 'host-a:10', hold: null })
      expect((await store.getLease('web', 'staging'))?.expiresAtMs).toEqual(expect.any(Number))
      expect(await store.listLeases()).toHaveLength(1)
    })

    it('raises the epoch on every acquisition across release cycles and keeps it when released', async () => {
      const { store } = subject()
      const [first, second] = await twoDeployments(store)
      const epochs = []
      for (const deploymentId of [first, second, first]) {
        const epoch = await acquire(store, { deploymentId, owner: 'host-a:10', ttlMs: 60_000 })
        if (epoch === null) throw new Error('the lease was free but acquisition failed')
        epochs.push(epoch)
        expect(await store.write((tx) => tx.releaseLease({ ...STAGING, deploymentId, epoch }))).toBe(true)
      }
      expect(epochs).toEqual([1, 2, 3])
      expect(await store.getLease('web', 'staging')).toMatchObject({ epoch: 3, deploymentId: null, owner: null, expiresAtMs: null })
    })

    it('keeps leases of different environments apart', async () => {
      const { store } = subject()
      const [first, second] = await twoDeployments(store)
      expect(await acquire(store, { deploymentId: first, owner: 'a', ttlMs: 60_000 })).toBe(1)
      expect(await store.write((tx) => tx.acquireLease({ service: 'web', environment: 'production', deploymentId: second, owner: 'a', ttlMs: 60_000 }))).toBe(1)
      expect((await store.listLeases()).map((lease) => lease.environment)).toEqual(['production', 'staging'])
    })

    it('refuses acquisition while another deployment holds an unexpired lease', async () => {
      const { store } = subject()
      const [first, second] = await twoDeployments(store)
      await acquire(store, { deploymentId: first, owner: 'host-a:10', ttlMs: 60_000 })
      expect(await acquire(store, { deploymentId: second, owner: 'host-b:20', ttlMs: 60_000 })).toBeNull()
      expect(await store.getLease('web', 'staging')).toMatchObject({ epoch: 1, deploymentId: first, owner: 'host-a:10' })
    })

    it('grants the lease to another deployment once the holder’s expiry has passed by the store’s clock', async () => {
      const { store } = subject()
      const [first, second] = await twoDeployments(store)
      await acquire(store, { deploymentId: first, owner: 'host-a:10', ttlMs: 1 })
      const epoch = await eventually(() => acquire(store, { deploymentId: second, owner: 'host-b:20', ttlMs: 60_000 }))
      expect(epoch).toBe(2)
      expect(await store.getLease('web', 'staging')).toMatchObject({ deploymentId: second, owner: 'host-b:20' })
    })

    it('hands an unexpired lease over only to a caller naming the current owner', async () => {
      const { store } = subject()
      const [first] = await twoDeployments(store)
      await acquire(store, { deploymentId: first, owner: 'host-a:10', ttlMs: 60_000 })
      expect(await acquire(store, { deploymentId: first, owner: 'host-b:20', ttlMs: 60_000, takeoverFrom: 'host-c:30' })).toBeNull()
      expect(await acquire(store, { deploymentId: first, owner: 'host-b:20', ttlMs: 60_000, takeoverFrom: 'host-a:10' })).toBe(2)
      expect(await store.getLease('web', 'staging')).toMatchObject({ epoch: 2, owner: 'host-b:20' })
    })

    it('renews only while the deployment and epoch still hold the lease', async () => {
      const { store } = subject()
      const [first] = await twoDeployments(store)
      await acquire(store, { deploymentId: first, owner: 'host-a:10', ttlMs: 1_000 })
      const before = (await store.getLease('web', 'staging'))?.expiresAtMs ?? Infinity
      await acquire(store, { deploymentId: first, owner: 'host-b:20', ttlMs: 1_000, takeoverFrom: 'host-a:10' })

      expect(await store.write((tx) => tx.renewLease({ ...STAGING, deploymentId: first, epoch: 1 }, 600_000))).toBe(false)
      expect(await store.write((tx) => tx.renewLease({ ...STAGING, deploymentId: first + 1, epoch: 2 }, 600_000))).toBe(false)
      expect(await store.write((tx) => tx.renewLease({ ...STAGING, deploymentId: first, epoch: 2 }, 600_000))).toBe(true)
      expect((await store.getLease('web', 'staging'))?.expiresAtMs).toBeGreaterThan(before)
    })

    it('releases only for the deployment and epoch that hold the lease', async () => {
      const { store } = subject()
      const [first, second] = await twoDeployments(store)
      await acquire(store, { deploymentId: first, owner: 'host-a:10', ttlMs: 60_000 })
      expect(await store.write((tx) => tx.releaseLease({ ...STAGING, deploymentId: second, epoch: 1 }))).toBe(false)
      expect(await store.write((tx) => tx.releaseLease({ ...STAGING, deploymentId: first, epoch: 0 }))).toBe(false)
      expect(await store.getLease('web', 'staging')).toMatchObject({ deploymentId: first, owner: 'host-a:10' })
    })

    it('lets a hold block acquisition of a free lease without changing the epoch', async () => {
      const { store } = subject()
      const [first] = await twoDeployments(store)
      const hold = { by: 'oncall', reason: 'investigating an outage', at: at(80) }

      expect(await store.write((tx) => tx.placeHold('web', 'staging', hold))).toBe(true)
      expect(await store.getLease('web', 'staging')).toMatchObject({ epoch: 0, deploymentId: null, hold })
      expect(await acquire(store, { deploymentId: first, owner: 'a', ttlMs: 60_000 })).toBeNull()
      expect(await store.write((tx) => tx.placeHold('web', 'staging', { ...hold, by: 'someone-else' }))).toBe(false)
      expect(await store.getLease('web', 'staging')).toMatchObject({ epoch: 0, hold })

      expect(await store.write((tx) => tx.clearHold('web', 'staging'))).toBe(true)
      expect(await store.write((tx) => tx.clearHold('web', 'staging'))).toBe(false)
      expect(await acquire(store, { deploymentId: first, owner: 'a', ttlMs: 60_000 })).toBe(1)
    })

    it('lets a hold on a held lease keep the holder but block takeover and acquisition after expiry', async () => {
      const { store } = subject()
      const [first, second] = await twoDeployments(store)
      const hold = { by: 'oncall', reason: 'freeze the lock', at: at(81) }
      await acquire(store, { deploymentId: first, owner: 'host-a:10', ttlMs: 1 })

      expect(await store.write((tx) => tx.placeHold('web', 'staging', hold))).toBe(true)
      expect(await store.getLease('web', 'staging')).toMatchObject({ epoch: 1, deploymentId: first, owner: 'host-a:10', hold })
      expect(await acquire(store, { deploymentId: second, owner: 'host-b:20', ttlMs: 60_000, takeoverFrom: 'host-a:10' })).toBeNull()

      // a later 1 ms lease elsewhere that has expired proves the staging one has expired too
      const production = { service: 'web', environment: 'production', owner: 'x', ttlMs: 1 }
      await store.write((tx) => tx.acquireLease({ ...production, deploymentId: first }))
      await eventually(() => store.write((tx) => tx.acquireLease({ ...production, deploymentId: second })))
      expect(await acquire(store, { deploymentId: second, owner: 'host-b:20', ttlMs: 60_000 })).toBeNull()
      expect(await store.getLease('web', 'staging')).toMatchObject({ epoch: 1, deploymentId: first, hold })
    })
  })
}
