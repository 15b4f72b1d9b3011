import { setTimeout as sleep } from 'node:timers/promises'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { InternalError } from '../../core/errors.ts'
import type { Store, StoreWriter } from '../../core/store.ts'
import { postgresMigrationProvider } from '../migrations/postgres/postgres-migrations.ts'
import { assembleStore } from '../sql/assemble-store.ts'
import { createWriteGuard } from '../write-guard.ts'
import { checkSchema } from '../sql/schema-check.ts'
import { createSqlTransaction } from '../sql/sql-store.ts'
import type { Db, Tables } from '../sql/tables.ts'
import { describeDatabaseUrl } from './database-url.ts'
import { postgresDialectHelpers } from './postgres-dialect-helpers.ts'
import { isRetryableConflict, isUnavailable, storeFailure } from './postgres-errors.ts'

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` */
  readonly url: string
  /** Connections this process keeps at most. Default 10. */
  readonly maxConnections?: number
  /** How long a statement waits for a lock before STORE_BUSY, like SQLite's busy timeout. Default 5000. */
  readonly lockTimeoutMs?: number
  /**
   * The server ends a session left idle inside a transaction this long, releasing its locks: a
   * paused or hung process cannot stall every other replica. Default 5000.
   */
  readonly idleInTransactionTimeoutMs?: number
  /** How long to wait for a new connection. Default 5000. */
  readonly connectTimeoutMs?: number
  /** Connection errors no call is waiting for (the server closed an idle connection). Default: ignored; the next call reports its own. */
  readonly onConnectionError?: (error: Error) => void
}

/** Runs of a transaction PostgreSQL aborted to break a deadlock (or a duplicate key raced in). */
const ATTEMPTS = 6

const INT8 = 20
/** bigint columns (ids, epochs, ms times, counts) as JS numbers, as SQLite returns them; all stay below 2^53. */
const parseInt8 = (text: string): number => Number(text)
const types = {
  getTypeParser: ((oid: number, format?: 'text') => (oid === INT8 ? parseInt8 : (pg.types.getTypeParser(oid, format) as unknown))) as typeof pg.types.getTypeParser,
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : JSON.stringify(error))

/** Runs `work` on one connection in a READ COMMITTED transaction; the row and advisory locks the query code takes do the rest. */
const inTransaction = <T>(db: Db, work: (connection: Db) => Promise<T>): Promise<T> =>
  db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection)
    try {
      const result = await work(connection)
      await sql`commit`.execute(connection)
      return result
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined)
      throw error
    }
  })

const migrate = async (db: Db, where: string): Promise<void> => {
  // Kysely's Migrator runs every pending migration in one transaction, under an advisory lock, so
  // replicas starting together migrate once and a failed migration leaves no half-made schema.
  const { error, results = [] } = await new Migrator({ db, provider: postgresMigrationProvider }).migrateToLatest()
  if (error !== undefined) {
    if (isUnavailable(error)) throw error instanceof Error ? error : new Error(describe(error))
    const failed = results.find((result) => result.status === 'Error')?.migrationName
    const what = failed === undefined ? 'its schema could not be brought up to date' : `migration ${failed} failed, so none of the pending migrations was applied`
    throw new InternalError(`refusing to use the store ${where}: ${what}: ${describe(error)}`, { cause: error })
  }
  await checkSchema(db, where, isUnavailable)
}

/** Opens (migrating when needed) a ledger on PostgreSQL, which several `waka server` replicas can share. */
export const openPostgresStore = async (options: PostgresStoreOptions): Promise<Store> => {
  const where = describeDatabaseUrl(options.url)
  const onConnectionError = options.onConnectionError ?? (() => undefined)
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'waka',
    lock_timeout: options.lockTimeoutMs ?? 5000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 5000,
    types,
  })
  // A connection the server ends while it sits in the pool, or between two statements, reports an
  // error event: without a listener Node would treat it as an uncaught exception.
  pool.on('error', onConnectionError)
  pool.on('connect', (client) => client.on('error', onConnectionError))
  const db: Db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) })
  const failure = (error: unknown): unknown => storeFailure(where, error)

  try {
    await migrate(db, where)
  } catch (error) {
    await db.destroy()
    throw failure(error)
  }

  const { inside: insideWrite, guarded } = createWriteGuard(failure)

  const write = <T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> =>
    guarded(async () => {
      for (let attempt = 1; ; attempt++) {
        const transaction = { open: true }
        try {
          return await inTransaction(db, (connection) =>
            insideWrite.run(transaction, async () => {
              const { writer, beforeCommit } = createSqlTransaction(connection, postgresDialectHelpers)
              const result = await work(writer)
              await beforeCommit()
              return result
            }),
          )
        } catch (error) {
          // the transaction rolled back as a whole, so running it again is safe
          if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error
          await sleep(Math.floor(Math.random() * 10 * attempt))
        } finally {
          transaction.open = false
        }
      }
    })

  return assembleStore({ db, helpers: postgresDialectHelpers, write, guard: guarded })
}
