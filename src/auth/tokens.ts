/**
 * API tokens: `waka_<id>_<secret>`, the secret being 32 random bytes in base64url. Only the
 * SHA-256 of the secret is stored; a presented token is looked up by id and its secret's hash
 * compared in constant time. A token acts as its subject, with the role it carries (if any) added.
 */
import type { ApiToken, AuthStore } from '../core/auth-store.ts'
import type { Credential, Identity } from '../core/identity.ts'
import type { Grant } from '../core/policy.ts'
import { matchesSha256, randomSecret, sha256Hex, unauthenticated } from './secrets.ts'

export const TOKEN_PREFIX = 'waka_'
const TOKEN_PATTERN = /^waka_([1-9][0-9]{0,14})_([A-Za-z0-9_-]{43})$/

/** Tokens must expire; this is the longest they may live. */
export const MAX_TOKEN_LIFETIME_MS = 366 * 24 * 3_600_000

export interface TokenSecret {
  readonly secret: string
  readonly secretSha256: string
}

/** A new secret and the hash the store keeps; the secret itself is shown once and never stored. */
export const mintTokenSecret = (): TokenSecret => {
  const secret = randomSecret()
  return { secret, secretSha256: sha256Hex(secret) }
}

export const formatToken = (id: number, secret: string): string => `${TOKEN_PREFIX}${id}_${secret}`

/** The id and secret of a well-formed token string; null for anything else. */
export const parseToken = (text: string): { readonly id: number; readonly secret: string } | null => {
  const match = text.length <= 80 ? TOKEN_PATTERN.exec(text) : null
  if (!match) return null
  const [, id = '', secret = ''] = match
  return { id: Number(id), secret }
}

/** The role a token carries, as grants to its subject. */
export const tokenGrants = (token: ApiToken): Grant[] =>
  token.role === null ? [] : [{ subjects: [`user:${token.subject}`], role: token.role, environments: [...token.environments] }]

export const tokenIdentity = (token: ApiToken, credential: Credential): Identity => ({
  name: token.subject,
  grants: tokenGrants(token),
  credential,
})

/** Whether a token may still be used at `now`; throws UNAUTHENTICATED naming why not. */
export const assertTokenUsable = (token: ApiToken, now: Date): void => {
  if (token.revokedAt !== null)
    throw unauthenticated(`API token #${token.id} (${token.name}) was revoked at ${token.revokedAt}`, 'token_revoked', { hint: 'ask an admin for a new token' })
  if (Date.parse(token.expiresAt) <= now.getTime())
    throw unauthenticated(`API token #${token.id} (${token.name}) expired at ${token.expiresAt}`, 'token_expired', { hint: 'ask an admin for a new token' })
}

/**
 * The stored token a presented token string proves, or UNAUTHENTICATED. Whether a token is revoked
 * or expired is said only to someone who holds its secret; the message never repeats the token.
 */
export const verifyApiToken = async (auth: Pick<AuthStore, 'getToken'>, now: Date, text: string): Promise<ApiToken> => {
  const parsed = parseToken(text)
  if (!parsed) throw unauthenticated('malformed API token: expected waka_<id>_<secret>', 'malformed')
  const stored = await auth.getToken(parsed.id)
  if (!stored || !matchesSha256(parsed.secret, stored.secretSha256)) throw unauthenticated('invalid API token', 'invalid_token')
  const { secretSha256: _, ...token } = stored
  assertTokenUsable(token, now)
  return token
}
