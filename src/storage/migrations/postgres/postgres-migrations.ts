import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './0001-initial.ts'
import * as auth from './0002-auth.ts'
import * as imageReleases from './0003-image-releases.ts'

/**
 * Every PostgreSQL migration, listed in code: the app is bundled, so there is no directory to scan.
 * Names sort in the order they run and match the SQLite set one for one.
 */
export const POSTGRES_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-auth': auth,
  '0003-image-releases': imageReleases,
}

export const postgresMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...POSTGRES_MIGRATIONS }),
}
