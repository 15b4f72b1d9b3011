import type { StoreReader, StoreWriter } from '../../core/store.ts'
import { approvalReads, approvalWrites } from './approvals.ts'
import { auditReads, auditWrites } from './audit.ts'
import { createSqlAuth } from './auth.ts'
import { controlReads, controlWrites } from './controls.ts'
import { deploymentReads, deploymentWrites } from './deployments.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
import { leaseReads, leaseWrites } from './leases.ts'
import { logReads, logWrites } from './logs.ts'
import { releaseReads, releaseWrites } from './releases.ts'
import { stepReads, stepWrites } from './steps.ts'
import type { Db } from './tables.ts'

/** The store's reads on `db`: the whole database, or one connection inside a transaction. */
export const createSqlReader = (db: Db): StoreReader => ({
  ...releaseReads(db),
  ...deploymentReads(db),
  ...approvalReads(db),
  ...leaseReads(db),
  ...controlReads(db),
  ...stepReads(db),
  ...logReads(db),
  ...auditReads(db),
})

/** Reads and writes on `db`, which must be a connection inside a transaction the caller owns. */
export const createSqlWriter = (db: Db, helpers: SqlDialectHelpers): StoreWriter => ({
  ...createSqlReader(db),
  ...releaseWrites(db),
  ...deploymentWrites(db),
  ...approvalWrites(db),
  ...leaseWrites(db, helpers),
  ...controlWrites(db),
  ...stepWrites(db),
  ...logWrites(db),
  ...auditWrites(db),
  auth: createSqlAuth(db),
})
