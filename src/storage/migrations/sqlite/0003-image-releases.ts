import type { Kysely } from 'kysely'

// Image releases: the registry holds the bytes, a release records where (repository) and, when its
// digest names an index, the platform it was resolved for. Null for file and directory releases.
// Shipped migrations are never edited.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('releases').addColumn('image_repository', 'text').execute()
  await db.schema.alterTable('releases').addColumn('image_platform', 'text').execute()
}
