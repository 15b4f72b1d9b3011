import { describe, expect, it } from 'vitest'
import { at, insertDeployment, insertRelease, type Subject } from './fixtures.ts'

export const ledgerVersionCases = (subject: Subject): void => {
  describe('the ledger version', () => {
    it('rises with every committed write, stays put on reads and on a write that rolled back', async () => {
      const { store } = subject()
      const start = await store.ledgerVersion()
      await store.listDeployments({ order: 'newest', limit: 5 })
      expect(await store.ledgerVersion()).toBe(start)
      await insertRelease(store)
      const afterRelease = await store.ledgerVersion()
      expect(afterRelease).toBeGreaterThan(start)
      await store.write((tx) => tx.putFreeze({ environment: 'production', by: 'oncall', reason: 'incident', createdAt: at(1), expiresAt: null }))
      const afterFreeze = await store.ledgerVersion()
      expect(afterFreeze).toBeGreaterThan(afterRelease)
      await expect(
        store.write(async (tx) => {
          await tx.deleteFreeze('production')
          throw new Error('changed my mind')
        }),
      ).rejects.toThrow('changed my mind')
      expect(await store.ledgerVersion()).toBe(afterFreeze)
      expect(await store.getFreeze('production')).not.toBeNull()
    })

    it('is the same number for every store on the database: a write through one is seen by the others', async () => {
      const { store } = subject()
      const other = await subject().openAnother()
      try {
        expect(await other.ledgerVersion()).toBe(await store.ledgerVersion())
        await insertDeployment(store)
        expect(await other.ledgerVersion()).toBe(await store.ledgerVersion())
        const before = await store.ledgerVersion()
        await other.write((tx) => tx.putFreeze({ environment: 'staging', by: 'oncall', reason: 'from the other', createdAt: at(2), expiresAt: null }))
        expect(await store.ledgerVersion()).toBeGreaterThan(before)
        expect((await store.getFreeze('staging'))?.reason).toBe('from the other')
      } finally {
        await other.close()
      }
    })
  })
}
