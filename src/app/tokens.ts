/**
 * API token use cases. A token acts as its subject and may carry a role; whoever creates or
 * revokes one must be admin in every environment it covers: the environments of its role, and
 * every environment (`*`) when it acts as someone other than its creator (it then carries that
 * person's roles from waka.yml, today's and tomorrow's). So nobody can mint more than they hold.
 */
import { rolesOf } from '../core/access/access-policy.ts'
import { ROLES, type Role } from '../core/access/roles.ts'
import type { ApiToken } from '../core/auth-store.ts'
import { WakaError } from '../core/errors.ts'
import type { Identity } from '../core/identity.ts'
import { checkPerson } from '../core/names.ts'
import type { WakaPolicy } from '../core/policy.ts'
import { formatToken, MAX_TOKEN_LIFETIME_MS, mintTokenSecret } from '../auth/tokens.ts'
import { actingAs } from './acting.ts'
import type { AppContext } from './context.ts'
import { audit } from './record.ts'

export const MIN_TOKEN_LIFETIME_MS = 60_000

export interface CreateTokenInput {
  readonly identity: Identity
  readonly name: string
  /** Who the token acts as; its name when absent. */
  readonly subject?: string | null
  readonly role: Role | null
  /** Environment names or `*`; required with a role, empty without one. */
  readonly environments: readonly string[]
  readonly expiresInMs: number
}

export interface CreatedToken {
  readonly token: ApiToken
  /** The token to hand to its user: shown this once, never stored. */
  readonly secret: string
}

const invalid = (message: string): WakaError => new WakaError('INVALID_ARGUMENT', message)

const isAdminIn = (policy: WakaPolicy, actor: string, environment: string): boolean =>
  rolesOf(policy.access, actor, environment).includes('admin')

/** What a token covers, as the environments its creator or revoker must be admin in. */
const coveredBy = (token: Pick<ApiToken, 'subject' | 'role' | 'environments'>, creator: string): string[] => [
  ...new Set([...(token.role === null ? [] : token.environments), ...(token.subject === creator ? [] : ['*'])]),
]

const authorizeTokenAdmin = (context: AppContext, identity: Identity, covered: readonly string[], what: string): void => {
  if (identity.credential.kind === 'github') throw new WakaError('FORBIDDEN', `${identity.name}: GitHub workflow runs may not manage API tokens`)
  const { policy } = actingAs(context, identity)
  const actor = identity.name
  const environments = ['*', ...Object.keys(policy.environments)]
  const missing =
    covered.length === 0
      ? environments.some((environment) => isAdminIn(policy, actor, environment))
        ? []
        : ['at least one environment']
      : covered.filter((environment) => !isAdminIn(policy, actor, environment))
  if (missing.length === 0) return
  const where = missing.map((environment) => (environment === '*' ? 'every environment ("*")' : environment)).join(', ')
  throw new WakaError('FORBIDDEN', `${actor} may not ${what}: that needs the admin role in ${where}`, {
    details: { actor, missing },
    hint: 'an admin of those environments in waka.yml (access.roles) can do it',
  })
}

const checkedName = (label: string, value: string): string => {
  const problem = checkPerson(value)
  if (problem) throw invalid(`${label}: expected ${problem.expected}`)
  return value
}

const checkedEnvironments = (policy: WakaPolicy, role: Role | null, environments: readonly string[]): string[] => {
  if (role !== null && !ROLES.includes(role)) throw invalid(`role: expected one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`)
  if (role === null) {
    if (environments.length > 0) throw invalid('environments: a token without a role covers no environments (give it a role, or leave them out)')
    return []
  }
  if (environments.length === 0) throw invalid(`environments: expected the environments the ${role} role applies in, or "*" for all`)
  const known = Object.keys(policy.environments)
  for (const environment of environments)
    if (environment !== '*' && !known.includes(environment))
      throw invalid(`environments: expected "*" or one of ${known.join(', ')}, got ${JSON.stringify(environment)}`)
  return environments.includes('*') ? ['*'] : [...new Set(environments)]
}

