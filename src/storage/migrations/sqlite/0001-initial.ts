import { sql, type Kysely } from 'kysely'

// Shipped migrations are never edited: a change to the schema is a new numbered file.

const immutable = async (db: Kysely<unknown>, table: string): Promise<void> => {
  for (const operation of ['update', 'delete'])
    await sql
      .raw(
        `create trigger ${table}_immutable_${operation} before ${operation} on ${table} ` +
          `begin select raise(abort, '${table} are immutable'); end`,
      )
      .execute(db)
}

export const up = async (db: Kysely<unknown>): Promise<void> => {
  const strict = sql`strict`

  await db.schema
    .createTable('releases')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('artifact_kind', 'text', (c) => c.notNull())
    .addColumn('artifact_files', 'integer', (c) => c.notNull())
    .addColumn('artifact_bytes', 'integer', (c) => c.notNull())
    .addColumn('source_repository', 'text')
    .addColumn('source_commit', 'text')
    .addColumn('source_branch', 'text')
    .addColumn('source_build_url', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('releases_service_version', ['service', 'version'])
    .addUniqueConstraint('releases_service_digest', ['service', 'digest'])
    .modifyEnd(strict)
    .execute()

  await db.schema
    .createTable('deployments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('release_id', 'integer', (c) => c.notNull().references('releases.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('from_environment', 'text')
    .addColumn('rollback_of', 'integer', (c) => c.references('deployments.id'))
    .addColumn('automatic', 'integer', (c) => c.notNull().check(sql`automatic in (0, 1)`))
    .addColumn('policy_hash', 'text', (c) => c.notNull())
    .addColumn('epoch', 'integer')
    .addColumn('previous_release_id', 'integer', (c) => c.references('releases.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .modifyEnd(strict)
    .execute()
  await db.schema.createIndex('deployments_service_environment_id').on('deployments').columns(['service', 'environment', 'id']).execute()
  await db.schema.createIndex('deployments_status_id').on('deployments').columns(['status', 'id']).execute()
  await db.schema.createIndex('deployments_release_id').on('deployments').column('release_id').execute()

  await db.schema
    .createTable('approvals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('deployment_id', 'integer', (c) => c.notNull().references('deployments.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('release_digest', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('policy_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute()
  await db.schema.createIndex('approvals_deployment_id').on('approvals').column('deployment_id').execute()

  await db.schema
    .createTable('leases')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('epoch', 'integer', (c) => c.notNull())
    .addColumn('deployment_id', 'integer', (c) => c.references('deployments.id'))
    .addColumn('owner', 'text')
    .addColumn('expires_at_ms', 'integer')
    .addColumn('hold_actor', 'text')
    .addColumn('hold_reason', 'text')
    .addColumn('hold_at', 'text')
    .addPrimaryKeyConstraint('leases_pk', ['service', 'environment'])
    .modifyEnd(strict)
    .execute()

  await db.schema
    .createTable('freezes')
    .addColumn('environment', 'text', (c) => c.primaryKey())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .modifyEnd(strict)
    .execute()

  await db.schema
    .createTable('quarantines')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('release_id', 'integer', (c) => c.notNull().references('releases.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quarantines_pk', ['service', 'release_id'])
    .modifyEnd(strict)
    .execute()

  await db.schema
    .createTable('auto_deploy_pauses')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('auto_deploy_pauses_pk', ['service', 'environment'])
    .modifyEnd(strict)
    .execute()

  await db.schema
    .createTable('deployment_steps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('deployment_id', 'integer', (c) => c.notNull().references('deployments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('epoch', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('detail', 'text')
    .modifyEnd(strict)
    .execute()
  await db.schema.createIndex('deployment_steps_deployment_id').on('deployment_steps').column('deployment_id').execute()

  await db.schema
    .createTable('deployment_logs')
    .addColumn('deployment_id', 'integer', (c) => c.notNull().references('deployments.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deployment_logs_pk', ['deployment_id', 'seq'])
    .modifyEnd(strict)
    .execute()

  // no foreign keys: the audit log must outlive anything it mentions
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('environment', 'text')
    .addColumn('deployment_id', 'integer')
    .addColumn('release_digest', 'text')
    .addColumn('epoch', 'integer')
    .addColumn('reason', 'text')
    .addColumn('data', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute()

  for (const table of ['releases', 'approvals', 'audit_events']) await immutable(db, table)
}
