import { sql } from 'kysely'
import type { SqlDialectHelpers } from '../sql/dialect-helpers.ts'

/** SQLite runs one write transaction at a time (BEGIN IMMEDIATE), so it needs no locks of its own. */
export const sqliteDialectHelpers: SqlDialectHelpers = {
  nowMs: sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`,
  concurrentWriters: false,
  serialize: () => Promise.resolve(),
}
