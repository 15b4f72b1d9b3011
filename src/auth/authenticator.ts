/**
 * The one entry point the HTTP layer calls. `Authorization: Bearer waka_…` is an API token,
 * `Authorization: Bearer <JWT>` a GitHub Actions OIDC token, and without an Authorization header
 * the session cookie counts. Every credential is verified on every request: there is no path that
 * trusts a credential it did not check, and no credentials at all is `null` (anonymous), never an
 * identity.
 */
import type { Identity } from '../core/identity.ts'
import type { WakaPolicy } from '../core/policy.ts'
import type { Clock, Store } from '../core/store.ts'
import { githubIdentity } from './github-identity.ts'
import { createGithubTokenVerifier, type GithubOidcOptions, type GithubTokenVerifier } from './github-oidc.ts'
import { DEFAULT_SIGN_IN_LIMIT, type SignInLimit } from './rate-limit.ts'
import { unauthenticated } from './secrets.ts'
import { DEFAULT_SESSION_TTL_MS, signIn, signOut, verifySession, type SessionDeps, type SignedIn } from './sessions.ts'
import { TOKEN_PREFIX, tokenIdentity, verifyApiToken } from './tokens.ts'

export interface AuthenticatorOptions {
  readonly store: Pick<Store, 'auth'>
  readonly policy: WakaPolicy
  readonly clock: Clock
  /** How the GitHub key set is fetched and cached. */
  readonly oidc?: GithubOidcOptions
  /** Default 12 h. */
  readonly sessionTtlMs?: number
  /** Default 10 failures per 15 min per address. */
  readonly signInLimit?: SignInLimit
}

export interface AuthenticationRequest {
  /** The Authorization header, or null when absent. */
  readonly authorization: string | null
  /** The session cookie's value, or null when absent. */
  readonly sessionCookie: string | null
}

export interface Authenticated {
  readonly identity: Identity
  readonly via: 'token' | 'session' | 'github'
  /** For a session: the token state-changing requests must carry. Null otherwise. */
  readonly csrfToken: string | null
}

export interface Authenticator {
  /** Null when the request carries no credentials; UNAUTHENTICATED (or FORBIDDEN) when they are bad. */
  authenticate(request: AuthenticationRequest): Promise<Authenticated | null>
  signIn(request: { readonly token: string; readonly ip: string }): Promise<SignedIn>
  signOut(sessionId: string): Promise<void>
}

const BEARER = /^[ \t]*bearer[ \t]+(\S+)[ \t]*$/i
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

export const createAuthenticator = (options: AuthenticatorOptions): Authenticator => {
  const { store, policy, clock } = options
  const sessions: SessionDeps = {
    auth: store.auth,
    clock,
    ttlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    limit: options.signInLimit ?? DEFAULT_SIGN_IN_LIMIT,
  }
  const github = policy.github
  const verifier: GithubTokenVerifier | null = github ? createGithubTokenVerifier(github.oidc, clock, options.oidc) : null

  const viaGithub = async (jwt: string): Promise<Authenticated> => {
    if (!verifier || !github)
      throw unauthenticated('GitHub OIDC tokens are not accepted: waka.yml has no github.oidc section', 'not_configured')
    const claims = await verifier.verify(jwt)
    const identity = githubIdentity(policy, claims)
    // remembered only once the run is let in, so refused tokens cannot fill the table
    const first = await store.auth.rememberTokenId(claims.jti, claims.expiresAtMs + github.oidc.clockToleranceMs, clock.now().getTime())
    if (!first)
      throw unauthenticated('GitHub OIDC token refused: token replayed (each token is good for one request; request a new one)', 'token_replayed')
    return { identity, via: 'github', csrfToken: null }
  }

  const viaBearer = async (header: string): Promise<Authenticated> => {
    const credential = BEARER.exec(header)?.[1]
    if (credential === undefined) throw unauthenticated('expected the Authorization header to be "Bearer <token>"', 'malformed')
    if (credential.startsWith(TOKEN_PREFIX)) {
      const token = await verifyApiToken(store.auth, clock.now(), credential)
      return { identity: tokenIdentity(token, { kind: 'token', tokenId: token.id }), via: 'token', csrfToken: null }
    }
    if (JWT.test(credential)) return viaGithub(credential)
    throw unauthenticated('expected a Waka API token (waka_…) or a GitHub Actions OIDC token', 'malformed')
  }

  return {
    async authenticate({ authorization, sessionCookie }) {
      // An explicit credential wins, and a bad one is an error: never fall back to the cookie.
      if (authorization !== null) return viaBearer(authorization)
      if (sessionCookie === null || sessionCookie === '') return null
      const session = await verifySession(sessions, sessionCookie)
      return { identity: session.identity, via: 'session', csrfToken: session.csrfToken }
    },
    signIn: (request) => signIn(sessions, request),
    signOut: (sessionId) => signOut(sessions, sessionId),
  }
}
