import type { Selectable } from 'kysely'
import { auditHash, GENESIS_HASH, type AuditEvent, type AuditFields } from '../../core/audit/audit-chain.ts'
import type { StoreReader, StoreWriter } from '../../core/store.ts'
import { sha256Hex } from '../sha256-hex.ts'
import type { AuditEventsTable, Db } from './tables.ts'

const toEvent = (row: Selectable<AuditEventsTable>): AuditEvent => ({
  seq: row.seq,
  prevHash: row.prev_hash,
  hash: row.hash,
  at: row.at,
  actor: row.actor,
  action: row.action,
  service: row.service,
  environment: row.environment,
  deploymentId: row.deployment_id,
  releaseDigest: row.release_digest,
  epoch: row.epoch,
  reason: row.reason,
  data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
})

/**
 * Exactly the fields that are stored, as they read back. Extra properties are dropped, since they
 * would enter the hash but not the row; `data` goes through JSON, so the event returned to the
 * writer equals the one every reader gets (a Date becomes its ISO text, and so on).
 */
const storedFields = (event: AuditFields): AuditFields => ({
  at: event.at,
  actor: event.actor,
  action: event.action,
  service: event.service,
  environment: event.environment,
  deploymentId: event.deploymentId,
  releaseDigest: event.releaseDigest,
  epoch: event.epoch,
  reason: event.reason,
  data: event.data === null ? null : (JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>),
})

export const auditReads = (db: Db): Pick<StoreReader, 'listAudit'> => ({
  async listAudit(afterSeq, limit) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()
    return rows.map(toEvent)
  },
})

export const auditWrites = (db: Db): Pick<StoreWriter, 'appendAudit'> => ({
  async appendAudit(event) {
    const last = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()
    const seq = (last?.seq ?? 0) + 1
    const prevHash = last?.hash ?? GENESIS_HASH
    const fields = storedFields(event)
    const hash = auditHash(sha256Hex, seq, prevHash, fields)
    await db
      .insertInto('audit_events')
      .values({
        seq,
        at: fields.at,
        actor: fields.actor,
        action: fields.action,
        service: fields.service,
        environment: fields.environment,
        deployment_id: fields.deploymentId,
        release_digest: fields.releaseDigest,
        epoch: fields.epoch,
        reason: fields.reason,
        data: fields.data === null ? null : JSON.stringify(fields.data),
        prev_hash: prevHash,
        hash,
      })
      .execute()
    return { ...fields, seq, prevHash, hash }
  },
})
