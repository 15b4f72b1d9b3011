import { WakaError } from '../core/errors.ts'
import type { Store } from '../core/store.ts'
import { describeDatabaseUrl, isPostgresUrl } from './postgres/database-url.ts'
import type { PostgresStoreOptions } from './postgres/postgres-store.ts'
import { openSqliteStore } from './sqlite/sqlite-store.ts'

export interface StoreChoice {
  /** WAKA_DATABASE_URL: a postgres:// URL selects PostgreSQL; empty (the default) selects the SQLite file. */
  readonly databaseUrl: string
  readonly sqliteFile: string
  /** Settings for PostgreSQL beyond its URL. */
  readonly postgres?: Omit<PostgresStoreOptions, 'url'>
}

/** Which store a choice means, without opening it. */
export const storeKind = (choice: Pick<StoreChoice, 'databaseUrl'>): 'sqlite' | 'postgres' => {
  if (choice.databaseUrl === '') return 'sqlite'
  if (!isPostgresUrl(choice.databaseUrl))
    throw new WakaError('INVALID_ARGUMENT', 'WAKA_DATABASE_URL: expected a postgres:// URL (leave it unset for the SQLite file in .waka/)', {
      hint: 'WAKA_DATABASE_URL=postgres://waka@db.internal:5432/waka',
    })
  return 'postgres'
}

/** Opens the ledger: PostgreSQL when WAKA_DATABASE_URL names one, else the embedded SQLite file. */
export const openStore = async (choice: StoreChoice): Promise<Store> => {
  if (storeKind(choice) === 'sqlite') return openSqliteStore({ file: choice.sqliteFile })
  // loaded only here: the SQLite default never pays for the pg driver
  const { openPostgresStore } = await import('./postgres/postgres-store.ts')
  return openPostgresStore({ ...choice.postgres, url: choice.databaseUrl })
}

/** The store as logs and messages may name it (no password). */
export const describeStore = (choice: StoreChoice): string =>
  storeKind(choice) === 'postgres' ? describeDatabaseUrl(choice.databaseUrl) : choice.sqliteFile
