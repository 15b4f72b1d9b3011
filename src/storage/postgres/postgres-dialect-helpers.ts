import { sql } from 'kysely'
import type { SerialLock, SqlDialectHelpers } from '../sql/dialect-helpers.ts'

/** The first key of Waka's advisory locks ("WAKA"), so they do not collide with other applications'. */
const AUDIT_LOCK = 0x57414b41
/** Log locks use their own key space: the second key is the deployment id (wrapped into int4). */
const LOGS_LOCK = AUDIT_LOCK + 1
const INT4 = 2 ** 31 - 1

const keys = (lock: SerialLock): readonly [number, number] =>
  lock.kind === 'audit' ? [AUDIT_LOCK, 0] : [LOGS_LOCK, lock.deploymentId % INT4]

/**
 * Writers on PostgreSQL run side by side (READ COMMITTED), so what SQLite's single writer gave for
 * free is taken explicitly: transaction-scoped advisory locks (released at commit or rollback,
 * never held across pooled connections) and row locks.
 */
export const postgresDialectHelpers: SqlDialectHelpers = {
  nowMs: sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`,
  concurrentWriters: true,
  serialize: async (db, lock) => {
    const [first, second] = keys(lock)
    await sql`select pg_advisory_xact_lock(${first}::int4, ${second}::int4)`.execute(db)
  },
}
