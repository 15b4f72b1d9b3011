import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../core/audit/audit-chain.ts'
import { InternalError } from '../../core/errors.ts'
import type { Store } from '../../core/store.ts'
import { anAuditEvent, eventually, insertDeployment } from '../contract/fixtures.ts'
import { SQLITE_MIGRATIONS } from '../migrations/sqlite/sqlite-migrations.ts'
import { sha256Hex } from '../sha256-hex.ts'
import { runStoreContract, type RawSql, type StoreUnderTest } from '../store.contract.ts'
import { openSqliteStore } from './sqlite-store.ts'

const temporaryDirectory = () => mkdtemp(join(tmpdir(), 'waka-sqlite-'))

/** Reads `file` through a short-lived connection of its own. */
const query = (file: string, statement: string): unknown[] => {
  const connection = new Database(file)
  try {
    return connection.prepare(statement).all()
  } finally {
    connection.close()
  }
}

/** A plain better-sqlite3 connection of its own on the store's file. */
const rawSql = (file: string): RawSql & { close(): void } => {
  const connection = new Database(file)
  connection.pragma('busy_timeout = 5000')
  return {
    execute: (statement) => Promise.resolve().then(() => void connection.exec(statement)),
    dropImmutability: (table) =>
      Promise.resolve().then(() => void connection.exec(`drop trigger ${table}_immutable_update; drop trigger ${table}_immutable_delete;`)),
    close: () => connection.close(),
  }
}

runStoreContract({
  name: 'sqlite',
  open: async (): Promise<StoreUnderTest> => {
    const directory = await temporaryDirectory()
    const file = join(directory, 'waka.db')
    const store = await openSqliteStore({ file })
    const raw = rawSql(file)
    return {
      store,
      raw,
      openAnother: () => openSqliteStore({ file }),
      cleanup: async () => {
        raw.close()
        await store.close()
        await rm(directory, { recursive: true, force: true })
      },
    }
  },
})

