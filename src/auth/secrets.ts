import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { Buffer } from 'node:buffer'
import { WakaError } from '../core/errors.ts'

/** 32 random bytes as 43 base64url characters: token secrets, session ids, CSRF tokens. */
export const randomSecret = (): string => randomBytes(32).toString('base64url')

export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** Whether `text` hashes to `expectedHex`, compared in constant time. */
export const matchesSha256 = (text: string, expectedHex: string): boolean => {
  const actual = createHash('sha256').update(text, 'utf8').digest()
  const expected = Buffer.from(expectedHex, 'hex')
  return expected.length === actual.length && timingSafeEqual(actual, expected)
}

/** Two secrets compared in constant time (for equal lengths; lengths are not secret). */
export const sameSecret = (expected: string, presented: string): boolean => {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(presented, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Reasons a credential was refused, for logs and the API's `details.reason`. The message never
 * contains the credential itself.
 */
export type Refusal =
  | 'malformed'
  | 'invalid_token'
  | 'token_revoked'
  | 'token_expired'
  | 'session_expired'
  | 'invalid_signature'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'keys_unavailable'
  | 'token_not_yet_valid'
  | 'token_too_old'
  | 'invalid_audience'
  | 'invalid_issuer'
  | 'missing_claim'
  | 'token_replayed'
  | 'not_configured'

export const unauthenticated = (message: string, reason: Refusal, options: { hint?: string; cause?: unknown } = {}): WakaError =>
  new WakaError('UNAUTHENTICATED', message, { ...options, details: { reason } })
