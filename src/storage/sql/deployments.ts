import type { Selectable, Updateable } from 'kysely'
import { canTransition, DEPLOYMENT_STATUSES, type DeploymentStatus } from '../../core/deployment/deployment-machine.ts'
import type { Deployment, DeploymentKind } from '../../core/deployment/deployment.ts'
import { InternalError } from '../../core/errors.ts'
import type { StoreReader, StoreWriter, Transition } from '../../core/store.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
import type { Db, DeploymentsTable } from './tables.ts'

type DeploymentRow = Selectable<DeploymentsTable> & { release_version: string; release_digest: string }

const toDeployment = (row: DeploymentRow): Deployment => ({
  id: row.id,
  service: row.service,
  environment: row.environment,
  kind: row.kind as DeploymentKind,
  releaseId: row.release_id,
  releaseVersion: row.release_version,
  releaseDigest: row.release_digest,
  status: row.status as DeploymentStatus,
  statusReason: row.status_reason,
  requestedBy: row.requested_by,
  reason: row.reason,
  fromEnvironment: row.from_environment,
  rollbackOf: row.rollback_of,
  automatic: row.automatic === 1,
  policyHash: row.policy_hash,
  epoch: row.epoch,
  previousReleaseId: row.previous_release_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
})

/** Deployments with the version and digest of their (immutable) release. */
const selectDeployments = (db: Db) =>
  db
    .selectFrom('deployments')
    .innerJoin('releases', 'releases.id', 'deployments.release_id')
    .selectAll('deployments')
    .select(['releases.version as release_version', 'releases.digest as release_digest'])

const getDeployment = async (db: Db, id: number): Promise<Deployment | null> => {
  const row = await selectDeployments(db).where('deployments.id', '=', id).executeTakeFirst()
  return row ? toDeployment(row) : null
}

export const deploymentReads = (db: Db): Pick<StoreReader, 'getDeployment' | 'listDeployments' | 'countDeploymentsByStatus'> => ({
  async countDeploymentsByStatus() {
    const rows = await db.selectFrom('deployments').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('status').execute()
    const counts = Object.fromEntries(DEPLOYMENT_STATUSES.map((status) => [status, 0])) as Record<DeploymentStatus, number>
    for (const row of rows) counts[row.status as DeploymentStatus] = Number(row.count)
    return counts
  },
  getDeployment: (id) => getDeployment(db, id),

  async listDeployments(filter) {
    let query = selectDeployments(db)
    if (filter.service !== undefined) query = query.where('deployments.service', '=', filter.service)
    if (filter.environment !== undefined) query = query.where('deployments.environment', '=', filter.environment)
    if (filter.releaseId !== undefined) query = query.where('deployments.release_id', '=', filter.releaseId)
    if (filter.statuses !== undefined) {
      if (filter.statuses.length === 0) return []
      query = query.where('deployments.status', 'in', filter.statuses)
    }
    if (filter.kinds !== undefined) {
      if (filter.kinds.length === 0) return []
      query = query.where('deployments.kind', 'in', filter.kinds)
    }
    if (filter.beforeId !== undefined) query = query.where('deployments.id', '<', filter.beforeId)
    if (filter.afterId !== undefined) query = query.where('deployments.id', '>', filter.afterId)
    query = query.orderBy('deployments.id', filter.order === 'oldest' ? 'asc' : 'desc')
    if (filter.limit !== undefined) query = query.limit(filter.limit)
    return (await query.execute()).map(toDeployment)
  },
})

const assertLegal = ({ id, from, to }: Transition): void => {
  if (from.length === 0) throw new InternalError(`transition of deployment #${id} to ${to} names no status to move from`)
  for (const status of from)
    if (!canTransition(status, to))
      throw new InternalError(`deployment #${id} cannot move from ${status} to ${to}: the state machine has no such edge`)
}

const patchColumns = ({ to, patch }: Transition): Updateable<DeploymentsTable> => ({
  status: to,
  updated_at: patch.updatedAt,
  ...(patch.statusReason !== undefined && { status_reason: patch.statusReason }),
  ...(patch.epoch !== undefined && { epoch: patch.epoch }),
  ...(patch.previousReleaseId !== undefined && { previous_release_id: patch.previousReleaseId }),
  ...(patch.startedAt !== undefined && { started_at: patch.startedAt }),
  ...(patch.finishedAt !== undefined && { finished_at: patch.finishedAt }),
})

/**
 * Where writers run side by side, a fenced transition first takes a share lock on the lease row it
 * is fenced by: a takeover (which updates that row) then waits for this transaction or this one
 * sees the takeover, never both missing each other. False when the lease has moved on.
 */
const lockFence = async (db: Db, id: number, fenceEpoch: number): Promise<boolean> => {
  const row = await db
    .selectFrom('leases')
    .innerJoin('deployments', (join) =>
      join.onRef('deployments.service', '=', 'leases.service').onRef('deployments.environment', '=', 'leases.environment'),
    )
    .select('leases.epoch')
    .where('deployments.id', '=', id)
    .where('leases.deployment_id', '=', id)
    .where('leases.epoch', '=', fenceEpoch)
    .forShare('leases')
    .executeTakeFirst()
  return row !== undefined
}

export const deploymentWrites = (
  db: Db,
  { concurrentWriters }: SqlDialectHelpers,
): Pick<StoreWriter, 'insertDeployment' | 'transitionDeployment' | 'noteDeployment'> => ({
  async insertDeployment(deployment) {
    const { id } = await db
      .insertInto('deployments')
      .values({
        service: deployment.service,
        environment: deployment.environment,
        kind: deployment.kind,
        release_id: deployment.releaseId,
        status: 'pending' satisfies DeploymentStatus,
        status_reason: null,
        requested_by: deployment.requestedBy,
        reason: deployment.reason,
        from_environment: deployment.fromEnvironment,
        rollback_of: deployment.rollbackOf,
        automatic: deployment.automatic ? 1 : 0,
        policy_hash: deployment.policyHash,
        epoch: null,
        previous_release_id: null,
        created_at: deployment.createdAt,
        updated_at: deployment.createdAt,
        started_at: null,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const inserted = await getDeployment(db, id)
    if (!inserted) throw new InternalError(`deployment #${id} vanished right after it was inserted`)
    return inserted
  },

  async transitionDeployment(transition) {
    assertLegal(transition)
    const { fenceEpoch } = transition
    if (fenceEpoch !== undefined && concurrentWriters && !(await lockFence(db, transition.id, fenceEpoch))) return null
    let update = db
      .updateTable('deployments')
      .set(patchColumns(transition))
      .where('id', '=', transition.id)
      .where('status', 'in', transition.from)
    if (fenceEpoch !== undefined)
      update = update.where((eb) =>
        eb.exists(
          eb
            .selectFrom('leases')
            .select('leases.epoch')
            .whereRef('leases.service', '=', 'deployments.service')
            .whereRef('leases.environment', '=', 'deployments.environment')
            .whereRef('leases.deployment_id', '=', 'deployments.id')
            .where('leases.epoch', '=', fenceEpoch),
        ),
      )
    const updated = await update.returning('id').executeTakeFirst()
    return updated ? getDeployment(db, transition.id) : null
  },

  async noteDeployment(note) {
    const updated = await db
      .updateTable('deployments')
      .set({ status_reason: note.reason, updated_at: note.updatedAt })
      .where('id', '=', note.id)
      .where('status', '=', note.status)
      .returning('id')
      .executeTakeFirst()
    return updated ? getDeployment(db, note.id) : null
  },
})
