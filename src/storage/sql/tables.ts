import type { Generated, Kysely } from 'kysely'

/**
 * The ledger's tables as Kysely sees them. Column names are snake_case; times are ISO 8601 text
 * set from the injected clock, except `leases.expires_at_ms`, which comes from the database clock.
 * Booleans are stored as 0/1 integers and JSON as text, so one schema reads the same on every dialect.
 */
export interface Tables {
  releases: ReleasesTable
  deployments: DeploymentsTable
  approvals: ApprovalsTable
  leases: LeasesTable
  freezes: FreezesTable
  quarantines: QuarantinesTable
  auto_deploy_pauses: AutoDeployPausesTable
  deployment_steps: DeploymentStepsTable
  deployment_logs: DeploymentLogsTable
  audit_events: AuditEventsTable
  api_tokens: ApiTokensTable
  sessions: SessionsTable
  signin_attempts: SigninAttemptsTable
  oidc_replays: OidcReplaysTable
  notification_cursors: NotificationCursorsTable
  notification_deliveries: NotificationDeliveriesTable
  ledger_version: LedgerVersionTable
}

export type Db = Kysely<Tables>

/** Tables whose rows the database itself refuses to update or delete (triggers in the migrations). */
export type ImmutableTable = Extract<keyof Tables, 'releases' | 'approvals' | 'audit_events'>

export interface ReleasesTable {
  id: Generated<number>
  service: string
  version: string
  digest: string
  artifact_kind: string
  artifact_files: number
  artifact_bytes: number
  image_repository: string | null
  image_platform: string | null
  source_repository: string | null
  source_commit: string | null
  source_branch: string | null
  source_build_url: string | null
  source_committed_at: string | null
  created_by: string
  created_at: string
}

export interface DeploymentsTable {
  id: Generated<number>
  service: string
  environment: string
  kind: string
  release_id: number
  status: string
  status_reason: string | null
  requested_by: string
  reason: string | null
  from_environment: string | null
  rollback_of: number | null
  automatic: number
  policy_hash: string
  epoch: number | null
  previous_release_id: number | null
  created_at: string
  updated_at: string
  started_at: string | null
  finished_at: string | null
}

export interface ApprovalsTable {
  id: Generated<number>
  deployment_id: number
  decision: string
  actor: string
  comment: string
  release_digest: string
  environment: string
  policy_hash: string
  created_at: string
}

/** One row per service × environment; created by the first acquisition or hold and never deleted. */
export interface LeasesTable {
  service: string
  environment: string
  epoch: number
  deployment_id: number | null
  owner: string | null
  expires_at_ms: number | null
  hold_actor: string | null
  hold_reason: string | null
  hold_at: string | null
}

export interface FreezesTable {
  environment: string
  actor: string
  reason: string
  created_at: string
  expires_at: string | null
}

export interface QuarantinesTable {
  service: string
  release_id: number
  actor: string
  reason: string
  created_at: string
}

export interface AutoDeployPausesTable {
  service: string
  environment: string
  actor: string
  reason: string
  created_at: string
}

export interface DeploymentStepsTable {
  id: Generated<number>
  deployment_id: number
  name: string
  status: string
  epoch: number
  started_at: string
  finished_at: string | null
  detail: string | null
}

export interface DeploymentLogsTable {
  deployment_id: number
  seq: number
  at: string
  level: string
  source: string
  message: string
}

export interface AuditEventsTable {
  seq: number
  at: string
  actor: string
  action: string
  service: string | null
  environment: string | null
  deployment_id: number | null
  release_digest: string | null
  epoch: number | null
  reason: string | null
  /** JSON text */
  data: string | null
  prev_hash: string
  hash: string
}

export interface ApiTokensTable {
  id: Generated<number>
  name: string
  subject: string
  role: string | null
  /** JSON text: an array of environment names or "*" */
  environments: string
  secret_sha256: string
  created_by: string
  created_at: string
  expires_at: string
  revoked_at: string | null
  revoked_by: string | null
}

export interface SessionsTable {
  id_sha256: string
  token_id: number
  subject: string
  csrf_token: string
  created_at: string
  expires_at: string
}

/** Times here come from the authenticating process's clock, in ms: the windows are its own arithmetic. */
export interface SigninAttemptsTable {
  key: string
  window_start_ms: number
  failures: number
}

export interface OidcReplaysTable {
  jti: string
  expires_at_ms: number
}

/** How far each notification target has been given the audit log. */
export interface NotificationCursorsTable {
  target: string
  last_seq: number
}

/** The outbox: one row per (audit event, target); the audit log stays the record of what happened. */
export interface NotificationDeliveriesTable {
  id: Generated<number>
  audit_seq: number
  target: string
  target_type: string
  event: string
  ordering_key: string
  service: string | null
  environment: string | null
  deployment_id: number | null
  /** JSON text */
  payload: string
  state: string
  attempts: number
  next_attempt_ms: number
  claimed_by: string | null
  claimed_until_ms: number | null
  last_status: number | null
  last_error: string | null
  last_attempt_at: string | null
  created_at: string
  delivered_at: string | null
}

/** One row (id 1): raised by every write transaction right before it commits. */
export interface LedgerVersionTable {
  id: number
  version: number
}
