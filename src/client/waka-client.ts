/**
 * What the CLI (and later the dashboard) can ask of Waka. The embedded client runs the use cases
 * and the engine in this process on the SQLite ledger; a remote client will send the same calls to
 * `waka server`. Commands receive a client and never touch storage or drivers.
 */
import type { CreateReleaseInput, CreateReleaseResult } from '../app/create-release.ts'
import type { DecideInput, DecideResult } from '../app/decide.ts'
import type { DeployInput, PromoteInput } from '../app/deploy.ts'
import type { FreezeInput } from '../app/freeze.ts'
import type { HoldInput } from '../app/hold.ts'
import type { DeliveriesQuery, DeliveryView } from '../app/notification-deliveries.ts'
import type { DoraQuery } from '../app/metrics.ts'
import type { QuarantineInput } from '../app/quarantine.ts'
import type { DeploymentDetail, HistoryQuery, ReleaseRow } from '../app/read.ts'
import type { Requested } from '../app/request-deployment.ts'
import type { RollbackInput } from '../app/rollback.ts'
import type { ReadinessMoment } from '../app/rollback-readiness.ts'
import type { RollbackReadiness } from '../core/plan/rollback-readiness.ts'
import type { StatusReport } from '../app/status.ts'
import type { TargetHosts } from '../app/target-hosts.ts'
import type { CreatedToken, CreateTokenInput } from '../app/tokens.ts'
import type { ApiToken } from '../core/auth-store.ts'
import type { AuditEvent, ChainVerdict } from '../core/audit/audit-chain.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import type { DoraReport } from '../core/metrics/dora.ts'
import type { EnvironmentPolicy, WakaPolicy } from '../core/policy.ts'
import type { Release } from '../core/release/release.ts'
import type { Freeze, LogLine, Quarantine } from '../core/store.ts'
import type { EngineEvent } from '../engine/events.ts'

export type { DoraReport }
export type { RollbackReadiness }
export type { ApiToken, CreatedToken, CreateReleaseResult, DecideResult, DeploymentDetail, ReleaseRow, Requested, StatusReport, EngineEvent }
export type { TargetStatus, PendingApproval } from '../app/status.ts'
export type { TargetHosts } from '../app/target-hosts.ts'

type Acting<T> = Omit<T, 'actor'>

export type NewTokenInput = Omit<CreateTokenInput, 'identity'>

export interface FollowOptions {
  readonly onEvent?: (event: EngineEvent) => void
  readonly signal?: AbortSignal
  /** Remote mode: how often to ask the server (default 400 ms). */
  readonly pollMs?: number
}

/** Services and environments in pipeline order, with their gates: what the CLI needs of waka.yml. */
export interface PipelineView {
  readonly services: readonly { readonly name: string; readonly repository: { readonly name: string; readonly id: number | null } | null }[]
  readonly environments: readonly EnvironmentPolicy[]
}

export const pipelineOf = (policy: WakaPolicy): PipelineView => ({
  services: Object.values(policy.services).map((service) => ({
    name: service.name,
    repository: service.repository && { name: service.repository.name, id: service.repository.id },
  })),
  environments: Object.values(policy.environments),
})

export interface WakaClient {
  /** Who is acting. */
  readonly actor: string
  readonly pipeline: PipelineView

  createRelease(input: Acting<CreateReleaseInput>): Promise<CreateReleaseResult>
  deploy(input: Acting<DeployInput>): Promise<Requested>
  promote(input: Acting<PromoteInput>): Promise<Requested>
  decide(input: Acting<DecideInput>): Promise<DecideResult>
  rollback(input: Acting<RollbackInput>): Promise<Requested>
  cancel(input: { deploymentId: number; reason: string | null }): Promise<Deployment>
  hold(input: Acting<HoldInput>): Promise<void>
  unhold(input: Acting<HoldInput>): Promise<void>
  freeze(input: Acting<FreezeInput>): Promise<Freeze>
  unfreeze(input: { environment: string; reason: string | null }): Promise<void>
  quarantine(input: Acting<QuarantineInput>): Promise<Quarantine | null>
  resume(input: { service: string; environment: string; reason: string | null }): Promise<void>

  /** The release a deploy, promotion or rollback would move, for confirmations. */
  previewDeploy(input: { service: string; release: string }): Promise<Release>
  previewPromotion(input: Pick<PromoteInput, 'service' | 'to' | 'from' | 'release'>): Promise<Release>
  previewRollback(input: { service: string; environment: string; to: string | null }): Promise<Release>
  /** Whether a rollback would work (`now`), or would after a deployment about to run (`after`); asks the drivers. */
  rollbackReadiness(input: { service: string; environment: string; moment: ReadinessMoment }): Promise<RollbackReadiness>

  status(input: { service: string | null }): Promise<StatusReport>
  /** What each target's hosts run, asked of the drivers, next to the ledger (drift). */
  targetHosts(input: { service: string | null }): Promise<TargetHosts[]>
  history(query: Acting<HistoryQuery>): Promise<Deployment[]>
  deployment(id: number): Promise<DeploymentDetail>
  logs(input: { deploymentId: number; afterSeq: number; limit: number }): Promise<LogLine[]>
  releases(input: { service: string; limit: number }): Promise<ReleaseRow[]>
  verifyAudit(): Promise<ChainVerdict>
  audit(input: { afterSeq: number; limit: number }): Promise<AuditEvent[]>
  /** The notification delivery log, newest first. */
  deliveries(input: Omit<DeliveriesQuery, 'actor'>): Promise<DeliveryView[]>
  /** DORA metrics from the ledger, per ISO week and in total. */
  doraMetrics(input: Acting<DoraQuery>): Promise<DoraReport>

  /**
   * Waits until the deployments settle: finished, or waiting on a person (approval, hold) or on
   * time (soak, window). Automatic rollbacks they cause are followed too. In embedded mode this is
   * where deployments run.
   */
  follow(ids: readonly number[], options?: FollowOptions): Promise<Deployment[]>

  createToken(input: NewTokenInput): Promise<CreatedToken>
  listTokens(): Promise<ApiToken[]>
  revokeToken(input: { id: number; reason: string | null }): Promise<ApiToken>
  /** Runs the engine until nothing is runnable (or, with `watch`, until the signal aborts). */
  runEngine(options: { watch: boolean; signal?: AbortSignal; onEvent?: (event: EngineEvent) => void }): Promise<void>
  close(): Promise<void>
}
