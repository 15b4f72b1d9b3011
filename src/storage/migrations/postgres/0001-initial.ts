import { sql, type Kysely } from 'kysely'

// The PostgreSQL twin of migrations/sqlite/0001-initial.ts: the same tables and columns, so the
// query code in sql/ reads the same on both. Shipped migrations are never edited: a change to the
// schema is a new numbered file in both sets.
//
// Differences, each on purpose: ids and millisecond times are bigint (read back as numbers); text
// sorts byte-wise (collation "C") as it does in SQLite; the immutable tables also refuse TRUNCATE;
// one person's decision on a deployment is unique (SQLite's single writer already guarantees it,
// concurrent replicas need the constraint); and deployments have an index for the status reads of
// one service × environment.

/** Text that sorts and compares byte by byte, as SQLite's does. */
const TEXT = sql`text collate "C"`

const immutable = async (db: Kysely<unknown>, table: string): Promise<void> => {
  for (const operation of ['update', 'delete', 'truncate'])
    await sql
      .raw(
        `create trigger ${table}_immutable_${operation} before ${operation} on ${table} ` +
          `for each ${operation === 'truncate' ? 'statement' : 'row'} execute function waka_refuse_change()`,
      )
      .execute(db)
}

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql
    .raw(
      `create function waka_refuse_change() returns trigger language plpgsql as $$ ` +
        `begin raise exception '% are immutable', tg_table_name using errcode = 'restrict_violation'; end $$`,
    )
    .execute(db)

  await db.schema
    .createTable('releases')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('service', TEXT, (c) => c.notNull())
    .addColumn('version', TEXT, (c) => c.notNull())
    .addColumn('digest', TEXT, (c) => c.notNull())
    .addColumn('artifact_kind', TEXT, (c) => c.notNull())
    .addColumn('artifact_files', 'integer', (c) => c.notNull())
    .addColumn('artifact_bytes', 'bigint', (c) => c.notNull())
    .addColumn('source_repository', TEXT)
    .addColumn('source_commit', TEXT)
    .addColumn('source_branch', TEXT)
    .addColumn('source_build_url', TEXT)
    .addColumn('created_by', TEXT, (c) => c.notNull())
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addUniqueConstraint('releases_service_version', ['service', 'version'])
    .addUniqueConstraint('releases_service_digest', ['service', 'digest'])
    .execute()

  await db.schema
    .createTable('deployments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('service', TEXT, (c) => c.notNull())
    .addColumn('environment', TEXT, (c) => c.notNull())
    .addColumn('kind', TEXT, (c) => c.notNull())
    .addColumn('release_id', 'bigint', (c) => c.notNull().references('releases.id'))
    .addColumn('status', TEXT, (c) => c.notNull())
    .addColumn('status_reason', TEXT)
    .addColumn('requested_by', TEXT, (c) => c.notNull())
    .addColumn('reason', TEXT)
    .addColumn('from_environment', TEXT)
    .addColumn('rollback_of', 'bigint', (c) => c.references('deployments.id'))
    .addColumn('automatic', 'integer', (c) => c.notNull().check(sql`automatic in (0, 1)`))
    .addColumn('policy_hash', TEXT, (c) => c.notNull())
    .addColumn('epoch', 'bigint')
    .addColumn('previous_release_id', 'bigint', (c) => c.references('releases.id'))
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addColumn('updated_at', TEXT, (c) => c.notNull())
    .addColumn('started_at', TEXT)
    .addColumn('finished_at', TEXT)
    .execute()
  await db.schema.createIndex('deployments_service_environment_id').on('deployments').columns(['service', 'environment', 'id']).execute()
  await db.schema
    .createIndex('deployments_service_environment_status_id')
    .on('deployments')
    .columns(['service', 'environment', 'status', 'id'])
    .execute()
  await db.schema.createIndex('deployments_status_id').on('deployments').columns(['status', 'id']).execute()
  await db.schema.createIndex('deployments_release_id').on('deployments').column('release_id').execute()
  await db.schema.createIndex('deployments_rollback_of').on('deployments').column('rollback_of').execute()

  await db.schema
    .createTable('approvals')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('deployment_id', 'bigint', (c) => c.notNull().references('deployments.id'))
    .addColumn('decision', TEXT, (c) => c.notNull())
    .addColumn('actor', TEXT, (c) => c.notNull())
    .addColumn('comment', TEXT, (c) => c.notNull())
    .addColumn('release_digest', TEXT, (c) => c.notNull())
    .addColumn('environment', TEXT, (c) => c.notNull())
    .addColumn('policy_hash', TEXT, (c) => c.notNull())
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addUniqueConstraint('approvals_one_decision', ['deployment_id', 'actor', 'policy_hash'])
    .execute()

  await db.schema
    .createTable('leases')
    .addColumn('service', TEXT, (c) => c.notNull())
    .addColumn('environment', TEXT, (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('deployment_id', 'bigint', (c) => c.references('deployments.id'))
    .addColumn('owner', TEXT)
    .addColumn('expires_at_ms', 'bigint')
    .addColumn('hold_actor', TEXT)
    .addColumn('hold_reason', TEXT)
    .addColumn('hold_at', TEXT)
    .addPrimaryKeyConstraint('leases_pk', ['service', 'environment'])
    .execute()

  await db.schema
    .createTable('freezes')
    .addColumn('environment', TEXT, (c) => c.primaryKey())
    .addColumn('actor', TEXT, (c) => c.notNull())
    .addColumn('reason', TEXT, (c) => c.notNull())
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addColumn('expires_at', TEXT)
    .execute()

  await db.schema
    .createTable('quarantines')
    .addColumn('service', TEXT, (c) => c.notNull())
    .addColumn('release_id', 'bigint', (c) => c.notNull().references('releases.id'))
    .addColumn('actor', TEXT, (c) => c.notNull())
    .addColumn('reason', TEXT, (c) => c.notNull())
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addPrimaryKeyConstraint('quarantines_pk', ['service', 'release_id'])
    .execute()

  await db.schema
    .createTable('auto_deploy_pauses')
    .addColumn('service', TEXT, (c) => c.notNull())
    .addColumn('environment', TEXT, (c) => c.notNull())
    .addColumn('actor', TEXT, (c) => c.notNull())
    .addColumn('reason', TEXT, (c) => c.notNull())
    .addColumn('created_at', TEXT, (c) => c.notNull())
    .addPrimaryKeyConstraint('auto_deploy_pauses_pk', ['service', 'environment'])
    .execute()

  await db.schema
    .createTable('deployment_steps')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('deployment_id', 'bigint', (c) => c.notNull().references('deployments.id'))
    .addColumn('name', TEXT, (c) => c.notNull())
    .addColumn('status', TEXT, (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('started_at', TEXT, (c) => c.notNull())
    .addColumn('finished_at', TEXT)
    .addColumn('detail', TEXT)
    .execute()
  await db.schema.createIndex('deployment_steps_deployment_id').on('deployment_steps').column('deployment_id').execute()

  await db.schema
    .createTable('deployment_logs')
    .addColumn('deployment_id', 'bigint', (c) => c.notNull().references('deployments.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', TEXT, (c) => c.notNull())
    .addColumn('level', TEXT, (c) => c.notNull())
    .addColumn('source', TEXT, (c) => c.notNull())
    .addColumn('message', TEXT, (c) => c.notNull())
    .addPrimaryKeyConstraint('deployment_logs_pk', ['deployment_id', 'seq'])
    .execute()

  // no foreign keys: the audit log must outlive anything it mentions
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', TEXT, (c) => c.notNull())
    .addColumn('actor', TEXT, (c) => c.notNull())
    .addColumn('action', TEXT, (c) => c.notNull())
    .addColumn('service', TEXT)
    .addColumn('environment', TEXT)
    .addColumn('deployment_id', 'bigint')
    .addColumn('release_digest', TEXT)
    .addColumn('epoch', 'bigint')
    .addColumn('reason', TEXT)
    .addColumn('data', TEXT)
    .addColumn('prev_hash', TEXT, (c) => c.notNull())
    .addColumn('hash', TEXT, (c) => c.notNull())
    .execute()

  for (const table of ['releases', 'approvals', 'audit_events']) await immutable(db, table)
}
