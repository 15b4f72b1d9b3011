import { describe, expect, it } from 'vitest'
import type { NewDelivery } from '../../core/notify/outbox.ts'
import type { Store } from '../../core/store.ts'
import { anAuditEvent, at, type Subject } from './fixtures.ts'

const appendAudit = async (store: Store, count: number): Promise<number[]> => {
  const seqs: number[] = []
  for (let i = 0; i < count; i++) seqs.push((await store.write((tx) => tx.appendAudit(anAuditEvent({ at: at(i) })))).seq)
  return seqs
}

const aDelivery = (auditSeq: number, overrides: Partial<NewDelivery> = {}): NewDelivery => ({
  auditSeq,
  target: 'ops',
  targetType: 'webhook',
  event: 'succeeded',
  orderingKey: 'deployment:1',
  service: 'web',
  environment: 'staging',
  deploymentId: 1,
  payload: JSON.stringify({ id: `waka-${auditSeq}` }),
  createdAt: at(auditSeq),
  nextAttemptMs: 1_000,
  ...overrides,
})

const claim = (store: Store, owner = 'sender:1', nowMs = 5_000) => store.outbox.claimDeliveries({ nowMs, owner, leaseMs: 10_000, limit: 10 })

export const outboxCases = (subject: Subject): void => {
  describe('notification outbox', () => {
    it('starts a new target at the audit head, keeps its cursor, and forgets removed targets', async () => {
      const { store } = subject()
      await appendAudit(store, 3)
      expect(await store.outbox.lowestCursor(['ops'])).toBeNull()
      expect(await store.write((tx) => tx.outbox.lockCursors(['ops', 'chat']))).toEqual({ chat: 3, ops: 3 })
      await store.write((tx) => tx.outbox.setCursor('ops', 1))
      await appendAudit(store, 1)
      expect(await store.write((tx) => tx.outbox.lockCursors(['ops', 'chat', 'new']))).toEqual({ chat: 3, ops: 1, new: 4 })
      expect(await store.outbox.lowestCursor(['ops', 'chat'])).toBe(1)
      await store.write((tx) => tx.outbox.dropCursorsExcept(['chat']))
      expect(await store.outbox.lowestCursor(['ops'])).toBeNull()
      expect(await store.outbox.lowestCursor(['chat'])).toBe(3)
    })

    it('queues one delivery per audit event and target, however often it is inserted', async () => {
      const { store } = subject()
      const [seq = 0] = await appendAudit(store, 1)
      await store.write((tx) => tx.outbox.insertDeliveries([aDelivery(seq), aDelivery(seq, { target: 'chat', targetType: 'slack' })]))
      await store.write((tx) => tx.outbox.insertDeliveries([aDelivery(seq, { payload: 'changed' })]))
      const rows = await store.outbox.listDeliveries({ limit: 10 })
      expect(rows.map((row) => [row.target, row.state, row.attempts])).toEqual([
        ['chat', 'pending', 0],
        ['ops', 'pending', 0],
      ])
      expect(rows.find((row) => row.target === 'ops')?.payload).toBe(JSON.stringify({ id: `waka-${seq}` }))
      expect(await store.outbox.countPending(null)).toBe(2)
      expect(await store.outbox.countPending(999)).toBe(0)
    })

    it('claims only the oldest pending delivery of each target and ordering key, and only once', async () => {
      const { store } = subject()
      const seqs = await appendAudit(store, 4)
      const [a = 0, b = 0, c = 0, d = 0] = seqs
      await store.write((tx) =>
        tx.outbox.insertDeliveries([aDelivery(a), aDelivery(b), aDelivery(c, { orderingKey: 'deployment:2', deploymentId: 2 }), aDelivery(d, { nextAttemptMs: 99_999 })]),
      )
      const first = await claim(store)
      expect(first.map((row) => row.auditSeq)).toEqual([a, c])
      expect(await claim(store, 'sender:2')).toEqual([])

      const [ofA] = first
      if (!ofA) throw new Error('nothing claimed')
      expect(await store.outbox.recordAttempt({ id: ofA.id, owner: 'sender:2', at: at(10), status: 200, error: null, state: 'delivered', nextAttemptMs: 5_000 })).toBe(false)
      expect(await store.outbox.recordAttempt({ id: ofA.id, owner: 'sender:1', at: at(10), status: 500, error: 'HTTP 500', state: 'pending', nextAttemptMs: 6_000 })).toBe(true)
      // a's retry is not due yet, and b waits behind it: the deployment's order holds
      expect(await claim(store, 'sender:1', 5_500)).toEqual([])
      const retried = await claim(store, 'sender:1', 6_000)
      expect(retried.map((row) => [row.auditSeq, row.attempts, row.lastError])).toEqual([[a, 1, 'HTTP 500']])
      await store.outbox.recordAttempt({ id: ofA.id, owner: 'sender:1', at: at(11), status: 200, error: null, state: 'delivered', nextAttemptMs: 6_000 })
      expect((await claim(store, 'sender:1', 6_000)).map((row) => row.auditSeq)).toEqual([b])

      const delivered = (await store.outbox.listDeliveries({ state: 'delivered', limit: 10 }))[0]
      expect(delivered).toMatchObject({ auditSeq: a, attempts: 2, lastStatus: 200, lastError: null, deliveredAt: at(11) })
    })

    it('lets another sender claim a delivery whose claim ran out (its sender died)', async () => {
      const { store } = subject()
      const [seq = 0] = await appendAudit(store, 1)
      await store.write((tx) => tx.outbox.insertDeliveries([aDelivery(seq)]))
      expect(await claim(store, 'dead:1', 5_000)).toHaveLength(1)
      expect(await claim(store, 'live:2', 14_999)).toEqual([])
      const taken = await claim(store, 'live:2', 15_001)
      expect(taken).toHaveLength(1)
      const [row] = taken
      if (!row) throw new Error('nothing claimed')
      expect(await store.outbox.recordAttempt({ id: row.id, owner: 'dead:1', at: at(20), status: 200, error: null, state: 'delivered', nextAttemptMs: 0 })).toBe(false)
      expect(await store.outbox.recordAttempt({ id: row.id, owner: 'live:2', at: at(20), status: 200, error: null, state: 'delivered', nextAttemptMs: 0 })).toBe(true)
    })

    it('takes back a claim given up untried, without counting an attempt', async () => {
      const { store } = subject()
      const [seq = 0] = await appendAudit(store, 1)
      await store.write((tx) => tx.outbox.insertDeliveries([aDelivery(seq)]))
      const [row] = await claim(store, 'stopping:1')
      if (!row) throw new Error('nothing claimed')
      expect(await store.outbox.releaseClaim({ id: row.id, owner: 'other:2' })).toBe(false)
      expect(await store.outbox.releaseClaim({ id: row.id, owner: 'stopping:1' })).toBe(true)
      const again = await claim(store, 'next:3')
      expect(again.map((delivery) => [delivery.id, delivery.attempts])).toEqual([[row.id, 0]])
    })

    it('pages the delivery log newest first', async () => {
      const { store } = subject()
      const seqs = await appendAudit(store, 3)
      await store.write((tx) => tx.outbox.insertDeliveries(seqs.map((seq) => aDelivery(seq))))
      const page = await store.outbox.listDeliveries({ limit: 2 })
      expect(page.map((row) => row.auditSeq)).toEqual([seqs[2], seqs[1]])
      const next = await store.outbox.listDeliveries({ limit: 2, beforeId: page[1]?.id ?? 0 })
      expect(next.map((row) => row.auditSeq)).toEqual([seqs[0]])
    })
  })
}
