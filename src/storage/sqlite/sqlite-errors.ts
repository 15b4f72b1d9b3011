import Database from 'better-sqlite3'
import { WakaError } from '../../core/errors.ts'

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …) */
export const isSqliteBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')

/** SQLite's "database is locked", as a retryable error that names the file. */
export const storeBusy = (file: string, busyTimeoutMs: number, cause: unknown): WakaError =>
  new WakaError('STORE_BUSY', `the store ${file} is busy: another process held its write lock for more than ${busyTimeoutMs} ms; nothing was written`, {
    cause,
    hint: 'try again in a moment',
  })
