import type { Selectable } from 'kysely'
import { InternalError } from '../../core/errors.ts'
import type { DeploymentStep, StepName, StepStatus, StoreReader, StoreWriter } from '../../core/store.ts'
import type { Db, DeploymentStepsTable } from './tables.ts'

const toStep = (row: Selectable<DeploymentStepsTable>): DeploymentStep => ({
  id: row.id,
  deploymentId: row.deployment_id,
  name: row.name as StepName,
  status: row.status as StepStatus,
  epoch: row.epoch,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  detail: row.detail,
})

export const stepReads = (db: Db): Pick<StoreReader, 'listSteps'> => ({
  async listSteps(deploymentId) {
    const rows = await db.selectFrom('deployment_steps').selectAll().where('deployment_id', '=', deploymentId).orderBy('id').execute()
    return rows.map(toStep)
  },
})

export const stepWrites = (db: Db): Pick<StoreWriter, 'startStep' | 'finishStep'> => ({
  async startStep(step) {
    const { id } = await db
      .insertInto('deployment_steps')
      .values({
        deployment_id: step.deploymentId,
        name: step.name,
        status: 'started' satisfies StepStatus,
        epoch: step.epoch,
        started_at: step.at,
        finished_at: null,
        detail: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  },

  async finishStep(stepId, outcome) {
    const finished = await db
      .updateTable('deployment_steps')
      .set({ status: outcome.status, finished_at: outcome.at, detail: outcome.detail })
      .where('id', '=', stepId)
      .where('status', '=', 'started' satisfies StepStatus)
      .returning('id')
      .executeTakeFirst()
    if (!finished) throw new InternalError(`step #${stepId} cannot finish: it does not exist or has already finished`)
  },
})
