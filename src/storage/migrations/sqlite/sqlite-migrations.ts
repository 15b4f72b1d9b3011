import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './0001-initial.ts'
import * as auth from './0002-auth.ts'
import * as imageReleases from './0003-image-releases.ts'

/**
 * Every SQLite migration, listed in code: the app is bundled, so there is no directory to scan.
 * Names sort in the order they run.
 */
export const SQLITE_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-auth': auth,
  '0003-image-releases': imageReleases,
}

export const sqliteMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...SQLITE_MIGRATIONS }),
}
