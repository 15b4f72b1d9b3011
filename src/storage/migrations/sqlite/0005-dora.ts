import type { Kysely } from 'kysely'

// Shipped migrations are never edited: a change to the schema is a new numbered file.
// DORA metrics: the release's commit time (lead time starts there) and an index that reads the
// deployments finished in one environment since a given time, in one range scan.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('releases').addColumn('source_committed_at', 'text').execute()
  await db.schema.createIndex('deployments_environment_finished_at').on('deployments').columns(['environment', 'finished_at']).execute()
}
