import type { Selectable } from 'kysely'
import type { Approval, ApprovalDecision } from '../../core/gates/approval-gate.ts'
import type { StoreReader, StoreWriter } from '../../core/store.ts'
import type { ApprovalsTable, Db } from './tables.ts'

const toApproval = (row: Selectable<ApprovalsTable>): Approval => ({
  id: row.id,
  deploymentId: row.deployment_id,
  decision: row.decision as ApprovalDecision,
  actor: row.actor,
  comment: row.comment,
  releaseDigest: row.release_digest,
  environment: row.environment,
  policyHash: row.policy_hash,
  createdAt: row.created_at,
})

export const approvalReads = (db: Db): Pick<StoreReader, 'listApprovals'> => ({
  async listApprovals(deploymentId) {
    const rows = await db.selectFrom('approvals').selectAll().where('deployment_id', '=', deploymentId).orderBy('id').execute()
    return rows.map(toApproval)
  },
})

export const approvalWrites = (db: Db): Pick<StoreWriter, 'insertApproval'> => ({
  async insertApproval(approval) {
    const row = await db
      .insertInto('approvals')
      .values({
        deployment_id: approval.deploymentId,
        decision: approval.decision,
        actor: approval.actor,
        comment: approval.comment,
        release_digest: approval.releaseDigest,
        environment: approval.environment,
        policy_hash: approval.policyHash,
        created_at: approval.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toApproval(row)
  },
})
