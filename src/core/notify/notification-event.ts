/**
 * What a notification says, built from one audit event (the one record of what happened) and the
 * deployment and release it names. Pure: the caller looks those up.
 */
import type { AuditEvent } from '../audit/audit-chain.ts'
import type { Deployment } from '../deployment/deployment.ts'
import type { Release } from '../release/release.ts'
import type { NotificationEventName } from './notification-policy.ts'

const BY_ACTION: Readonly<Record<string, NotificationEventName>> = {
  'deployment.requested': 'requested',
  'deployment.awaiting_approval': 'awaiting_approval',
  'approval.approved': 'approved',
  'deployment.rejected': 'rejected',
  'deployment.running': 'started',
  'deployment.succeeded': 'succeeded',
  'deployment.failed': 'failed',
  'deployment.errored': 'failed',
  'deployment.interrupted': 'interrupted',
  'deployment.cancelled': 'cancelled',
  'quarantine.placed': 'quarantined',
  'freeze.placed': 'frozen',
  'freeze.lifted': 'unfrozen',
}

/** The notification event an audit event is, or null when it is none (release.created, hold.placed, …). */
export const notificationEventOf = (event: Pick<AuditEvent, 'action' | 'data'>): NotificationEventName | null => {
  const name = BY_ACTION[event.action] ?? null
  // a rollback that succeeded is what people watch for: it has its own name
  if (name === 'succeeded' && event.data?.['kind'] === 'rollback') return 'rolled_back'
  return name
}

/** The JSON body of a webhook, and what Slack and CDEvents messages are made from. */
export interface Notification {
  /** `waka-<audit seq>`: the same on every retry, so a receiver can drop duplicates. */
  readonly id: string
  readonly event: NotificationEventName
  /** The audit action it comes from, e.g. `deployment.succeeded`. */
  readonly action: string
  readonly at: string
  readonly actor: string
  readonly service: string | null
  readonly environment: string | null
  readonly reason: string | null
  readonly deployment: {
    readonly id: number
    readonly kind: string
    readonly requestedBy: string
    readonly fromEnvironment: string | null
    readonly rollbackOf: number | null
    /** The release live before this deployment started, when known. */
    readonly previousRelease: { readonly version: string; readonly digest: string } | null
    readonly url: string | null
  } | null
  readonly release: {
    readonly version: string
    readonly digest: string
    readonly repository: string | null
    readonly commit: string | null
  } | null
}

export interface NotificationFacts {
  readonly audit: AuditEvent
  readonly event: NotificationEventName
  readonly deployment: Deployment | null
  readonly release: Release | null
  readonly previousRelease: Release | null
  readonly dashboardUrl: string | null
}

const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`

export const buildNotification = (facts: NotificationFacts): Notification => {
  const { audit, deployment, release, previousRelease, dashboardUrl } = facts
  return {
    id: `waka-${audit.seq}`,
    event: facts.event,
    action: audit.action,
    at: audit.at,
    actor: audit.actor,
    service: audit.service,
    environment: audit.environment,
    reason: audit.reason,
    deployment:
      deployment === null
        ? null
        : {
            id: deployment.id,
            kind: deployment.kind,
            requestedBy: deployment.requestedBy,
            fromEnvironment: deployment.fromEnvironment,
            rollbackOf: deployment.rollbackOf,
            previousRelease: previousRelease === null ? null : { version: previousRelease.version, digest: previousRelease.digest },
            url: dashboardUrl === null ? null : joinUrl(dashboardUrl, `/deployments/${deployment.id}`),
          },
    release:
      release === null
        ? null
        : { version: release.version, digest: release.digest, repository: release.source.repository, commit: release.source.commit },
  }
}

/** Events that must reach a receiver in the order they happened share a key: one deployment's, one environment's. */
export const orderingKeyOf = (audit: Pick<AuditEvent, 'deploymentId' | 'environment' | 'service'>): string => {
  if (audit.deploymentId !== null) return `deployment:${audit.deploymentId}`
  if (audit.environment !== null) return `environment:${audit.environment}`
  return `service:${audit.service ?? ''}`
}
