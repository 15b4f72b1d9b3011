import { sql } from 'kysely'
import type { SqlDialectHelpers } from '../sql/dialect-helpers.ts'

export const sqliteDialectHelpers: SqlDialectHelpers = {
  nowMs: sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`,
}
