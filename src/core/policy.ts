/**
 * The normalized `waka.yml`: what the rest of Waka reads once config/ has validated the file.
 * Durations are milliseconds, defaults are filled in, per-service settings are merged.
 */
import type { Role } from './access/roles.ts'
import type { NotificationsPolicy } from './notify/notification-policy.ts'

export interface WakaPolicy {
  readonly services: Readonly<Record<string, ServicePolicy>>
  /** In the order the file declares them, which is the order the pipeline is shown in. */
  readonly environments: Readonly<Record<string, EnvironmentPolicy>>
  readonly access: AccessPolicy
  /** GitHub integration; null when waka.yml has no `github` section. */
  readonly github: GithubPolicy | null
  /** Webhooks, Slack and CDEvents; null when waka.yml has no `notifications` section. */
  readonly notifications: NotificationsPolicy | null
}

export interface GithubPolicy {
  /** How GitHub Actions runs authenticate with their OIDC token. */
  readonly oidc: GithubOidcPolicy
  /** What `waka github workflows` writes; null when not configured. */
  readonly workflows: WorkflowsPolicy | null
  /** Mirroring deployments to GitHub's Deployments API; null when off. */
  readonly deployments: DeploymentsMirrorPolicy | null
}

export interface DeploymentsMirrorPolicy {
  readonly api: string
  /** The environment variable that holds the token (the token itself never enters waka.yml). */
  readonly tokenEnv: string
  readonly dashboard: string | null
}

export interface WorkflowsPolicy {
  readonly server: string
  readonly action: { readonly repository: string; readonly sha: string; readonly tag: string | null }
  readonly ci: string
  readonly branch: string
  readonly runner: string
  /** Environments whose jobs name a GitHub environment, so GitHub's required reviewers apply too. */
  readonly githubEnvironments: readonly string[]
}

export interface BuildPolicy {
  readonly run: string
  readonly artifact: string
  readonly node: string | null
}

export interface GithubOidcPolicy {
  /** The `aud` Waka requires: its own, never GitHub's default `https://github.com/<owner>`. */
  readonly audience: string
  readonly issuer: string
  readonly jwksUrl: string
  /** Tokens issued (`iat`) longer ago than this are refused. */
  readonly maxTokenAgeMs: number
  /** Allowed clock difference for `exp`, `nbf` and `iat`. */
  readonly clockToleranceMs: number
}

export interface ServicePolicy {
  readonly name: string
  /** The repository allowed to register releases (GitHub OIDC matches the numeric id). */
  readonly repository: RepositoryPolicy | null
  /** How CI builds the service's artifact (for generated workflows); null when not configured. */
  readonly build: BuildPolicy | null
  /** How this service runs in each environment: environment defaults merged with service overrides. */
  readonly targets: Readonly<Record<string, ServiceTarget>>
}

/** A service's GitHub repository, and what its Actions runs may do when they present an OIDC token. */
export interface RepositoryPolicy {
  /** owner/name; for display only, since a name can be renamed, transferred or re-created. */
  readonly name: string
  /** The numeric repository id OIDC tokens are matched by; null when OIDC is not used. */
  readonly id: number | null
  /** Allowed `job_workflow_ref` values (a trailing `*` is a prefix); null for any. */
  readonly workflows: readonly string[] | null
  /** Allowed `ref` values like `refs/heads/main` (a trailing `*` is a prefix); null for any. */
  readonly refs: readonly string[] | null
  /** Allowed GitHub environment names (the `environment` claim); null for any, including none. */
  readonly environments: readonly string[] | null
  /** Allowed `event_name` values. */
  readonly events: readonly string[]
  /** Environment name or `*` → the role runs of this repository hold there. */
  readonly roles: Readonly<Record<string, Role>>
}

/** A driver's settings. config/ validated them against the driver's own schema. */
export interface DriverSettings {
  readonly type: string
  readonly [key: string]: unknown
}

