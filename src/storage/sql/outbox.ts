import type { Selectable } from 'kysely'
import type { Delivery, DeliveryState, OutboxReader, OutboxWriter } from '../../core/notify/outbox.ts'
import type { TargetType } from '../../core/notify/notification-policy.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
import type { Db, NotificationDeliveriesTable } from './tables.ts'

const toDelivery = (row: Selectable<NotificationDeliveriesTable>): Delivery => ({
  id: row.id,
  auditSeq: row.audit_seq,
  target: row.target,
  targetType: row.target_type as TargetType,
  event: row.event,
  orderingKey: row.ordering_key,
  service: row.service,
  environment: row.environment,
  deploymentId: row.deployment_id,
  payload: row.payload,
  createdAt: row.created_at,
  nextAttemptMs: Number(row.next_attempt_ms),
  state: row.state as DeliveryState,
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at,
  deliveredAt: row.delivered_at,
})

// keeps one INSERT well under every dialect's bound-parameter limit (13 per delivery)
const DELIVERIES_PER_INSERT = 500

export const outboxReads = (db: Db): OutboxReader => ({
  async lowestCursor(targets) {
    if (targets.length === 0) return null
    const rows = await db.selectFrom('notification_cursors').select(['target', 'last_seq']).where('target', 'in', targets).execute()
    if (rows.length < new Set(targets).size) return null
    return Math.min(...rows.map((row) => row.last_seq))
  },

  async listDeliveries(filter) {
    let query = db.selectFrom('notification_deliveries').selectAll().orderBy('id', 'desc').limit(filter.limit)
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId)
    if (filter.state !== undefined) query = query.where('state', '=', filter.state)
    return (await query.execute()).map(toDelivery)
  },

  async countPending(dueByMs) {
    let query = db.selectFrom('notification_deliveries').select((eb) => eb.fn.countAll<number>().as('count')).where('state', '=', 'pending')
    if (dueByMs !== null) query = query.where('next_attempt_ms', '<=', dueByMs)
    return Number((await query.executeTakeFirstOrThrow()).count)
  },
})

/**
 * Enqueuing reads and moves the targets' cursors under a row lock where writers run side by side, so
 * two replicas never hand one audit event to a target twice (the unique key would refuse it anyway).
 * A claim is a conditional update: of two senders that picked the same delivery, one wins.
 */
export const outboxWrites = (db: Db, helpers: SqlDialectHelpers): OutboxWriter => ({
  ...outboxReads(db),

  async lockCursors(targets) {
    if (targets.length === 0) return {}
    const head = await db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst()
    const startSeq = Number(head?.seq ?? 0)
    await db
      .insertInto('notification_cursors')
      .values(targets.map((target) => ({ target, last_seq: startSeq })))
      .onConflict((conflict) => conflict.column('target').doNothing())
      .execute()
    const query = db.selectFrom('notification_cursors').select(['target', 'last_seq']).where('target', 'in', targets).orderBy('target')
    const rows = await (helpers.concurrentWriters ? query.forUpdate() : query).execute()
    return Object.fromEntries(rows.map((row) => [row.target, row.last_seq]))
  },

  async dropCursorsExcept(targets) {
    let query = db.deleteFrom('notification_cursors')
    if (targets.length > 0) query = query.where('target', 'not in', targets)
    await query.execute()
  },

  async setCursor(target, seq) {
    await db.updateTable('notification_cursors').set({ last_seq: seq }).where('target', '=', target).execute()
  },

  async insertDeliveries(deliveries) {
    const rows = deliveries.map((delivery) => ({
      audit_seq: delivery.auditSeq,
      target: delivery.target,
      target_type: delivery.targetType,
      event: delivery.event,
      ordering_key: delivery.orderingKey,
      service: delivery.service,
      environment: delivery.environment,
      deployment_id: delivery.deploymentId,
      payload: delivery.payload,
      state: 'pending',
      attempts: 0,
      next_attempt_ms: delivery.nextAttemptMs,
      created_at: delivery.createdAt,
    }))
    for (let start = 0; start < rows.length; start += DELIVERIES_PER_INSERT)
      await db
        .insertInto('notification_deliveries')
        .values(rows.slice(start, start + DELIVERIES_PER_INSERT))
        .onConflict((conflict) => conflict.columns(['audit_seq', 'target']).doNothing())
        .execute()
  },

  async claimDeliveries({ nowMs, owner, leaseMs, limit }) {
    const heads = await db
      .selectFrom('notification_deliveries as d')
      .selectAll('d')
      .where('d.state', '=', 'pending')
      .where('d.next_attempt_ms', '<=', nowMs)
      .where((eb) => eb.or([eb('d.claimed_until_ms', 'is', null), eb('d.claimed_until_ms', '<', nowMs)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notification_deliveries as e')
              .select('e.id')
              .whereRef('e.target', '=', 'd.target')
              .whereRef('e.ordering_key', '=', 'd.ordering_key')
              .where('e.state', '=', 'pending')
              .whereRef('e.id', '<', 'd.id'),
          ),
        ),
      )
      .orderBy('d.id')
      .limit(limit)
      .execute()
    const claimed: Delivery[] = []
    for (const head of heads) {
      const result = await db
        .updateTable('notification_deliveries')
        .set({ claimed_by: owner, claimed_until_ms: nowMs + leaseMs })
        .where('id', '=', head.id)
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until_ms', 'is', null), eb('claimed_until_ms', '<', nowMs)]))
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 1) claimed.push(toDelivery({ ...head, claimed_by: owner, claimed_until_ms: nowMs + leaseMs }))
    }
    return claimed
  },

  async recordAttempt(attempt) {
    const result = await db
      .updateTable('notification_deliveries')
      .set((eb) => ({
        state: attempt.state,
        attempts: eb('attempts', '+', 1),
        next_attempt_ms: attempt.nextAttemptMs,
        claimed_by: null,
        claimed_until_ms: null,
        last_status: attempt.status,
        last_error: attempt.error,
        last_attempt_at: attempt.at,
        delivered_at: attempt.state === 'delivered' ? attempt.at : null,
      }))
      .where('id', '=', attempt.id)
      .where('state', '=', 'pending')
      .where('claimed_by', '=', attempt.owner)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  },

  async releaseClaim({ id, owner }) {
    const result = await db
      .updateTable('notification_deliveries')
      .set({ claimed_by: null, claimed_until_ms: null })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('claimed_by', '=', owner)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  },
})
