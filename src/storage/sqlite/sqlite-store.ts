import { mkdirSync, realpathSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely'
import { InternalError, isWakaError } from '../../core/errors.ts'
import type { Store, StoreWriter } from '../../core/store.ts'
import { sqliteMigrationProvider } from '../migrations/sqlite/sqlite-migrations.ts'
import { assembleStore } from '../sql/assemble-store.ts'
import { createWriteGuard } from '../write-guard.ts'
import { createSqlTransaction } from '../sql/sql-store.ts'
import type { Db, Tables } from '../sql/tables.ts'
import { sqliteDialectHelpers } from './sqlite-dialect-helpers.ts'
import { isSqliteBusy, storeBusy } from './sqlite-errors.ts'
import { withWriteLock } from './sqlite-write-lock.ts'
import { withStatementCache } from './statement-cache.ts'

export interface SqliteStoreOptions {
  /** Path of the database file (created with its directory when missing), or `:memory:`. */
  readonly file: string
  /** How long a writer waits for another process's write lock before STORE_BUSY. Default 5000. */
  readonly busyTimeoutMs?: number
}

const MEMORY = ':memory:'
let memoryDatabases = 0

const describe = (error: unknown): string => (error instanceof Error ? error.message : JSON.stringify(error))

const openDatabase = (file: string, busyTimeoutMs: number): Database.Database => {
  if (file !== MEMORY) mkdirSync(dirname(file), { recursive: true })
  const database = new Database(file)
  try {
    database.pragma(`busy_timeout = ${busyTimeoutMs}`)
    database.pragma('journal_mode = WAL')
    database.pragma('foreign_keys = ON')
    database.pragma('synchronous = NORMAL')
    return database
  } catch (error) {
    database.close()
    throw error
  }
}

/**
 * Runs `work` on one connection in a transaction started with BEGIN IMMEDIATE: the write lock is
 * taken up front, so a transaction that reads and then writes never fails half-way with SQLITE_BUSY.
 */
const inImmediateTransaction = <T>(db: Db, database: Database.Database, work: (connection: Db) => Promise<T>): Promise<T> =>
  db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection)
    try {
      const result = await work(connection)
      await sql`commit`.execute(connection)
      return result
    } catch (error) {
      // some errors (a full disk, an interrupted statement) end the transaction themselves
      if (database.inTransaction) await sql`rollback`.execute(connection)
      throw error
    }
  })

const migrate = async (db: Db, file: string): Promise<void> => {
  const { error, results = [] } = await new Migrator({ db, provider: sqliteMigrationProvider }).migrateToLatest()
  if (error === undefined) return
  const failed = results.find((result) => result.status === 'Error')?.migrationName
  const what = failed === undefined ? 'its schema could not be brought up to date' : `migration ${failed} failed`
  throw new InternalError(`refusing to use the store ${file}: ${what}: ${describe(error)}`, { cause: error })
}

/** Opens (creating and migrating when needed) the embedded SQLite ledger. */
export const openSqliteStore = async (options: SqliteStoreOptions): Promise<Store> => {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000
  const file = options.file === MEMORY ? MEMORY : resolve(options.file)
  const failure = (error: unknown): unknown => (isSqliteBusy(error) ? storeBusy(file, busyTimeoutMs, error) : error)

  let database: Database.Database
  try {
    database = openDatabase(file, busyTimeoutMs)
  } catch (error) {
    throw new InternalError(`cannot open the store ${file}: ${describe(error)}`, { cause: error })
  }
  const lockKey = file === MEMORY ? `${MEMORY}${++memoryDatabases}` : realpathSync(file)
  const db: Db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })
  try {
    await withWriteLock(lockKey, () => inImmediateTransaction(db, database, (connection) => migrate(connection, file)))
  } catch (error) {
    await db.destroy()
    if (isWakaError(error) || isSqliteBusy(error)) throw failure(error)
    throw new InternalError(`cannot open the store ${file}: ${describe(error)}`, { cause: error })
  }

  // The transaction holds the only connection: a call on the store from inside it would wait forever.
  const { inside: insideWrite, guarded } = createWriteGuard(failure)

  const write = <T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> =>
    guarded(() => {
      const transaction = { open: true }
      return withWriteLock(lockKey, () =>
        inImmediateTransaction(db, database, (connection) =>
          insideWrite.run(transaction, async () => {
            const { writer, beforeCommit } = createSqlTransaction(connection, sqliteDialectHelpers)
            const result = await work(writer)
            await beforeCommit()
            return result
          }),
        ),
      ).finally(() => {
        transaction.open = false
      })
    })

  return assembleStore({ db, helpers: sqliteDialectHelpers, write, guard: guarded })
}
