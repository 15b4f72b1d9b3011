/**
 * Verifies GitHub Actions OIDC tokens with jose: RS256 only, the exact issuer, Waka's own
 * audience (and no other), a small clock tolerance, a maximum age, the claims Waka relies on.
 * Keys come from the issuer's key set, cached; an unknown key id refetches it (at most once per
 * cooldown), and when the key set cannot be fetched the keys fetched before still verify.
 * Which repository may do what is decided afterwards, in github-identity.ts.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  jwtVerify,
  type FetchImplementation,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose'
import type { GithubOidcPolicy } from '../core/policy.ts'
import type { Clock } from '../core/store.ts'
import { unauthenticated, type Refusal } from './secrets.ts'

export interface GithubOidcOptions {
  /** How to fetch the key set (a proxy, say); the global fetch by default. */
  readonly fetch?: FetchImplementation
  /** Least time between two key set fetches caused by unknown key ids. Default 30 s. */
  readonly cooldownMs?: number
  /** Fetch the key set again when the cached one is older than this. Default 10 min. */
  readonly cacheMaxAgeMs?: number
  /** Default 5 s. */
  readonly timeoutMs?: number
}

/** What Waka takes from a verified token. GitHub sends every claim as a string. */
export interface GithubClaims {
  readonly jti: string
  readonly subject: string
  readonly repositoryId: number
  readonly repository: string
  readonly sha: string
  readonly ref: string
  readonly jobWorkflowRef: string
  readonly environment: string | null
  readonly eventName: string
  readonly runId: string
  /** `exp`, in ms since the Unix epoch. */
  readonly expiresAtMs: number
}

export interface GithubTokenVerifier {
  /** The claims of a valid token; UNAUTHENTICATED (with `details.reason`) for anything else. */
  verify(jwt: string): Promise<GithubClaims>
}

const MAX_JWT_LENGTH = 16_384
const REQUIRED_CLAIMS = ['jti', 'sub', 'iat', 'exp', 'repository_id', 'repository', 'sha', 'ref', 'job_workflow_ref', 'event_name', 'run_id']

const refuse = (message: string, reason: Refusal, cause?: unknown) =>
  unauthenticated(`GitHub OIDC token refused: ${message}`, reason, cause === undefined ? {} : { cause })

/** The token's problem in words; never the token, and never an "accept anyway". */
const explain = (error: unknown, oidc: GithubOidcPolicy) => {
  if (error instanceof errors.JWTExpired)
    return error.claim === 'iat'
      ? refuse(`issued more than ${oidc.maxTokenAgeMs / 1000} s ago`, 'token_too_old')
      : refuse('expired', 'token_expired')
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return refuse(`missing claim ${error.claim}`, 'missing_claim')
    if (error.claim === 'aud') return refuse(`wrong audience (Waka expects ${oidc.audience})`, 'invalid_audience')
    if (error.claim === 'iss') return refuse(`wrong issuer (Waka expects ${oidc.issuer})`, 'invalid_issuer')
    if (error.claim === 'nbf' || error.claim === 'iat') return refuse('not valid yet', 'token_not_yet_valid')
    return refuse(`claim ${error.claim} is invalid`, 'malformed')
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refuse('signing algorithm not allowed (RS256 only)', 'algorithm_not_allowed')
  if (error instanceof errors.JWSSignatureVerificationFailed) return refuse('invalid signature', 'invalid_signature')
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return refuse(`signed by a key that is not in ${oidc.jwksUrl}`, 'unknown_key')
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported)
    return refuse('not a well-formed signed JWT', 'malformed')
  return refuse(`cannot fetch the signing keys from ${oidc.jwksUrl}`, 'keys_unavailable', error)
}

const text = (payload: JWTPayload, claim: string): string => {
  const value = payload[claim]
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) throw refuse(`claim ${claim} is not a string`, 'malformed')
  return value
}

const claimsOf = (payload: JWTPayload): GithubClaims => {
  const repositoryId = payload['repository_id']
  const id = typeof repositoryId === 'string' && /^[1-9][0-9]{0,15}$/.test(repositoryId) ? Number(repositoryId) : NaN
  if (!Number.isSafeInteger(id)) throw refuse('claim repository_id is not a repository id', 'malformed')
  const sha = text(payload, 'sha').toLowerCase()
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) throw refuse('claim sha is not a commit id', 'malformed')
  if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw refuse('several audiences', 'invalid_audience')
  const environment = payload['environment']
  return {
    jti: text(payload, 'jti'),
    subject: text(payload, 'sub'),
    repositoryId: id,
    repository: text(payload, 'repository'),
    sha,
    ref: text(payload, 'ref'),
    jobWorkflowRef: text(payload, 'job_workflow_ref'),
    environment: environment === undefined || environment === '' ? null : text(payload, 'environment'),
    eventName: text(payload, 'event_name'),
    runId: text(payload, 'run_id'),
    expiresAtMs: (payload.exp ?? 0) * 1000,
  }
}

/** The issuer's keys, cached; keys fetched earlier still verify while the key set cannot be fetched. */
const keySet = (jwksUrl: string, options: GithubOidcOptions): JWTVerifyGetKey => {
  const remote = createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  })
  return async (header, token) => {
    try {
      return await remote(header, token)
    } catch (error) {
      const cached = remote.jwks()
      if (cached === undefined || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error
      return createLocalJWKSet(cached)(header, token)
    }
  }
}

export const createGithubTokenVerifier = (oidc: GithubOidcPolicy, clock: Clock, options: GithubOidcOptions = {}): GithubTokenVerifier => {
  const keys = keySet(oidc.jwksUrl, options)
  return {
    async verify(jwt) {
      if (jwt.length > MAX_JWT_LENGTH) throw refuse('too long', 'malformed')
      let payload: JWTPayload
      try {
        ;({ payload } = await jwtVerify(jwt, keys, {
          algorithms: ['RS256'],
          issuer: oidc.issuer,
          audience: oidc.audience,
          clockTolerance: Math.floor(oidc.clockToleranceMs / 1000),
          maxTokenAge: Math.floor(oidc.maxTokenAgeMs / 1000),
          requiredClaims: REQUIRED_CLAIMS,
          currentDate: clock.now(),
        }))
      } catch (error) {
        throw explain(error, oidc)
      }
      return claimsOf(payload)
    },
  }
}
