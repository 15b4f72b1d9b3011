import { sql, type Kysely } from 'kysely'

// Shipped migrations are never edited: a change to the schema is a new numbered file.
// The ledger's version (sql/ledger-version.ts): one row every write transaction raises, so reads
// can be cached until the next write, on every replica.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('ledger_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .modifyEnd(sql`strict`)
    .execute()
  await sql`insert into ledger_version (id, version) values (1, 0)`.execute(db)
}