/** Creates a token; the secret in the result is the only copy. */
export const createToken = (context: AppContext, input: CreateTokenInput): Promise<CreatedToken> =>
  context.store.write(async (tx) => {
    const name = checkedName('name', input.name)
    const subject = checkedName('subject', input.subject ?? name)
    const environments = checkedEnvironments(context.policy, input.role, input.environments)
    if (!Number.isSafeInteger(input.expiresInMs) || input.expiresInMs < MIN_TOKEN_LIFETIME_MS || input.expiresInMs > MAX_TOKEN_LIFETIME_MS)
      throw invalid('expiry: tokens must expire, after at least 1 minute and at most 366 days')
    const actor = input.identity.name
    authorizeTokenAdmin(context, input.identity, coveredBy({ subject, role: input.role, environments }, actor), `create token ${name}`)

    const now = context.clock.now()
    const expiresAt = new Date(now.getTime() + input.expiresInMs).toISOString()
    const { credential } = input.identity
    if (credential.kind === 'token' || credential.kind === 'session') {
      const parent = await tx.auth.getToken(credential.tokenId)
      if (parent && Date.parse(parent.expiresAt) < Date.parse(expiresAt))
        throw invalid(`expiry: a token created with token #${parent.id} cannot outlive it (it expires at ${parent.expiresAt})`)
    }
    const { secret, secretSha256 } = mintTokenSecret()
    const { secretSha256: _, ...token } = await tx.auth.insertToken({
      name,
      subject,
      role: input.role,
      environments,
      secretSha256,
      createdBy: actor,
      createdAt: now.toISOString(),
      expiresAt,
    })
    await audit(tx, context.clock, {
      actor,
      action: 'token.created',
      data: { tokenId: token.id, name, subject, role: token.role, environments, expiresAt },
    })
    return { token, secret: formatToken(token.id, secret) }
  })

/** Admins (in any environment) see every token; anyone else only the tokens that act as them. */
export const listTokens = async (context: AppContext, input: { readonly identity: Identity }): Promise<ApiToken[]> => {
  const { identity } = input
  if (identity.credential.kind === 'github') throw new WakaError('FORBIDDEN', `${identity.name}: GitHub workflow runs may not list API tokens`)
  const { policy } = actingAs(context, identity)
  const admin = ['*', ...Object.keys(policy.environments)].some((environment) => isAdminIn(policy, identity.name, environment))
  const tokens = await context.store.auth.listTokens()
  return admin ? tokens : tokens.filter((token) => token.subject === identity.name)
}

/** Revokes a token by id and ends its sessions. Anyone may revoke a token that acts as them. */
export const revokeToken = (context: AppContext, input: { readonly identity: Identity; readonly id: number; readonly reason?: string | null }): Promise<ApiToken> =>
  context.store.write(async (tx) => {
    const actor = input.identity.name
    const stored = await tx.auth.getToken(input.id)
    if (!stored) throw new WakaError('NOT_FOUND', `API token #${input.id} does not exist`, { hint: 'waka token list' })
    if (stored.subject !== actor || input.identity.credential.kind === 'github')
      authorizeTokenAdmin(context, input.identity, coveredBy(stored, stored.createdBy), `revoke token #${stored.id} (${stored.name})`)
    const revoked = await tx.auth.revokeToken(stored.id, { by: actor, at: context.clock.now().toISOString() })
    if (!revoked) throw new WakaError('CONFLICT', `API token #${stored.id} (${stored.name}) was already revoked at ${stored.revokedAt ?? '?'} by ${stored.revokedBy ?? '?'}`)
    await audit(tx, context.clock, {
      actor,
      action: 'token.revoked',
      reason: input.reason ?? null,
      data: { tokenId: revoked.id, name: revoked.name, subject: revoked.subject },
    })
    return revoked
  })
