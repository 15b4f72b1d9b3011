import { sql, type Kysely } from 'kysely'

// The PostgreSQL twin of migrations/sqlite/0002-auth.ts. Shipped migrations are never edited.
// Secrets are never stored: tokens and session ids only as SHA-256 hex digests.

const TEXT = sql`text collate "C"`

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', TEXT, (c) => c.notNull())
    .addColumn('subject', TEXT, (c) => c.notNull())
    .addColumn('role', TEXT)
    .addColumn('environments', TEXT, (c) => c.notNull())
    .addColumn('secret_sha256', TEXT, (c) => c.notNull())
    .addColumn('created_by', TEXT, (c) => c.notNull())
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addColumn('expires_at', TEXT, (c) => c.notNull())
    .addColumn('revoked_at', TEXT)
    .addColumn('revoked_by', TEXT)
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id_sha256', TEXT, (c) => c.primaryKey())
    .addColumn('token_id', 'bigint', (c) => c.notNull().references('api_tokens.id'))
    .addColumn('subject', TEXT, (c) => c.notNull())
    .addColumn('csrf_token', TEXT, (c) => c.notNull())
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addColumn('expires_at', TEXT, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_token_id').on('sessions').column('token_id').execute()
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute()

  await db.schema
    .createTable('signin_attempts')
    .addColumn('key', TEXT, (c) => c.primaryKey())
    .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('signin_attempts_window_start_ms').on('signin_attempts').column('window_start_ms').execute()

  await db.schema
    .createTable('oidc_replays')
    .addColumn('jti', TEXT, (c) => c.primaryKey())
    .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('oidc_replays_expires_at_ms').on('oidc_replays').column('expires_at_ms').execute()
}
