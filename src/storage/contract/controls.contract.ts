import { describe, expect, it } from 'vitest'
import { at, digestOf, insertRelease, type Subject } from './fixtures.ts'

export const controlCases = (subject: Subject): void => {
  describe('freezes', () => {
    it('puts, replaces, lists and deletes a freeze', async () => {
      const { store } = subject()
      const freeze = { environment: 'production', by: 'oncall', reason: 'incident 42', createdAt: at(90), expiresAt: at(3_600) }
      await store.write((tx) => tx.putFreeze(freeze))
      await store.write((tx) => tx.putFreeze({ ...freeze, environment: 'staging', expiresAt: null }))
      expect(await store.getFreeze('production')).toEqual(freeze)

      const extended = { ...freeze, by: 'lead', reason: 'incident 42, extended', expiresAt: null }
      await store.write((tx) => tx.putFreeze(extended))
      expect(await store.getFreeze('production')).toEqual(extended)
      expect((await store.listFreezes()).map((row) => row.environment)).toEqual(['production', 'staging'])

      expect(await store.write((tx) => tx.deleteFreeze('production'))).toBe(true)
      expect(await store.write((tx) => tx.deleteFreeze('production'))).toBe(false)
      expect(await store.getFreeze('production')).toBeNull()
    })
  })

  describe('quarantines', () => {
    it('quarantines a release once, keeps the first record, lists by service and lifts it', async () => {
      const { store } = subject()
      const web = await insertRelease(store)
      const api = await insertRelease(store, { service: 'api', digest: digestOf('api') })
      const quarantine = { service: 'web', releaseId: web.id, by: 'oncall', reason: 'corrupts sessions', createdAt: at(100) }
      await store.write((tx) => tx.insertQuarantine(quarantine))
      await store.write((tx) => tx.insertQuarantine({ ...quarantine, by: 'someone-else', reason: 'again', createdAt: at(101) }))
      await store.write((tx) => tx.insertQuarantine({ ...quarantine, service: 'api', releaseId: api.id }))

      expect(await store.getQuarantine('web', web.id)).toEqual(quarantine)
      expect(await store.getQuarantine('web', api.id)).toBeNull()
      expect(await store.listQuarantines('web')).toEqual([quarantine])
      expect(await store.listQuarantines()).toHaveLength(2)

      expect(await store.write((tx) => tx.deleteQuarantine('web', web.id))).toBe(true)
      expect(await store.write((tx) => tx.deleteQuarantine('web', web.id))).toBe(false)
      expect(await store.listQuarantines('web')).toEqual([])
    })
  })

  describe('auto-deploy pauses', () => {
    it('pauses auto-deploy once, keeps the first reason, lists and resumes', async () => {
      const { store } = subject()
      const pause = { service: 'web', environment: 'staging', by: 'waka', reason: 'automatic rollback #7 failed', createdAt: at(110) }
      await store.write((tx) => tx.pauseAutoDeploy(pause))
      await store.write((tx) => tx.pauseAutoDeploy({ ...pause, by: 'alice', reason: 'manual' }))
      await store.write((tx) => tx.pauseAutoDeploy({ ...pause, environment: 'production' }))

      expect(await store.getAutoDeployPause('web', 'staging')).toEqual(pause)
      expect(await store.getAutoDeployPause('api', 'staging')).toBeNull()
      expect((await store.listAutoDeployPauses()).map((row) => row.environment)).toEqual(['production', 'staging'])

      expect(await store.write((tx) => tx.resumeAutoDeploy('web', 'staging'))).toBe(true)
      expect(await store.write((tx) => tx.resumeAutoDeploy('web', 'staging'))).toBe(false)
      expect(await store.getAutoDeployPause('web', 'staging')).toBeNull()
    })
  })
}
