import type { RawBuilder } from 'kysely'
import type { Db } from './tables.ts'

/** A lock that serialises the transactions taking it until they end. */
export type SerialLock =
  /** The head of the audit hash chain: each event hashes the one before it. */
  | { readonly kind: 'audit' }
  /** The log of one deployment: lines are numbered from its current last line. */
  | { readonly kind: 'logs'; readonly deploymentId: number }

/** The few SQL fragments and locks that differ between dialects; the query modules take them as a value. */
export interface SqlDialectHelpers {
  /** The database clock in milliseconds since the Unix epoch, read when the statement runs. */
  readonly nowMs: RawBuilder<number>
  /**
   * Whether several transactions may write at once (PostgreSQL). Then the query code takes the row
   * locks (`FOR SHARE`, `FOR UPDATE SKIP LOCKED`) that a single-writer database (SQLite) makes
   * unnecessary, and that SQLite's SQL does not have.
   */
  readonly concurrentWriters: boolean
  /** Takes `lock` until the transaction on `db` ends; a no-op where one transaction writes at a time. */
  readonly serialize: (db: Db, lock: SerialLock) => Promise<void>
}
