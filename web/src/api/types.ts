/**
 * The API's records as the dashboard reads them. They mirror the schemas in the server's OpenAPI
 * document (`/api/v1/openapi.json`, components.schemas), only the fields the dashboard uses;
 * test/e2e/dashboard-contract.test.ts fails when a field here is not in the document.
 */

export const DEPLOYMENT_STATUSES = [
  'pending',
  'awaiting_approval',
  'queued',
  'running',
  'verifying',
  'succeeded',
  'failed',
  'errored',
  'rejected',
  'cancelled',
  'superseded',
  'interrupted',
] as const
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number]
export type DeploymentKind = 'deploy' | 'promotion' | 'rollback'

export interface Session {
  readonly user: string
  readonly csrfToken: string | null
  readonly expiresAt: string | null
  /** Roles per environment name. */
  readonly roles: Readonly<Record<string, readonly string[]>>
}

export interface ReleaseSource {
  readonly repository: string | null
  readonly commit: string | null
  readonly branch: string | null
  readonly buildUrl: string | null
  readonly committedAt: string | null
}

export interface Release {
  readonly id: number
  readonly service: string
  readonly version: string
  readonly digest: string
  readonly artifact: { readonly kind: string; readonly files: number; readonly bytes: number }
  readonly source: ReleaseSource
  readonly createdBy: string
  readonly createdAt: string
}

export interface Deployment {
  readonly id: number
  readonly service: string
  readonly environment: string
  readonly kind: DeploymentKind
  readonly releaseId: number
  readonly releaseVersion: string
  readonly releaseDigest: string
  readonly status: DeploymentStatus
  readonly statusReason: string | null
  readonly requestedBy: string
  readonly reason: string | null
  readonly fromEnvironment: string | null
  readonly rollbackOf: number | null
  readonly automatic: boolean
  readonly epoch: number | null
  readonly previousReleaseId: number | null
  readonly createdAt: string
  readonly updatedAt: string
  readonly startedAt: string | null
  readonly finishedAt: string | null
}

export interface Approval {
  readonly id: number
  readonly deploymentId: number
  readonly decision: 'approve' | 'reject'
  readonly actor: string
  readonly comment: string
  readonly releaseDigest: string
  readonly environment: string
  readonly createdAt: string
}

export interface ApprovalTally {
  readonly required: number
  readonly approvedBy: readonly string[]
  readonly rejectedBy: Approval | null
  readonly ignored: readonly { readonly actor: string; readonly why: string }[]
}

export interface DeploymentStep {
  readonly id: number
  readonly name: string
  readonly status: 'started' | 'succeeded' | 'failed'
  readonly epoch: number
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly detail: string | null
}

export interface LogLine {
  readonly deploymentId: number
  readonly seq: number
  readonly at: string
  readonly level: 'info' | 'warn' | 'error'
  readonly source: string
  readonly message: string
}

export interface Lease {
  readonly epoch: number
  readonly deploymentId: number | null
  readonly hold: { readonly by: string; readonly reason: string; readonly at: string } | null
}

export interface Freeze {
  readonly environment: string
  readonly by: string
  readonly reason: string
  readonly createdAt: string
  readonly expiresAt: string | null
}

export interface AutoDeployPause {
  readonly by: string
  readonly reason: string
  readonly createdAt: string
}

export interface TargetStatus {
  readonly service: string
  readonly environment: string
  readonly live: { readonly release: Release; readonly since: string; readonly deploymentId: number } | null
  readonly latest: Deployment | null
  readonly active: Deployment | null
  readonly waiting: readonly Deployment[]
  readonly lease: Lease | null
  readonly freeze: Freeze | null
  readonly autoDeployPause: AutoDeployPause | null
}

export interface PendingApproval {
  readonly deployment: Deployment
  readonly tally: ApprovalTally
}

export interface StatusReport {
  readonly services: readonly string[]
  readonly environments: readonly string[]
  readonly targets: readonly TargetStatus[]
  readonly pendingApprovals: readonly PendingApproval[]
}

export interface PipelineEnvironment {
  readonly name: string
  readonly promoteFrom: string | null
  readonly autoDeploy: { readonly branches: readonly string[] } | null
  readonly gates: {
    readonly approvals: { readonly required: number; readonly from: readonly string[]; readonly allowSelfApproval: boolean } | null
  }
}

export interface Pipeline {
  readonly services: readonly { readonly name: string; readonly repository: { readonly name: string } | null }[]
  readonly environments: readonly PipelineEnvironment[]
}

export interface DeploymentDetail {
  readonly deployment: Deployment
  readonly release: Release
  readonly approvals: readonly Approval[]
  readonly steps: readonly DeploymentStep[]
  readonly rollbacks: readonly Deployment[]
}

export interface Requested {
  readonly deployment: Deployment
  readonly evaluation: { readonly outcome: string; readonly reason: string }
}

export interface Decision {
  readonly approval: Approval
  readonly deployment: Deployment
  readonly tally: ApprovalTally
}

export interface DoraFigures {
  readonly deployments: number
  readonly changes: number
  readonly failures: number
  readonly changeFailureRate: number | null
  readonly leadTime: { readonly count: number; readonly medianMs: number | null; readonly withoutCommitTime: number }
  readonly recovery: { readonly count: number; readonly medianMs: number | null; readonly unrecovered: number }
  readonly rework: { readonly deployments: number; readonly rework: number; readonly rate: number | null }
}

export interface DoraReport {
  readonly since: string
  readonly until: string
  readonly environments: readonly string[]
  readonly service: string | null
  readonly totals: DoraFigures & { readonly deploymentsPerWeek: number }
  readonly weeks: readonly (DoraFigures & { readonly week: string; readonly start: string })[]
  readonly failures: readonly {
    readonly deploymentId: number
    readonly service: string
    readonly environment: string
    readonly reason: 'failed' | 'interrupted' | 'rolled_back' | 'quarantined'
    readonly finishedAt: string
    readonly recoveredBy: number | null
    readonly recoveryMs: number | null
  }[]
}
