import { sql, type Kysely } from 'kysely'

// Shipped migrations are never edited: a change to the schema is a new numbered file.
// Secrets are never stored: tokens and session ids only as SHA-256 hex digests.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  const strict = sql`strict`

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('environments', 'text', (c) => c.notNull())
    .addColumn('secret_sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .modifyEnd(strict)
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id_sha256', 'text', (c) => c.primaryKey())
    .addColumn('token_id', 'integer', (c) => c.notNull().references('api_tokens.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute()
  await db.schema.createIndex('sessions_token_id').on('sessions').column('token_id').execute()
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute()

  await db.schema
    .createTable('signin_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start_ms', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .modifyEnd(strict)
    .execute()
  await db.schema.createIndex('signin_attempts_window_start_ms').on('signin_attempts').column('window_start_ms').execute()

  await db.schema
    .createTable('oidc_replays')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at_ms', 'integer', (c) => c.notNull())
    .modifyEnd(strict)
    .execute()
  await db.schema.createIndex('oidc_replays_expires_at_ms').on('oidc_replays').column('expires_at_ms').execute()
}
