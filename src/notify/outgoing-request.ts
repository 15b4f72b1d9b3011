/** The HTTP request one target gets for one notification: body and headers, by target type. */
import type { Notification } from '../core/notify/notification-event.ts'
import type { NotificationTarget } from '../core/notify/notification-policy.ts'
import { cloudEventOf, CLOUDEVENTS_CONTENT_TYPE } from './cdevent.ts'
import { signWebhook } from './signature.ts'
import { slackMessage } from './slack-message.ts'

export interface OutgoingRequest {
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

const USER_AGENT = 'waka-notifications'

/** Whether `target` has anything to say about `n` (CDEvents has no event for a request or an approval). */
export const expresses = (target: Pick<NotificationTarget, 'type' | 'source'>, n: Notification): boolean =>
  target.type !== 'cdevents' || cloudEventOf(n, target.source) !== null

export const outgoingRequest = (
  target: Pick<NotificationTarget, 'type' | 'source'>,
  n: Notification,
  signing: { readonly key: string | null; readonly timestamp: number },
): OutgoingRequest | null => {
  if (target.type === 'slack') return { body: JSON.stringify(slackMessage(n)), headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT } }
  if (target.type === 'cdevents') {
    const event = cloudEventOf(n, target.source)
    return event && { body: JSON.stringify(event), headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE, 'user-agent': USER_AGENT } }
  }
  const body = JSON.stringify(n)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'x-waka-event': n.event,
    'x-waka-delivery': n.id,
    'x-waka-timestamp': String(signing.timestamp),
  }
  if (signing.key !== null) headers['x-waka-signature'] = signWebhook(signing.key, signing.timestamp, body)
  return { body, headers }
}
