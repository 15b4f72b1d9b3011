import type { Selectable } from 'kysely'
import type { Role } from '../../core/access/roles.ts'
import type { ApiToken, AuthStore, Session, StoredApiToken } from '../../core/auth-store.ts'
import { InternalError } from '../../core/errors.ts'
import type { ApiTokensTable, Db, SessionsTable } from './tables.ts'

type AuthReads = 'getToken' | 'listTokens' | 'getSession'
type AuthWrites = Exclude<keyof AuthStore, AuthReads>

/** The methods of {@link AuthStore} that write; a store runs each in a transaction of its own. */
export const AUTH_WRITES = [
  'insertToken',
  'revokeToken',
  'insertSession',
  'deleteSession',
  'countSignInAttempt',
  'forgiveSignInAttempt',
  'rememberTokenId',
] as const satisfies readonly AuthWrites[]

const environmentsOf = (row: Selectable<ApiTokensTable>): string[] => {
  const parsed: unknown = JSON.parse(row.environments)
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string'))
    throw new InternalError(`api token #${row.id}: environments column is not a JSON list of names`)
  return parsed
}

const toToken = (row: Selectable<ApiTokensTable>): ApiToken => ({
  id: row.id,
  name: row.name,
  subject: row.subject,
  role: row.role as Role | null,
  environments: environmentsOf(row),
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  revokedBy: row.revoked_by,
})

const toStoredToken = (row: Selectable<ApiTokensTable>): StoredApiToken => ({ ...toToken(row), secretSha256: row.secret_sha256 })

const toSession = (row: Selectable<SessionsTable>): Session => ({
  idSha256: row.id_sha256,
  tokenId: row.token_id,
  subject: row.subject,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
})

export const authReads = (db: Db): Pick<AuthStore, AuthReads> => ({
  async getToken(id) {
    const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toStoredToken(row) : null
  },
  async listTokens() {
    return (await db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute()).map(toToken)
  },
  async getSession(idSha256) {
    const row = await db.selectFrom('sessions').selectAll().where('id_sha256', '=', idSha256).executeTakeFirst()
    return row ? toSession(row) : null
  },
})

/** Each write is a few statements; `db` must be a connection inside a transaction the caller owns. */
export const authWrites = (db: Db): Pick<AuthStore, AuthWrites> => ({
  async insertToken(token) {
    const row = await db
      .insertInto('api_tokens')
      .values({
        name: token.name,
        subject: token.subject,
        role: token.role,
        environments: JSON.stringify(token.environments),
        secret_sha256: token.secretSha256,
        created_by: token.createdBy,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toStoredToken(row)
  },

  async revokeToken(id, revocation) {
    const row = await db
      .updateTable('api_tokens')
      .set({ revoked_at: revocation.at, revoked_by: revocation.by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
    if (!row) return null
    await db.deleteFrom('sessions').where('token_id', '=', id).execute()
    return toToken(row)
  },

  async insertSession(session) {
    await db.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute()
    await db
      .insertInto('sessions')
      .values({
        id_sha256: session.idSha256,
        token_id: session.tokenId,
        subject: session.subject,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute()
  },

  async deleteSession(idSha256) {
    const result = await db.deleteFrom('sessions').where('id_sha256', '=', idSha256).executeTakeFirst()
    return result.numDeletedRows > 0n
  },

  // Pruning first means a surviving row is in its window, so counting is one increment, and the
  // count returned is the one this statement wrote.
  async countSignInAttempt(key, window) {
    await db.deleteFrom('signin_attempts').where('window_start_ms', '<=', window.nowMs - window.windowMs).execute()
    const row = await db
      .insertInto('signin_attempts')
      .values({ key, window_start_ms: window.nowMs, failures: 1 })
      .onConflict((conflict) => conflict.column('key').doUpdateSet((eb) => ({ failures: eb('signin_attempts.failures', '+', 1) })))
      .returning(['failures', 'window_start_ms'])
      .executeTakeFirstOrThrow()
    return { attempts: row.failures, windowStartMs: row.window_start_ms }
  },

  async forgiveSignInAttempt(key) {
    await db
      .updateTable('signin_attempts')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute()
  },

  async rememberTokenId(jti, expiresAtMs, nowMs) {
    await db.deleteFrom('oidc_replays').where('expires_at_ms', '<=', nowMs).execute()
    const result = await db
      .insertInto('oidc_replays')
      .values({ jti, expires_at_ms: expiresAtMs })
      .onConflict((conflict) => conflict.column('jti').doNothing())
      .executeTakeFirst()
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n
  },
})

/** Every auth method on one connection inside the caller's transaction. */
export const createSqlAuth = (db: Db): AuthStore => ({ ...authReads(db), ...authWrites(db) })
