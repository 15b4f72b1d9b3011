import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, runSql, storeSelected, type TestDatabase } from '../../../test/helpers/postgres.ts'
import { verifyAuditChain } from '../../core/audit/audit-chain.ts'
import type { Store } from '../../core/store.ts'
import { anAuditEvent, at, insertDeployment } from '../contract/fixtures.ts'
import { sha256Hex } from '../sha256-hex.ts'
import { openPostgresStore } from './postgres-store.ts'

const STAGING = { service: 'web', environment: 'staging' } as const

/** Resolves `release` when called: lets a test hold a transaction open at a chosen point. */
const gate = () => {
  let release = (): void => undefined
  const opened = new Promise<void>((resolve) => (release = resolve))
  return { opened, release }
}

describe.runIf(storeSelected('postgres'))('postgres store with several writers', () => {
  let database: TestDatabase
  const stores: Store[] = []
  const open = async () => {
    const store = await openPostgresStore({ url: database.url })
    stores.push(store)
    return store
  }
  /** Waits (bounded) until some session of the database waits for a lock. */
  const untilSomeoneWaits = async () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await runSql(database.url, `select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [database.name])
      if ((rows[0] as { n: number }).n > 0) return
      await sleep(25)
    }
    throw new Error('nobody waited for a lock')
  }
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close()
    await database.drop()
  })

  it('keeps the audit chain whole while two pools append 2 × 200 read-then-append transactions at once', async () => {
    const [first, second] = [await open(), await open()]
    const append = (store: Store, actor: string) =>
      store.write(async (tx) => {
        await tx.listAudit(0, 1)
        return tx.appendAudit(anAuditEvent({ actor }))
      })
    const appended = await Promise.all(Array.from({ length: 400 }, (_, index) => append(index % 2 ? first : second, `writer-${index % 2}`)))
    expect(new Set(appended.map((event) => event.seq)).size).toBe(400)
    const events = await first.listAudit(0, 1_000)
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 400 }, (_, index) => index + 1))
    expect(verifyAuditChain(events, sha256Hex)).toMatchObject({ ok: true, events: 400 })
  })

  it('numbers one deployment’s log lines without gaps or clashes while two pools append at once', async () => {
    const [first, second] = [await open(), await open()]
    const deployment = await insertDeployment(first)
    const line = (message: string) => ({ at: at(1), level: 'info' as const, source: 'engine', message })
    await Promise.all(Array.from({ length: 100 }, (_, index) => (index % 2 ? first : second).write((tx) => tx.appendLogs(deployment.id, [line(`${index}a`), line(`${index}b`)]))))
    const logs = await first.listLogs(deployment.id)
    expect(logs.map((row) => row.seq)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1))
  })

  it('lets a claim skip a lease row another transaction holds, and a waiting request go once it commits', async () => {
    const [first, second] = [await open(), await open()]
    // the row exists from the first claim on (until it commits, a second first claim would wait for its insert)
    expect(await first.write((tx) => tx.lockLease('web', 'staging', { skipLocked: true }))).toBe(true)
    const held = gate()
    const release = gate()
    const holder = first.write(async (tx) => {
      expect(await tx.lockLease('web', 'staging', { skipLocked: true })).toBe(true)
      held.release()
      await release.opened
    })
    await held.opened
    let waited = false
    try {
      expect(await second.write((tx) => tx.lockLease('web', 'staging', { skipLocked: true }))).toBe(false)
      const waiter = second.write(async (tx) => {
        const locked = await tx.lockLease('web', 'staging', { skipLocked: false })
        waited = true
        return locked
      })
      await untilSomeoneWaits()
      expect(waited).toBe(false)
      release.release()
      await holder
      expect(await waiter).toBe(true)
    } finally {
      release.release()
    }
    expect(await first.getLease('web', 'staging')).toMatchObject({ epoch: 0, deploymentId: null, hold: null })
  })

  it('makes a takeover wait for a step record fenced by the old epoch, so the new holder sees that record', async () => {
    const [engine, reconciler] = [await open(), await open()]
    const deployment = await insertDeployment(engine)
    const lease = { ...STAGING, deploymentId: deployment.id, owner: 'host-a:1', ttlMs: 1 }
    expect(await engine.write((tx) => tx.acquireLease(lease))).toBe(1)
    const recorded = gate()
    const commit = gate()
    const record = engine.write(async (tx) => {
      expect(await tx.holdsLease({ ...STAGING, deploymentId: deployment.id, epoch: 1 })).toBe(true)
      const id = await tx.startStep({ deploymentId: deployment.id, name: 'activate', epoch: 1, at: at(5) })
      recorded.release()
      await commit.opened
      return id
    })
    await recorded.opened
    // the lease has expired by the store's clock: the takeover may go ahead, once the record commits
    const takeover = reconciler.write(async (tx) => {
      const epoch = await tx.acquireLease({ ...lease, owner: 'host-b:2', ttlMs: 60_000 })
      return { epoch, steps: await tx.listSteps(deployment.id) }
    })
    await untilSomeoneWaits()
    commit.release()
    const stepId = await record
    expect(await takeover).toEqual({ epoch: 2, steps: [expect.objectContaining({ id: stepId, name: 'activate', epoch: 1 })] })
    expect(await engine.write((tx) => tx.holdsLease({ ...STAGING, deploymentId: deployment.id, epoch: 1 }))).toBe(false)
    expect(
      await engine.write((tx) =>
        tx.transitionDeployment({ id: deployment.id, from: ['pending'], to: 'cancelled', patch: { updatedAt: at(6) }, fenceEpoch: 1 }),
      ),
    ).toBeNull()
  })
})
