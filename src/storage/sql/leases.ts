import type { Selectable } from 'kysely'
import type { Lease, LeaseRef, StoreReader, StoreWriter } from '../../core/store.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
import type { Db, LeasesTable } from './tables.ts'

const toLease = (row: Selectable<LeasesTable>): Lease => ({
  service: row.service,
  environment: row.environment,
  epoch: row.epoch,
  deploymentId: row.deployment_id,
  owner: row.owner,
  expiresAtMs: row.expires_at_ms === null ? null : Number(row.expires_at_ms),
  hold:
    row.hold_actor === null ? null : { by: row.hold_actor, reason: row.hold_reason ?? '', at: row.hold_at ?? '' },
})

export const leaseReads = (db: Db, { nowMs }: SqlDialectHelpers): Pick<StoreReader, 'getLease' | 'listLeases' | 'nowMs'> => ({
  async getLease(service, environment) {
    const row = await db
      .selectFrom('leases')
      .selectAll()
      .where('service', '=', service)
      .where('environment', '=', environment)
      .executeTakeFirst()
    return row ? toLease(row) : null
  },

  async listLeases() {
    const rows = await db.selectFrom('leases').selectAll().orderBy('service').orderBy('environment').execute()
    return rows.map(toLease)
  },

  async nowMs() {
    const row = await db.selectNoFrom(nowMs.as('now')).executeTakeFirstOrThrow()
    return Number(row.now)
  },
})

type LeaseWrites = 'lockLease' | 'holdsLease' | 'acquireLease' | 'renewLease' | 'releaseLease' | 'placeHold' | 'clearHold'

const FREE_ROW = { epoch: 0, deployment_id: null, owner: null, expires_at_ms: null, hold_actor: null, hold_reason: null, hold_at: null }

/**
 * Each write is one statement, so a lease is never read and then written by two writers at once.
 * Where writers run side by side, `lockLease` and `holdsLease` add row locks for the transactions
 * that read a lease and then act on what they read.
 */
export const leaseWrites = (db: Db, { nowMs, concurrentWriters }: SqlDialectHelpers): Pick<StoreWriter, LeaseWrites> => {
  const the = (service: string, environment: string) =>
    db.selectFrom('leases').select('epoch').where('service', '=', service).where('environment', '=', environment)
  const heldBy = (lease: LeaseRef) =>
    db
      .updateTable('leases')
      .where('service', '=', lease.service)
      .where('environment', '=', lease.environment)
      .where('deployment_id', '=', lease.deploymentId)
      .where('epoch', '=', lease.epoch)

  return {
    async lockLease(service, environment, { skipLocked }) {
      if (!concurrentWriters) return true
      const query = the(service, environment).forUpdate()
      const lock = async () => (await (skipLocked ? query.skipLocked() : query).executeTakeFirst()) !== undefined
      if (await lock()) return true
      // no row, or (skipping) a locked one: a row this transaction inserts is its own until it ends.
      // A free lease with epoch 0, as a hold creates it; the first acquisition makes it 1.
      const inserted = await db
        .insertInto('leases')
        .values({ service, environment, ...FREE_ROW })
        .onConflict((conflict) => conflict.columns(['service', 'environment']).doNothing())
        .returning('epoch')
        .executeTakeFirst()
      return inserted !== undefined || (await lock())
    },

    async holdsLease(lease) {
      const query = the(lease.service, lease.environment).where('deployment_id', '=', lease.deploymentId).where('epoch', '=', lease.epoch)
      return (await (concurrentWriters ? query.forShare() : query).executeTakeFirst()) !== undefined
    },

    async acquireLease(request) {
      const { takeoverFrom } = request
      const row = await db
        .insertInto('leases')
        .values(({ eb }) => ({
          service: request.service,
          environment: request.environment,
          epoch: 1,
          deployment_id: request.deploymentId,
          owner: request.owner,
          expires_at_ms: eb(nowMs, '+', request.ttlMs),
          hold_actor: null,
          hold_reason: null,
          hold_at: null,
        }))
        .onConflict((conflict) =>
          conflict
            .columns(['service', 'environment'])
            .doUpdateSet((eb) => ({
              epoch: eb('leases.epoch', '+', 1),
              deployment_id: eb.ref('excluded.deployment_id'),
              owner: eb.ref('excluded.owner'),
              expires_at_ms: eb.ref('excluded.expires_at_ms'),
            }))
            .where('leases.hold_actor', 'is', null)
            .where((eb) =>
              eb.or([
                eb('leases.deployment_id', 'is', null),
                eb('leases.expires_at_ms', '<', nowMs),
                ...(takeoverFrom === undefined ? [] : [eb('leases.owner', '=', takeoverFrom)]),
              ]),
            ),
        )
        .returning('epoch')
        .executeTakeFirst()
      return row ? row.epoch : null
    },

    async renewLease(lease, ttlMs) {
      const row = await heldBy(lease)
        .set((eb) => ({ expires_at_ms: eb(nowMs, '+', ttlMs) }))
        .returning('epoch')
        .executeTakeFirst()
      return row !== undefined
    },

    async releaseLease(lease) {
      // the epoch stays, so the next acquisition still gets a higher one
      const row = await heldBy(lease)
        .set({ deployment_id: null, owner: null, expires_at_ms: null })
        .returning('epoch')
        .executeTakeFirst()
      return row !== undefined
    },

    async placeHold(service, environment, hold) {
      const row = await db
        .insertInto('leases')
        .values({
          service,
          environment,
          ...FREE_ROW,
          hold_actor: hold.by,
          hold_reason: hold.reason,
          hold_at: hold.at,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['service', 'environment'])
            .doUpdateSet((eb) => ({
              hold_actor: eb.ref('excluded.hold_actor'),
              hold_reason: eb.ref('excluded.hold_reason'),
              hold_at: eb.ref('excluded.hold_at'),
            }))
            .where('leases.hold_actor', 'is', null),
        )
        .returning('epoch')
        .executeTakeFirst()
      return row !== undefined
    },

    async clearHold(service, environment) {
      const row = await db
        .updateTable('leases')
        .set({ hold_actor: null, hold_reason: null, hold_at: null })
        .where('service', '=', service)
        .where('environment', '=', environment)
        .where('hold_actor', 'is not', null)
        .returning('epoch')
        .executeTakeFirst()
      return row !== undefined
    },
  }
}
