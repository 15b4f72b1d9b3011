import { OUTCOME_STATUSES, type DeploymentOutcome, type OutcomeStatus } from '../../core/metrics/deployment-outcome.ts'
import type { DeploymentKind } from '../../core/deployment/deployment.ts'
import type { StoreReader } from '../../core/store.ts'
import type { Db } from './tables.ts'

/**
 * The DORA metrics' one read: deployments finished in the window (the index on environment and
 * finished_at), their release's commit time, the quarantine of the release if any, and whether
 * the release had already succeeded in that environment before the window.
 */
export const outcomeReads = (db: Db): Pick<StoreReader, 'listDeploymentOutcomes'> => ({
  async listDeploymentOutcomes(filter) {
    if (filter.environments.length === 0) return []
    let query = db
      .selectFrom('deployments as d')
      .innerJoin('releases as r', 'r.id', 'd.release_id')
      .leftJoin('quarantines as q', (join) => join.onRef('q.service', '=', 'd.service').onRef('q.release_id', '=', 'd.release_id'))
      .select(['d.id', 'd.service', 'd.environment', 'd.kind', 'd.status', 'd.release_id', 'd.rollback_of', 'd.started_at', 'd.finished_at'])
      .select(['r.source_committed_at', 'q.created_at as quarantined_at'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('deployments as e')
              .select('e.id')
              .whereRef('e.release_id', '=', 'd.release_id')
              .whereRef('e.service', '=', 'd.service')
              .whereRef('e.environment', '=', 'd.environment')
              .where('e.status', '=', 'succeeded')
              .where('e.kind', '<>', 'rollback')
              .where('e.finished_at', '<', filter.finishedSince),
          )
          .as('succeeded_before'),
      )
      .where('d.environment', 'in', filter.environments)
      .where('d.finished_at', '>=', filter.finishedSince)
      .where('d.status', 'in', OUTCOME_STATUSES)
      .where('d.started_at', 'is not', null)
    if (filter.service !== undefined) query = query.where('d.service', '=', filter.service)
    const rows = await query.orderBy('d.environment').orderBy('d.finished_at').orderBy('d.id').execute()
    return rows.map(
      (row): DeploymentOutcome => ({
        id: row.id,
        service: row.service,
        environment: row.environment,
        kind: row.kind as DeploymentKind,
        status: row.status as OutcomeStatus,
        releaseId: row.release_id,
        rollbackOf: row.rollback_of,
        startedAt: row.started_at ?? row.finished_at ?? '',
        finishedAt: row.finished_at ?? '',
        committedAt: row.source_committed_at,
        quarantinedAt: row.quarantined_at,
        // SQLite answers 0/1, PostgreSQL a boolean
        succeededBefore: Boolean(Number(row.succeeded_before)),
      }),
    )
  },
})
