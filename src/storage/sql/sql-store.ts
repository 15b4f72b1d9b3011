import type { StoreReader, StoreWriter } from '../../core/store.ts'
import { approvalReads, approvalWrites } from './approvals.ts'
import { auditReads, auditWrites } from './audit.ts'
import { createSqlAuth } from './auth.ts'
import { controlReads, controlWrites } from './controls.ts'
import { deploymentReads, deploymentWrites } from './deployments.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
import { leaseReads, leaseWrites } from './leases.ts'
import { raiseLedgerVersion } from './ledger-version.ts'
import { logReads, logWrites } from './logs.ts'
import { outboxWrites } from './outbox.ts'
import { outcomeReads } from './outcomes.ts'
import { releaseReads, releaseWrites } from './releases.ts'
import { stepReads, stepWrites } from './steps.ts'
import type { Db } from './tables.ts'

/** The store's reads on `db`: the whole database, or one connection inside a transaction. */
export const createSqlReader = (db: Db, helpers: SqlDialectHelpers): StoreReader => ({
  ...releaseReads(db),
  ...deploymentReads(db),
  ...outcomeReads(db),
  ...approvalReads(db),
  ...leaseReads(db, helpers),
  ...controlReads(db),
  ...stepReads(db),
  ...logReads(db),
  ...auditReads(db),
})

/** A store's view of one transaction: its reads and writes, and what must run right before it commits. */
export interface SqlTransaction {
  readonly writer: StoreWriter
  /** Appends the audit events the work recorded and raises the ledger's version; the store calls it after the work, before COMMIT. */
  readonly beforeCommit: () => Promise<void>
}

/** Reads and writes on `db`, which must be a connection inside a transaction the caller owns. */
export const createSqlTransaction = (db: Db, helpers: SqlDialectHelpers): SqlTransaction => {
  const audit = auditWrites(db, helpers)
  return {
    writer: {
      ...createSqlReader(db, helpers),
      ...releaseWrites(db),
      ...deploymentWrites(db, helpers),
      ...approvalWrites(db),
      ...leaseWrites(db, helpers),
      ...controlWrites(db),
      ...stepWrites(db),
      ...logWrites(db, helpers),
      ...audit.writes,
      auth: createSqlAuth(db),
      outbox: outboxWrites(db, helpers),
    },
    beforeCommit: async () => {
      await audit.flush()
      await raiseLedgerVersion(db)
    },
  }
}
