/** Written `notifications` → the policy the dispatcher reads, defaults filled in. */
import { parseDuration } from '../core/duration.ts'
import type { NotificationsPolicy, NotificationTarget } from '../core/notify/notification-policy.ts'
import type { WrittenNotifications } from './notifications-schema.ts'

export const NOTIFICATION_DEFAULTS = {
  timeout: '10s',
  attempts: 8,
  initialDelay: '1s',
  maxDelay: '5m',
  flushTimeout: '5s',
  source: '/waka',
} as const

const ms = (text: string): number => parseDuration(text) ?? 0

export const normalizeNotifications = (written: WrittenNotifications | undefined): NotificationsPolicy | null => {
  if (!written) return null
  const targets = Object.fromEntries(
    Object.entries(written.targets).map(([name, target]): [string, NotificationTarget] => [
      name,
      {
        name,
        type: target.type,
        urlSecret: target.urlSecret,
        signingSecret: target.signingSecret ?? null,
        source: target.source ?? NOTIFICATION_DEFAULTS.source,
        timeoutMs: ms(target.timeout ?? NOTIFICATION_DEFAULTS.timeout),
      },
    ]),
  )
  return {
    targets,
    routes: written.routes.map((route) => ({ environments: route.environments ?? null, events: route.events ?? null, to: route.to })),
    retry: {
      attempts: written.retry?.attempts ?? NOTIFICATION_DEFAULTS.attempts,
      initialDelayMs: ms(written.retry?.initialDelay ?? NOTIFICATION_DEFAULTS.initialDelay),
      maxDelayMs: ms(written.retry?.maxDelay ?? NOTIFICATION_DEFAULTS.maxDelay),
    },
    dashboardUrl: written.dashboardUrl ?? null,
    flushTimeoutMs: ms(written.flushTimeout ?? NOTIFICATION_DEFAULTS.flushTimeout),
  }
}
