import { describe, expect, it } from 'vitest'
import { GENESIS_HASH, verifyAuditChain } from '../../core/audit/audit-chain.ts'
import type { Store } from '../../core/store.ts'
import { sha256Hex } from '../sha256-hex.ts'
import { anAuditEvent, at, type Subject } from './fixtures.ts'

const appendThree = async (store: Store) => {
  const events = []
  for (const action of ['deployment.requested', 'deployment.approved', 'deployment.started'])
    events.push(await store.write((tx) => tx.appendAudit(anAuditEvent({ action, at: at(140 + events.length) }))))
  return events
}

export const auditCases = (subject: Subject): void => {
  describe('audit log', () => {
    it('chains events from the genesis hash, numbered from 1, and they verify', async () => {
      const { store } = subject()
      const events = await appendThree(store)

      expect(events.map((event) => event.seq)).toEqual([1, 2, 3])
      expect(events[0]?.prevHash).toBe(GENESIS_HASH)
      expect(events[1]?.prevHash).toBe(events[0]?.hash)
      expect(events[2]?.prevHash).toBe(events[1]?.hash)
      expect(await store.listAudit(0, 100)).toEqual(events)
      expect(verifyAuditChain(events, sha256Hex)).toEqual({ ok: true, events: 3, head: events[2]?.hash })
    })

    it('appends recorded events when the transaction commits, in order, and none when it rolls back', async () => {
      const { store } = subject()
      await store.write(async (tx) => {
        tx.recordAudit(anAuditEvent({ action: 'test.first' }))
        tx.recordAudit(anAuditEvent({ action: 'test.second' }))
        expect(await tx.listAudit(0, 10)).toEqual([])
      })
      const rolledBack = store.write(async (tx) => {
        tx.recordAudit(anAuditEvent({ action: 'test.lost' }))
        await tx.listAudit(0, 1)
        throw new Error('rolled back')
      })
      await expect(rolledBack).rejects.toThrow('rolled back')
      const appended = await store.write((tx) => {
        tx.recordAudit(anAuditEvent({ action: 'test.third' }))
        return tx.appendAudit(anAuditEvent({ action: 'test.fourth' }))
      })

      const events = await store.listAudit(0, 100)
      expect(events.map((event) => [event.seq, event.action])).toEqual([
        [1, 'test.first'],
        [2, 'test.second'],
        [3, 'test.third'],
        [4, 'test.fourth'],
      ])
      expect(appended).toEqual(events[3])
      expect(verifyAuditChain(events, sha256Hex)).toMatchObject({ ok: true, events: 4 })
    })

    it('pages the log by sequence number', async () => {
      const { store } = subject()
      const events = await appendThree(store)
      expect(await store.listAudit(1, 1)).toEqual([events[1]])
      expect(await store.listAudit(3, 10)).toEqual([])
    })

    it('hashes exactly what it stores, so structured data and stray properties still verify', async () => {
      const { store } = subject()
      const stray = { ...anAuditEvent(), note: 'not an audit field' }
      const data = { z: 1, nested: { b: [1, 'two', null], a: true }, gone: undefined, when: new Date(0) }
      const appended = await store.write(async (tx) => [
        await tx.appendAudit(stray),
        await tx.appendAudit(anAuditEvent({ data, epoch: 7, reason: 'because' })),
      ])

      const events = await store.listAudit(0, 10)
      expect(events).toStrictEqual(appended)
      expect(events[1]).toMatchObject({ data: { z: 1, nested: { b: [1, 'two', null], a: true }, when: new Date(0).toISOString() }, epoch: 7, reason: 'because' })
      expect(events[0]).not.toHaveProperty('note')
      expect(verifyAuditChain(events, sha256Hex)).toMatchObject({ ok: true, events: 2 })
    })

    it('lets verification find an event edited behind the store’s back, at its seq', async () => {
      const { store, raw } = subject()
      await appendThree(store)
      await raw.dropImmutability('audit_events')
      await raw.execute(`update audit_events set actor = 'mallory' where seq = 2`)

      const events = await store.listAudit(0, 100)
      expect(events[1]?.actor).toBe('mallory')
      expect(verifyAuditChain(events, sha256Hex)).toMatchObject({ ok: false, brokenAt: 2, problem: expect.stringContaining('changed') as unknown })
    })

    it('lets verification report a deleted middle event as missing', async () => {
      const { store, raw } = subject()
      await appendThree(store)
      await raw.dropImmutability('audit_events')
      await raw.execute('delete from audit_events where seq = 2')

      expect(verifyAuditChain(await store.listAudit(0, 100), sha256Hex)).toMatchObject({
        ok: false,
        brokenAt: 2,
        problem: expect.stringContaining('missing') as unknown,
      })
    })
  })
}
