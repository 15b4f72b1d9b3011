/** `notifications:` in waka.yml: targets (webhook, Slack, CDEvents) and which events go where. */
import { z } from 'zod'
import { NOTIFICATION_EVENTS, TARGET_TYPES } from '../core/notify/notification-policy.ts'
import { expecting } from './expected.ts'
import { environmentName, positiveDuration, serviceName } from './fields.ts'
import { variableName } from '../settings/primitives.ts'

const secretName = expecting(variableName, 'a secret name like SLACK_WEBHOOK_URL').describe(
  'Name of a secret; its value comes from the environment variable WAKA_NOTIFY_<NAME> of the process that delivers',
)

const targetSchema = z
  .strictObject({
    type: z.enum(TARGET_TYPES).describe('webhook: signed JSON; slack: an incoming-webhook message; cdevents: CloudEvents JSON per CDEvents 0.4.1'),
    urlSecret: secretName.describe('Name of the secret that holds the URL to POST to (never the URL itself: a Slack webhook URL is a credential)'),
    signingSecret: secretName
      .optional()
      .describe('webhook only: name of the secret that holds the HMAC-SHA256 key for X-Waka-Signature (default: unsigned)'),
    source: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe('cdevents only: the CloudEvents source of every event (default /waka)'),
    timeout: positiveDuration.optional().describe('How long one request may take before it counts as failed (default 10s)'),
  })
  .describe('Where notifications go')

const routeSchema = z
  .strictObject({
    environments: expecting(z.array(environmentName).min(1), 'a list of environment names like [production]')
      .optional()
      .describe('Only events of these environments (default: every environment, and events of none such as a quarantine placed by hand)'),
    events: expecting(z.array(z.enum(NOTIFICATION_EVENTS)).min(1), `a list of events among ${NOTIFICATION_EVENTS.join(', ')}`)
      .optional()
      .describe('Only these events (default: every event)'),
    to: expecting(z.array(serviceName).min(1), 'a list of target names like [ops-webhook]').describe('Names of targets under notifications.targets'),
  })
  .describe('Which events go to which targets')

const retrySchema = z
  .strictObject({
    attempts: z.number().int().min(1).max(100).optional().describe('Attempts in all before a delivery is recorded as failed (default 8)'),
    initialDelay: positiveDuration.optional().describe('Wait before the second attempt; each later wait doubles, with jitter (default 1s)'),
    maxDelay: positiveDuration.optional().describe('The longest wait between attempts (default 5m)'),
  })
  .describe('How failed deliveries are retried')

export const notificationsSchema = z
  .strictObject({
    targets: z.record(serviceName, targetSchema).describe('Targets by name'),
    routes: z.array(routeSchema).min(1).describe('Which events go where; an event goes to each target at most once'),
    retry: retrySchema.optional(),
    dashboardUrl: z.url({ protocol: /^https?$/ }).optional().describe('Base URL of the dashboard, for links in messages'),
    flushTimeout: positiveDuration
      .optional()
      .describe('Embedded mode: how long a command waits at exit to deliver what it caused (default 5s); the rest waits in the outbox'),
  })
  .describe('Webhooks, Slack messages and CDEvents about deployments, approvals, quarantines and freezes')

export type WrittenNotifications = z.infer<typeof notificationsSchema>