describe('sqlite store', () => {
  let directory = ''
  let file = ''
  const opened: Store[] = []
  const open = async (options: { busyTimeoutMs?: number } = {}) => {
    const store = await openSqliteStore({ file, ...options })
    opened.push(store)
    return store
  }
  beforeEach(async () => {
    directory = await temporaryDirectory()
    file = join(directory, 'nested', '.waka', 'waka.db')
  })
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close()
    await rm(directory, { recursive: true, force: true })
  })

  /** A transaction that reads, yields to the event loop, then writes: the shape that meets SQLITE_BUSY. */
  const readThenAppend = (store: Store, actor: string) =>
    store.write(async (tx) => {
      await tx.listAudit(0, 1)
      await new Promise((resolve) => setImmediate(resolve))
      return tx.appendAudit(anAuditEvent({ actor }))
    })

  it('creates the directory and opens the file in WAL mode with foreign keys on', async () => {
    await open()
    expect(query(file, 'pragma journal_mode')).toEqual([{ journal_mode: 'wal' }])
    expect(query(file, 'select name from kysely_migration order by name')).toEqual(Object.keys(SQLITE_MIGRATIONS).map((name) => ({ name })))
  })

  it('enforces foreign keys', async () => {
    const store = await open()
    await expect(store.write((tx) => tx.startStep({ deploymentId: 404, name: 'prepare', epoch: 1, at: 'now' }))).rejects.toThrow(/FOREIGN KEY/)
  })

  it('never surfaces SQLITE_BUSY or loses a row when two connections interleave 2 × 200 read-then-write transactions', async () => {
    const [first, second] = [await open(), await open()]
    const writes = Array.from({ length: 400 }, (_, index) => readThenAppend(index % 2 === 0 ? first : second, `writer-${index % 2}`))
    const appended = await Promise.all(writes)

    expect(new Set(appended.map((event) => event.seq)).size).toBe(400)
    const events = await second.listAudit(0, 1_000)
    expect(events).toHaveLength(400)
    expect(events.filter((event) => event.actor === 'writer-0')).toHaveLength(200)
    expect(verifyAuditChain(events, sha256Hex)).toMatchObject({ ok: true, events: 400 })
  })

  it('never surfaces SQLITE_BUSY or loses a row while another process writes to the same file', async () => {
    const store = await open()
    const fixture = join(import.meta.dirname, 'sqlite-writer.fixture.ts')
    const child = promisify(execFile)(process.execPath, ['--import', 'tsx', fixture, file, 'child'])
    // start once the child is writing; it keeps writing until it reads the stop event
    await eventually(async () => ((await store.listAudit(0, 1)).length > 0 ? true : null), 30_000)
    for (let index = 0; index < 200; index++) await readThenAppend(store, 'parent')
    await store.write((tx) => tx.appendAudit(anAuditEvent({ actor: 'parent', action: 'test.stop' })))
    const { stdout } = await child

    const events = await store.listAudit(0, 1_000_000)
    expect(events.filter((event) => event.actor === 'child')).toHaveLength(Number(stdout))
    expect(events.filter((event) => event.actor === 'parent')).toHaveLength(201)
    expect(verifyAuditChain(events, sha256Hex)).toMatchObject({ ok: true, events: events.length })
  })

  it('refuses a call on the store from inside its own write instead of waiting forever', async () => {
    const store = await open()
    await expect(store.write(() => store.listReleases('web', 1))).rejects.toBeInstanceOf(InternalError)
    await expect(store.write(() => store.write(() => Promise.resolve(1)))).rejects.toBeInstanceOf(InternalError)
    expect(await store.write(async (tx) => (await tx.listReleases('web', 1)).length)).toBe(0)
    expect(await store.listReleases('web', 1)).toEqual([])
  })

  it('opens a private in-memory database for :memory:', async () => {
    const [first, second] = [await openSqliteStore({ file: ':memory:' }), await openSqliteStore({ file: ':memory:' })]
    opened.push(first, second)
    await insertDeployment(first)
    expect(await first.listDeployments({})).toHaveLength(1)
    expect(await second.listDeployments({})).toEqual([])
  })

  it('turns a write lock held past the busy timeout into a retryable STORE_BUSY', async () => {
    const store = await open({ busyTimeoutMs: 50 })
    const other = new Database(file)
    try {
      other.exec('begin immediate')
      const refused = await readThenAppend(store, 'alice').catch((error: unknown) => error)
      expect(refused).toMatchObject({ code: 'STORE_BUSY', message: expect.stringContaining(file) as unknown })
      other.exec('commit')
      expect(await readThenAppend(store, 'alice')).toMatchObject({ seq: 1 })
    } finally {
      other.close()
    }
  })

  it('does not run migrations again on a file that has them', async () => {
    const store = await open()
    const deployment = await insertDeployment(store)
    await store.close()
    const before = query(file, 'select name, timestamp from kysely_migration')

    const reopened = await open()
    expect(await reopened.getDeployment(deployment.id)).toEqual(deployment)
    expect(query(file, 'select name, timestamp from kysely_migration')).toEqual(before)
  })

  it('keeps a leased epoch across closing and reopening the file', async () => {
    const store = await open()
    const deployment = await insertDeployment(store)
    const lease = { service: 'web', environment: 'staging', deploymentId: deployment.id, owner: 'host-a:1', ttlMs: 60_000 }
    expect(await store.write((tx) => tx.acquireLease(lease))).toBe(1)
    await store.close()

    const reopened = await open()
    expect(await reopened.getLease('web', 'staging')).toMatchObject({ epoch: 1, deploymentId: deployment.id })
    expect(await reopened.write((tx) => tx.acquireLease({ ...lease, owner: 'host-b:2', takeoverFrom: 'host-a:1' }))).toBe(2)
  })

  it('keeps sign-in counts and remembered token ids across closing and reopening the file', async () => {
    const store = await open()
    for (let index = 0; index < 3; index++) await store.auth.countSignInAttempt('ip:10.0.0.1', { nowMs: index, windowMs: 60_000 })
    expect(await store.auth.rememberTokenId('jti-1', 60_000, 0)).toBe(true)
    await store.close()

    const reopened = await open()
    expect(await reopened.auth.countSignInAttempt('ip:10.0.0.1', { nowMs: 10, windowMs: 60_000 })).toEqual({ attempts: 4, windowStartMs: 0 })
    expect(await reopened.auth.rememberTokenId('jti-1', 60_000, 10)).toBe(false)
  })

  it('forgets ended sign-in windows and expired token ids, so a flood of keys does not grow the tables for good', async () => {
    const store = await open()
    for (let index = 0; index < 500; index++) {
      await store.auth.countSignInAttempt(`ip:10.0.${index >> 8}.${index & 255}`, { nowMs: index, windowMs: 1_000 })
      await store.auth.rememberTokenId(`jti-${index}`, index + 1_000, index)
    }
    expect(query(file, 'select count(*) as n from signin_attempts')).toEqual([{ n: 500 }])
    await store.auth.countSignInAttempt('ip:10.9.9.9', { nowMs: 5_000, windowMs: 1_000 })
    await store.auth.rememberTokenId('jti-late', 6_000, 5_000)
    expect(query(file, 'select key from signin_attempts')).toEqual([{ key: 'ip:10.9.9.9' }])
    expect(query(file, 'select jti from oidc_replays')).toEqual([{ jti: 'jti-late' }])
  })

  it('refuses to serve a file migrated by a newer Waka', async () => {
    await (await open()).close()
    const connection = new Database(file)
    connection.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', new Date(0).toISOString())
    connection.close()

    await expect(open()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining(file) as unknown })
  })

  it('refuses to serve a file that is not a database', async () => {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, 'these are notes, not a ledger\n'.repeat(100))
    await expect(open()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining(file) as unknown })
  })
})
