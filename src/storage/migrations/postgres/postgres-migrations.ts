import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './0001-initial.ts'
import * as auth from './0002-auth.ts'
import * as imageReleases from './0003-image-releases.ts'
import * as notifications from './0006-notifications.ts'
import * as dora from './0005-dora.ts'
import * as ledgerVersion from './0007-ledger-version.ts'

/**
 * Every PostgreSQL migration, listed in code: the app is bundled, so there is no directory to scan.
 * Names sort in the order they run and match the SQLite set one for one.
 */
export const POSTGRES_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-auth': auth,
  '0003-image-releases': imageReleases,
  '0005-dora': dora,
  '0006-notifications': notifications,
  '0007-ledger-version': ledgerVersion,
}

export const postgresMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...POSTGRES_MIGRATIONS }),
}
