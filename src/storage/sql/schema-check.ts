import { InternalError } from '../../core/errors.ts'
import type { Db, Tables } from './tables.ts'

const TABLES = {
  releases: true,
  deployments: true,
  approvals: true,
  leases: true,
  freezes: true,
  quarantines: true,
  auto_deploy_pauses: true,
  deployment_steps: true,
  deployment_logs: true,
  audit_events: true,
  api_tokens: true,
  sessions: true,
  signin_attempts: true,
  oidc_replays: true,
  notification_cursors: true,
  notification_deliveries: true,
  ledger_version: true,
} as const satisfies Record<keyof Tables, true>

/**
 * Refuses a database whose migration table says it is up to date but which lacks a table the code
 * reads (restored in part, or edited by hand): serving it would fail later, request by request.
 */
export const checkSchema = async (db: Db, where: string, isUnavailable: (error: unknown) => boolean): Promise<void> => {
  const missing: string[] = []
  for (const table of Object.keys(TABLES) as (keyof Tables)[]) {
    try {
      await db.selectFrom(table).selectAll().limit(0).execute()
    } catch (error) {
      if (isUnavailable(error)) throw error
      missing.push(table)
    }
  }
  if (missing.length > 0)
    throw new InternalError(`refusing to use the store ${where}: its schema is incomplete (missing ${missing.join(', ')}) although its migrations are recorded as done`)
}
