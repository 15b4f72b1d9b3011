import { sql, type Kysely } from 'kysely'

// The PostgreSQL twin of migrations/sqlite/0003-image-releases.ts. Shipped migrations are never edited.

const TEXT = sql`text collate "C"`

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('releases').addColumn('image_repository', TEXT).execute()
  await db.schema.alterTable('releases').addColumn('image_platform', TEXT).execute()
}
