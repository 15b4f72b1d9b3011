/**
 * The authentication port: API tokens, dashboard sessions, sign-in attempt counters and the GitHub
 * OIDC replay memory. storage/ implements it; `store.auth` runs each method atomically on its own,
 * `tx.auth` runs it inside the caller's transaction. Secrets never reach the store: tokens and
 * session ids are stored as SHA-256 hex digests.
 */
import type { Role } from './access/roles.ts'

/** An API token as anyone may see it: no secret material. */
export interface ApiToken {
  readonly id: number
  readonly name: string
  /** Who the token acts as (the ledger's actor); defaults to the name. */
  readonly subject: string
  /** A role the token itself carries, in `environments`; null for only the subject's own roles. */
  readonly role: Role | null
  /** Environment names or `*`; empty when `role` is null. */
  readonly environments: readonly string[]
  readonly createdBy: string
  readonly createdAt: string
  readonly expiresAt: string
  readonly revokedAt: string | null
  readonly revokedBy: string | null
}

export interface StoredApiToken extends ApiToken {
  /** SHA-256 of the token's secret part, 64 lowercase hex digits. */
  readonly secretSha256: string
}

export type NewApiToken = Omit<StoredApiToken, 'id' | 'revokedAt' | 'revokedBy'>

export interface Session {
  /** SHA-256 hex of the session id the browser holds in its cookie. */
  readonly idSha256: string
  readonly tokenId: number
  readonly subject: string
  readonly csrfToken: string
  readonly createdAt: string
  readonly expiresAt: string
}

export interface AttemptWindow {
  /** The caller's clock, ms since the Unix epoch. */
  readonly nowMs: number
  readonly windowMs: number
}

export interface AttemptCount {
  readonly attempts: number
  readonly windowStartMs: number
}

export interface AuthStore {
  insertToken(token: NewApiToken): Promise<StoredApiToken>
  getToken(id: number): Promise<StoredApiToken | null>
  /** Every token, newest first, revoked ones included. */
  listTokens(): Promise<ApiToken[]>
  /** Marks the token revoked and ends its sessions; null when there is no such token or it was already revoked. */
  revokeToken(id: number, revocation: { readonly by: string; readonly at: string }): Promise<ApiToken | null>

  /** Stores a session and removes every session that expired by its `createdAt`. */
  insertSession(session: Session): Promise<void>
  getSession(idSha256: string): Promise<Session | null>
  deleteSession(idSha256: string): Promise<boolean>

  /**
   * Counts one sign-in attempt for `key` in its current window (a new window starts when the last
   * one ended) and forgets windows that ended. Returns the attempts counted in the window, this one
   * included, and when the window started.
   */
  countSignInAttempt(key: string, window: AttemptWindow): Promise<AttemptCount>
  /** Takes back one counted attempt (it succeeded, so it is not a failure). */
  forgiveSignInAttempt(key: string): Promise<void>

  /**
   * Remembers a token id until `expiresAtMs` and forgets ids that expired by `nowMs`. False when the
   * id was already remembered: the token is being replayed.
   */
  rememberTokenId(jti: string, expiresAtMs: number, nowMs: number): Promise<boolean>
}
