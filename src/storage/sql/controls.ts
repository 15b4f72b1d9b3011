import type { Selectable } from 'kysely'
import type { AutoDeployPause, Freeze, Quarantine, StoreReader, StoreWriter } from '../../core/store.ts'
import type { AutoDeployPausesTable, Db, FreezesTable, QuarantinesTable } from './tables.ts'

/** Freezes, quarantines and auto-deploy pauses: switches a person (or a failed rollback) sets. */
type ControlReads =
  | 'getFreeze'
  | 'listFreezes'
  | 'getQuarantine'
  | 'listQuarantines'
  | 'getAutoDeployPause'
  | 'listAutoDeployPauses'
type ControlWrites = 'putFreeze' | 'deleteFreeze' | 'insertQuarantine' | 'deleteQuarantine' | 'pauseAutoDeploy' | 'resumeAutoDeploy'

const toFreeze = (row: Selectable<FreezesTable>): Freeze => ({
  environment: row.environment,
  by: row.actor,
  reason: row.reason,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
})

const toQuarantine = (row: Selectable<QuarantinesTable>): Quarantine => ({
  service: row.service,
  releaseId: row.release_id,
  by: row.actor,
  reason: row.reason,
  createdAt: row.created_at,
})

const toPause = (row: Selectable<AutoDeployPausesTable>): AutoDeployPause => ({
  service: row.service,
  environment: row.environment,
  by: row.actor,
  reason: row.reason,
  createdAt: row.created_at,
})

export const controlReads = (db: Db): Pick<StoreReader, ControlReads> => ({
  async getFreeze(environment) {
    const row = await db.selectFrom('freezes').selectAll().where('environment', '=', environment).executeTakeFirst()
    return row ? toFreeze(row) : null
  },
  async listFreezes() {
    return (await db.selectFrom('freezes').selectAll().orderBy('environment').execute()).map(toFreeze)
  },

  async getQuarantine(service, releaseId) {
    const row = await db
      .selectFrom('quarantines')
      .selectAll()
      .where('service', '=', service)
      .where('release_id', '=', releaseId)
      .executeTakeFirst()
    return row ? toQuarantine(row) : null
  },
  async listQuarantines(service) {
    let query = db.selectFrom('quarantines').selectAll().orderBy('service').orderBy('release_id')
    if (service !== undefined) query = query.where('service', '=', service)
    return (await query.execute()).map(toQuarantine)
  },

  async getAutoDeployPause(service, environment) {
    const row = await db
      .selectFrom('auto_deploy_pauses')
      .selectAll()
      .where('service', '=', service)
      .where('environment', '=', environment)
      .executeTakeFirst()
    return row ? toPause(row) : null
  },
  async listAutoDeployPauses() {
    return (await db.selectFrom('auto_deploy_pauses').selectAll().orderBy('service').orderBy('environment').execute()).map(toPause)
  },
})

const deleted = (result: { numDeletedRows: bigint }): boolean => result.numDeletedRows > 0n

export const controlWrites = (db: Db): Pick<StoreWriter, ControlWrites> => ({
  /** Replaces a standing freeze: the newest reason and expiry are the ones that hold. */
  async putFreeze(freeze) {
    const row = { actor: freeze.by, reason: freeze.reason, created_at: freeze.createdAt, expires_at: freeze.expiresAt }
    await db
      .insertInto('freezes')
      .values({ environment: freeze.environment, ...row })
      .onConflict((conflict) => conflict.column('environment').doUpdateSet(row))
      .execute()
  },
  async deleteFreeze(environment) {
    return deleted(await db.deleteFrom('freezes').where('environment', '=', environment).executeTakeFirst())
  },

  /** A second quarantine of the same release keeps the first: who quarantined it first, and why. */
  async insertQuarantine(quarantine) {
    await db
      .insertInto('quarantines')
      .values({
        service: quarantine.service,
        release_id: quarantine.releaseId,
        actor: quarantine.by,
        reason: quarantine.reason,
        created_at: quarantine.createdAt,
      })
      .onConflict((conflict) => conflict.columns(['service', 'release_id']).doNothing())
      .execute()
  },
  async deleteQuarantine(service, releaseId) {
    return deleted(
      await db.deleteFrom('quarantines').where('service', '=', service).where('release_id', '=', releaseId).executeTakeFirst(),
    )
  },

  /** Like quarantines, a standing pause keeps its first reason. */
  async pauseAutoDeploy(pause) {
    await db
      .insertInto('auto_deploy_pauses')
      .values({
        service: pause.service,
        environment: pause.environment,
        actor: pause.by,
        reason: pause.reason,
        created_at: pause.createdAt,
      })
      .onConflict((conflict) => conflict.columns(['service', 'environment']).doNothing())
      .execute()
  },
  async resumeAutoDeploy(service, environment) {
    return deleted(
      await db.deleteFrom('auto_deploy_pauses').where('service', '=', service).where('environment', '=', environment).executeTakeFirst(),
    )
  },
})
