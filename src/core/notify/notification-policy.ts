/** The normalized `notifications:` section of waka.yml: where Waka tells other tools what happened. */

/** The events a route can name, in the order they usually happen. */
export const NOTIFICATION_EVENTS = [
  'requested',
  'awaiting_approval',
  'approved',
  'rejected',
  'started',
  'succeeded',
  'failed',
  'interrupted',
  'cancelled',
  'rolled_back',
  'quarantined',
  'frozen',
  'unfrozen',
] as const
export type NotificationEventName = (typeof NOTIFICATION_EVENTS)[number]

export const TARGET_TYPES = ['webhook', 'slack', 'cdevents'] as const
export type TargetType = (typeof TARGET_TYPES)[number]

export interface NotificationTarget {
  readonly name: string
  readonly type: TargetType
  /** Name of the secret that holds the URL (a Slack webhook URL is itself a credential). */
  readonly urlSecret: string
  /** Name of the secret that holds the HMAC key (webhook only); null sends unsigned requests. */
  readonly signingSecret: string | null
  /** CloudEvents `source` (cdevents only). */
  readonly source: string
  readonly timeoutMs: number
}

export interface NotificationRoute {
  /** null: every environment (and events that belong to none, like a quarantine placed by hand). */
  readonly environments: readonly string[] | null
  /** null: every event. */
  readonly events: readonly NotificationEventName[] | null
  readonly to: readonly string[]
}

export interface RetryPolicy {
  /** Attempts in all, the first included; then the delivery is recorded as failed. */
  readonly attempts: number
  readonly initialDelayMs: number
  readonly maxDelayMs: number
}

export interface NotificationsPolicy {
  readonly targets: Readonly<Record<string, NotificationTarget>>
  readonly routes: readonly NotificationRoute[]
  readonly retry: RetryPolicy
  /** Base URL of the dashboard, for links in messages; null leaves links out. */
  readonly dashboardUrl: string | null
  /** Embedded mode: how long a command waits at exit for deliveries of what it caused. */
  readonly flushTimeoutMs: number
}

/** The targets an event of `environment` named `event` goes to, each once, in route order. */
export const targetsFor = (policy: NotificationsPolicy, event: NotificationEventName, environment: string | null): string[] => {
  const names = new Set<string>()
  for (const route of policy.routes) {
    if (route.events !== null && !route.events.includes(event)) continue
    if (route.environments !== null && (environment === null || !route.environments.includes(environment))) continue
    for (const name of route.to) names.add(name)
  }
  return [...names]
}
