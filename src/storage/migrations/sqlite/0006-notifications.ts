import { sql, type Kysely } from 'kysely'

// Shipped migrations are never edited: a change to the schema is a new numbered file.
// The outbox of notifications. What happened stays in audit_events; a delivery names the audit
// event, the target and how sending it went. No URL or key is stored: they are secrets.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  const strict = sql`strict`

  await db.schema
    .createTable('notification_cursors')
    .addColumn('target', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .modifyEnd(strict)
    .execute()

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('audit_seq', 'integer', (c) => c.notNull().references('audit_events.seq'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('ordering_key', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('environment', 'text')
    .addColumn('deployment_id', 'integer')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_ms', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until_ms', 'integer')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('notification_deliveries_audit_target', ['audit_seq', 'target'])
    .modifyEnd(strict)
    .execute()
  // the sender's question: the oldest pending delivery of each target and ordering key
  await db.schema.createIndex('notification_deliveries_pending').on('notification_deliveries').columns(['state', 'next_attempt_ms']).execute()
  await db.schema.createIndex('notification_deliveries_order').on('notification_deliveries').columns(['target', 'ordering_key', 'state', 'id']).execute()
}
