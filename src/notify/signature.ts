import { createHmac } from 'node:crypto'

/**
 * `X-Waka-Signature`: `sha256=` and the hex HMAC-SHA256, keyed with the target's signing secret,
 * of `${timestamp}.${body}` — the timestamp (`X-Waka-Timestamp`, Unix seconds) is signed too, so a
 * receiver that refuses old timestamps refuses replays.
 */
export const signWebhook = (key: string, timestamp: number, body: string): string =>
  `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`
