/**
 * Dashboard sessions. Signing in with an API token gives a random session id (the cookie value,
 * stored only as its SHA-256) and a random CSRF token the dashboard sends back on every change.
 * A session lasts at most its lifetime and never longer than its token; it ends when the token is
 * revoked. Every sign-in counts against the caller's address (rate-limit.ts).
 */
import type { AuthStore } from '../core/auth-store.ts'
import type { Identity } from '../core/identity.ts'
import type { Clock } from '../core/store.ts'
import { limitSignIn, type SignInLimit } from './rate-limit.ts'
import { SECRET_PATTERN, randomSecret, sameSecret, sha256Hex, unauthenticated } from './secrets.ts'
import { assertTokenUsable, tokenIdentity, verifyApiToken } from './tokens.ts'

export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000

export interface SessionDeps {
  readonly auth: AuthStore
  readonly clock: Clock
  readonly ttlMs: number
  readonly limit: SignInLimit
}

export interface SignedIn {
  /** The cookie value; shown to the browser once, stored only hashed. */
  readonly sessionId: string
  readonly csrfToken: string
  readonly identity: Identity
  readonly expiresAt: string
}

export interface VerifiedSession {
  readonly identity: Identity
  readonly csrfToken: string
  readonly expiresAt: string
}

/** Signs in with an API token from `ip`; RATE_LIMITED after too many failures from that address. */
export const signIn = (deps: SessionDeps, request: { readonly token: string; readonly ip: string }): Promise<SignedIn> => {
  const now = deps.clock.now()
  return limitSignIn(deps.auth, { ip: request.ip, nowMs: now.getTime(), limit: deps.limit }, async () => {
    const token = await verifyApiToken(deps.auth, now, request.token)
    const sessionId = randomSecret()
    const csrfToken = randomSecret()
    const expiresAt = new Date(Math.min(now.getTime() + deps.ttlMs, Date.parse(token.expiresAt))).toISOString()
    await deps.auth.insertSession({
      idSha256: sha256Hex(sessionId),
      tokenId: token.id,
      subject: token.subject,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
    })
    return { sessionId, csrfToken, identity: tokenIdentity(token, { kind: 'session', tokenId: token.id }), expiresAt }
  })
}

/** Who a session cookie belongs to, with the CSRF token changes must carry; UNAUTHENTICATED otherwise. */
export const verifySession = async (deps: Pick<SessionDeps, 'auth' | 'clock'>, cookieValue: string): Promise<VerifiedSession> => {
  if (!SECRET_PATTERN.test(cookieValue)) throw unauthenticated('malformed session cookie: sign in again', 'malformed')
  const now = deps.clock.now()
  const session = await deps.auth.getSession(sha256Hex(cookieValue))
  if (!session) throw unauthenticated('unknown session (signed out, or its token was revoked): sign in again', 'invalid_token')
  if (Date.parse(session.expiresAt) <= now.getTime())
    throw unauthenticated(`session expired at ${session.expiresAt}: sign in again`, 'session_expired')
  const stored = await deps.auth.getToken(session.tokenId)
  if (!stored) throw unauthenticated('unknown session: sign in again', 'invalid_token')
  assertTokenUsable(stored, now)
  return {
    identity: tokenIdentity(stored, { kind: 'session', tokenId: stored.id }),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  }
}

/** Ends a session; a cookie that names no session is already signed out. */
export const signOut = async (deps: Pick<SessionDeps, 'auth'>, cookieValue: string): Promise<void> => {
  if (SECRET_PATTERN.test(cookieValue)) await deps.auth.deleteSession(sha256Hex(cookieValue))
}

/** Whether a request's CSRF token (header or form field) is its session's, compared in constant time. */
export const csrfTokenMatches = (expected: string, presented: string | null | undefined): boolean =>
  typeof presented === 'string' && presented.length > 0 && sameSecret(expected, presented)
