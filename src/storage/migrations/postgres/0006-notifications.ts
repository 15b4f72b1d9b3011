import { sql, type Kysely } from 'kysely'

// The PostgreSQL twin of migrations/sqlite/0006-notifications.ts. Shipped migrations are never edited.
// No URL or key is stored: they are secrets.

const TEXT = sql`text collate "C"`

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('notification_cursors')
    .addColumn('target', TEXT, (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('audit_seq', 'bigint', (c) => c.notNull().references('audit_events.seq'))
    .addColumn('target', TEXT, (c) => c.notNull())
    .addColumn('target_type', TEXT, (c) => c.notNull())
    .addColumn('event', TEXT, (c) => c.notNull())
    .addColumn('ordering_key', TEXT, (c) => c.notNull())
    .addColumn('service', TEXT)
    .addColumn('environment', TEXT)
    .addColumn('deployment_id', 'bigint')
    .addColumn('payload', TEXT, (c) => c.notNull())
    .addColumn('state', TEXT, (c) => c.notNull().check(sql`state in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_ms', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', TEXT)
    .addColumn('claimed_until_ms', 'bigint')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', TEXT)
    .addColumn('last_attempt_at', TEXT)
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addColumn('delivered_at', TEXT)
    .addUniqueConstraint('notification_deliveries_audit_target', ['audit_seq', 'target'])
    .execute()
  await db.schema.createIndex('notification_deliveries_pending').on('notification_deliveries').columns(['state', 'next_attempt_ms']).execute()
  await db.schema.createIndex('notification_deliveries_order').on('notification_deliveries').columns(['target', 'ordering_key', 'state', 'id']).execute()
}
