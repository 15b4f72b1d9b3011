import type Database from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/**
 * The database as Kysely's SQLite dialect sees it, with each statement prepared once and reused:
 * Kysely prepares every query it runs, and SQLite compiling the same SQL text again was a seventh
 * of a read's time. The SQL text is the key (values are bound parameters, never part of it), and
 * the least recently used statements go once `capacity` are held.
 */
export const withStatementCache = (database: Database.Database, capacity = 500): SqliteDatabase => {
  const statements = new Map<string, Database.Statement>()
  return {
    close: () => {
      statements.clear()
      database.close()
    },
    prepare: (text) => {
      let statement = statements.get(text)
      if (statement) statements.delete(text)
      else statement = database.prepare(text)
      statements.set(text, statement)
      if (statements.size > capacity) statements.delete(statements.keys().next().value as string)
      return statement
    },
  }
}