export interface ServiceTarget {
  readonly driver: DriverSettings
  readonly variables: Readonly<Record<string, string>>
  /** Names only; values come from the executor's environment at deploy time. */
  readonly secrets: readonly string[]
  readonly health: HealthPolicy | null
}

export interface HealthPolicy {
  readonly http: HttpHealthPolicy
}

export interface HttpHealthPolicy {
  /** A full URL, or null to build one from each target's address, `port` and `path`. */
  readonly url: string | null
  readonly path: string
  readonly port: number | null
  readonly expect: {
    readonly status: number
    /** Text the response body must contain. */
    readonly body: string | null
    /** The response must report the release's version (JSON `version` field, or the body text). */
    readonly version: boolean
  }
  /** Consecutive good probes needed to pass. */
  readonly successes: number
  /** Consecutive bad probes that fail the check early. */
  readonly failures: number
  readonly intervalMs: number
  /** Overall deadline for the check. */
  readonly timeoutMs: number
  /** Deadline for one probe. */
  readonly requestTimeoutMs: number
}

export const QUEUE_MODES = ['fifo', 'latest'] as const
export type QueueMode = (typeof QUEUE_MODES)[number]

/** Who runs the deployments of an environment: the server's engine, or a CI runner through the API. */
export const EXECUTORS = ['server', 'runner'] as const
export type Executor = (typeof EXECUTORS)[number]

export interface EnvironmentPolicy {
  readonly name: string
  readonly promoteFrom: string | null
  /** Releases built from these branches deploy here automatically; null when auto-deploy is off. */
  readonly autoDeploy: { readonly branches: readonly string[] } | null
  /** `fifo`: every request runs in order. `latest`: a new request supersedes the ones still waiting. */
  readonly queue: QueueMode
  /** Ask for confirmation (naming the release) before acting on this environment from a terminal. */
  readonly confirm: boolean
  readonly gates: GatePolicy
  readonly rollback: RollbackPolicy
  /**
   * `server`: the engine of the server (or the embedded CLI) runs deployments here. `runner`: a CI
   * runner claims each one through the API (`waka execute`), for targets only reachable from there;
   * the server still decides gates, approvals, the lock and the ledger.
   */
  readonly executor: Executor
}

export interface GatePolicy {
  readonly approvals: ApprovalPolicy | null
  /** Time the release must have been live and verified upstream; 0 for none. */
  readonly soakMs: number
  /** Empty means any time. */
  readonly windows: readonly DeployWindow[]
  /** The release must have been built from one of these branches; null for any. */
  readonly branches: readonly string[] | null
  /** A deployment runs only when its rollback would work (see core/plan/rollback-readiness.ts). */
  readonly rollbackReady: boolean
}

/** `user:alice` or `group:release-managers` */
export type Principal = `user:${string}` | `group:${string}`

export interface ApprovalPolicy {
  readonly required: number
  readonly from: readonly Principal[]
  readonly allowSelfApproval: boolean
  readonly expireAfterMs: number | null
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export interface DeployWindow {
  readonly days: readonly Weekday[]
  /** Minutes after local midnight. A window whose end is not after its start runs past midnight. */
  readonly fromMinute: number
  readonly toMinute: number
  readonly timezone: string
}

export interface RollbackPolicy {
  /** Roll back automatically when a deployment fails. */
  readonly auto: boolean
  /** Releases kept on each target (the live one and the rollback target are never removed). */
  readonly keepReleases: number
  /** Quarantine a release whose deployment failed its health check, so no path re-deploys it. */
  readonly quarantineFailed: boolean
}

export interface AccessPolicy {
  readonly groups: Readonly<Record<string, readonly string[]>>
  readonly grants: readonly Grant[]
}

export interface Grant {
  readonly subjects: readonly Principal[]
  readonly role: Role
  /** Environment names, or `*` for all. */
  readonly environments: readonly string[]
}
