import { sql, type Kysely } from 'kysely'

// The PostgreSQL twin of migrations/sqlite/0005-dora.ts. Shipped migrations are never edited.
// DORA metrics: the release's commit time (lead time starts there) and an index that reads the
// deployments finished in one environment since a given time, in one range scan.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('releases').addColumn('source_committed_at', sql`text collate "C"`).execute()
  await db.schema.createIndex('deployments_environment_finished_at').on('deployments').columns(['environment', 'finished_at']).execute()
}
