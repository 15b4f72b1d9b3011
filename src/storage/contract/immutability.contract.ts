import { describe, expect, it } from 'vitest'
import type { Store } from '../../core/store.ts'
import type { ImmutableTable } from '../sql/tables.ts'
import { anAuditEvent, at, insertDeployment, type Subject } from './fixtures.ts'

/** Writes one row to each immutable table and returns a snapshot of all three. */
const seed = async (store: Store) => {
  const deployment = await insertDeployment(store)
  await store.write(async (tx) => {
    await tx.insertApproval({
      deploymentId: deployment.id,
      decision: 'approve',
      actor: 'bob',
      comment: 'ok',
      releaseDigest: deployment.releaseDigest,
      environment: 'staging',
      policyHash: 'policy-1',
      createdAt: at(150),
    })
    await tx.appendAudit(anAuditEvent())
  })
  return snapshot(store, deployment.id, deployment.releaseId)
}

const snapshot = async (store: Store, deploymentId: number, releaseId: number) => ({
  release: await store.getRelease(releaseId),
  approvals: await store.listApprovals(deploymentId),
  audit: await store.listAudit(0, 10),
})

const EDITS: Record<ImmutableTable, { update: string; delete: string }> = {
  releases: { update: `update releases set version = 'v6.6.6'`, delete: 'delete from releases' },
  approvals: { update: `update approvals set decision = 'reject'`, delete: 'delete from approvals' },
  audit_events: { update: `update audit_events set actor = 'mallory'`, delete: 'delete from audit_events' },
}

export const immutabilityCases = (subject: Subject): void => {
  describe('immutable tables', () => {
    for (const [table, edits] of Object.entries(EDITS)) {
      it(`lets the database itself refuse UPDATE and DELETE on ${table}`, async () => {
        const { store, raw } = subject()
        const before = await seed(store)
        const { release, approvals } = before
        if (release === null || approvals[0] === undefined) throw new Error('seeding wrote nothing')

        await expect(raw.execute(edits.update)).rejects.toThrow(`${table} are immutable`)
        await expect(raw.execute(edits.delete)).rejects.toThrow(`${table} are immutable`)
        expect(await snapshot(store, approvals[0].deploymentId, release.id)).toEqual(before)
      })
    }
  })
}
