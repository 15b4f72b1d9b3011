import type { Selectable } from 'kysely'
import { auditHash, GENESIS_HASH, type AuditEvent, type AuditFields } from '../../core/audit/audit-chain.ts'
import type { StoreReader, StoreWriter } from '../../core/store.ts'
import { sha256Hex } from '../sha256-hex.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
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

// keeps one INSERT well under every dialect's bound-parameter limit (13 per event)
const EVENTS_PER_INSERT = 500

/**
 * Appending takes turns (`serialize`) from reading the chain's head to the commit, so no two
 * writers fork the chain. `recordAudit` defers the append to `flush`, which the store runs right
 * before it commits: the turn is then as short as it can be.
 */
export const auditWrites = (db: Db, { serialize }: SqlDialectHelpers): { writes: Pick<StoreWriter, 'appendAudit' | 'recordAudit'>; flush: () => Promise<void> } => {
  const pending: AuditFields[] = []
  const append = async (events: readonly AuditFields[]): Promise<AuditEvent[]> => {
    await serialize(db, { kind: 'audit' })
    const last = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()
    let seq = last?.seq ?? 0
    let prevHash = last?.hash ?? GENESIS_HASH
    const appended = events.map((fields): AuditEvent => {
      seq++
      const hash = auditHash(sha256Hex, seq, prevHash, fields)
      const event = { ...fields, seq, prevHash, hash }
      prevHash = hash
      return event
    })
    const rows = appended.map((event) => ({
      seq: event.seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      service: event.service,
      environment: event.environment,
      deployment_id: event.deploymentId,
      release_digest: event.releaseDigest,
      epoch: event.epoch,
      reason: event.reason,
      data: event.data === null ? null : JSON.stringify(event.data),
      prev_hash: event.prevHash,
      hash: event.hash,
    }))
    for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT)
      await db.insertInto('audit_events').values(rows.slice(start, start + EVENTS_PER_INSERT)).execute()
    return appended
  }
  const flush = async (): Promise<void> => {
    if (pending.length > 0) await append(pending.splice(0))
  }
  return {
    writes: {
      async appendAudit(event) {
        await flush()
        const [appended] = await append([storedFields(event)])
        if (!appended) throw new Error('an appended audit event vanished')
        return appended
      },
      recordAudit(event) {
        pending.push(storedFields(event))
      },
    },
    flush,
  }
}
