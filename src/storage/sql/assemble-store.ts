import type { AuthStore } from '../../core/auth-store.ts'
import { OUTBOX_WRITES, type Outbox } from '../../core/notify/outbox.ts'
import type { Store } from '../../core/store.ts'
import { aroundEachMethod } from '../around-each-method.ts'
import { freshRead } from '../fresh-read.ts'
import { cacheReleases } from '../release-cache.ts'
import { AUTH_WRITES, authReads } from './auth.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
import { outboxReads } from './outbox.ts'
import { readLedgerVersion } from './ledger-version.ts'
import { createSqlReader } from './sql-store.ts'
import type { Db } from './tables.ts'

/**
 * The `Store` both dialects offer over their own `write` and `guard`: every read goes through
 * `guard` (which maps the dialect's errors and refuses a call from inside a write), and each auth
 * write runs in a transaction of its own.
 */
export const assembleStore = (parts: {
  readonly db: Db
  readonly helpers: SqlDialectHelpers
  readonly write: Store['write']
  readonly guard: <T>(call: () => Promise<T>) => Promise<T>
}): Store => {
  const { db, helpers, write, guard } = parts
  const ledgerVersion = freshRead(() => guard(() => readLedgerVersion(db)))
  const authWritesInTransactions = Object.fromEntries(
    AUTH_WRITES.map((name) => [name, (...args: unknown[]) => write((tx) => (tx.auth[name] as (...a: unknown[]) => Promise<unknown>)(...args))]),
  ) as Pick<AuthStore, (typeof AUTH_WRITES)[number]>
  const outboxWritesInTransactions = Object.fromEntries(
    OUTBOX_WRITES.map((name) => [name, (...args: unknown[]) => write((tx) => (tx.outbox[name] as (...a: unknown[]) => Promise<unknown>)(...args))]),
  ) as Pick<Outbox, (typeof OUTBOX_WRITES)[number]>
  return {
    ...aroundEachMethod(cacheReleases(createSqlReader(db, helpers)), guard),
    write,
    ledgerVersion: (notBefore) => ledgerVersion(notBefore ?? performance.now()),
    auth: { ...aroundEachMethod(authReads(db), guard), ...authWritesInTransactions },
    outbox: { ...aroundEachMethod(outboxReads(db), guard), ...outboxWritesInTransactions },
    close: () => db.destroy(),
  }
}
