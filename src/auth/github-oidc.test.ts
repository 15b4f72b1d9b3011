import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, openTempStore, refusal, type TempStore } from '../../test/helpers/auth-kit.ts'
import type { WakaPolicy } from '../core/policy.ts'
import { parseConfigText } from '../config/load.ts'
import { createAuthenticator, type Authenticator } from './authenticator.ts'
import { AUDIENCE, FakeGithubIssuer, makeKey, runClaims, SHA, type RsaKey } from './fake-github-issuer.fixture.ts'
import type { GithubOidcOptions } from './github-oidc.ts'

const CONFIG = (jwksUrl: string) => `version: 1
services:
  web:
    repository:
      name: acme/web
      id: 42
      workflows: ["acme/web/.github/workflows/release.yml@refs/heads/*"]
      refs: [refs/heads/main, "refs/tags/v*"]
      roles: { staging: deployer, "*": viewer }
  api:
    repository: { name: acme/api, id: 43, events: [push, workflow_run], roles: { staging: deployer } }
  docs:
    repository: { name: acme/docs, id: 44, environments: [production], roles: { production: deployer } }
environments:
  staging: { driver: { type: local } }
  production: { promoteFrom: staging, driver: { type: local } }
github:
  oidc: { audience: "${AUDIENCE}", jwksUrl: "${jwksUrl}" }
`

const policyOf = (text: string): WakaPolicy => {
  const parsed = parseConfigText(text, 'waka.yml')
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'))
  return parsed.policy
}

describe('GitHub OIDC (tokens from a fake GitHub issuer: local JWKS on 127.0.0.1, keys made in the test)', () => {
  let issuer: FakeGithubIssuer
  let key: RsaKey
  let temp: TempStore
  let clock: ManualClock
  let now: number
  const authenticators: Authenticator[] = []

  const authenticator = (options: GithubOidcOptions = { cooldownMs: 0 }, text = CONFIG(issuer.jwksUrl)): Authenticator => {
    const created = createAuthenticator({ store: temp.store, policy: policyOf(text), clock, oidc: options })
    authenticators.push(created)
    return created
  }
  const present = (auth: Authenticator, jwt: string) => auth.authenticate({ authorization: `Bearer ${jwt}`, sessionCookie: null })
  const signed = (overrides: Parameters<typeof runClaims>[1] = {}) => issuer.sign(key, runClaims(now, overrides))

  beforeEach(async () => {
    key = await makeKey('github-key-1')
    issuer = await FakeGithubIssuer.start([key])
    temp = await openTempStore()
    clock = new ManualClock()
    now = Math.floor(clock.now().getTime() / 1000)
  })
  afterEach(async () => {
    authenticators.splice(0)
    await issuer.close()
    await temp.cleanup()
  })

  it('accepts a valid token: identity from the repository id, grants from its roles, commit and run from the token', async () => {
    const result = await present(authenticator(), await signed())
    expect(result).toEqual({
      via: 'github',
      csrfToken: null,
      identity: {
        name: 'github:acme/web',
        grants: [
          { subjects: ['user:github:acme/web'], role: 'deployer', environments: ['staging'] },
          { subjects: ['user:github:acme/web'], role: 'viewer', environments: ['*'] },
        ],
        credential: {
          kind: 'github',
          repositoryId: 42,
          repository: 'acme/web',
          sha: SHA,
          ref: 'refs/heads/main',
          workflowRef: 'acme/web/.github/workflows/release.yml@refs/heads/main',
          environment: null,
          eventName: 'push',
          runId: '9001',
        },
      },
    })
  })

  describe('refuses tokens that are not what GitHub signed for Waka (UNAUTHENTICATED)', () => {
    const refusedWith = async (jwt: Promise<string> | string, reason: string, auth?: Authenticator) => {
      const error = await refusal(present(auth ?? authenticator(), await jwt))
      expect({ code: error.code, reason: error.details?.['reason'] }).toEqual({ code: 'UNAUTHENTICATED', reason })
      expect(error.message).not.toContain(await jwt)
      return error
    }

    it('signed by a key the issuer does not publish', async () => {
      const stranger = await makeKey('attacker-key')
      await refusedWith(issuer.sign(stranger, runClaims(now)), 'unknown_key')
      await refusedWith(issuer.sign(stranger, runClaims(now), { kid: key.kid }), 'invalid_signature')
    })

    it('alg: none', async () => {
      await refusedWith(issuer.unsigned(runClaims(now)), 'algorithm_not_allowed')
    })

    it('HS256 signed with the public key (key confusion)', async () => {
      await refusedWith(issuer.signHs256WithPublicKey(key, runClaims(now)), 'algorithm_not_allowed')
      expect(issuer.requests).toBe(0)
    })

    it('expired, not yet valid, or issued too long ago', async () => {
      await refusedWith(signed({ iat: now - 400, nbf: now - 400, exp: now - 100 }), 'token_expired')
      await refusedWith(signed({ nbf: now + 120 }), 'token_not_yet_valid')
      await refusedWith(signed({ iat: now - 11 * 60, nbf: now - 11 * 60, exp: now + 60 }), 'token_too_old')
    })

    it('within the clock tolerance (30 s) of expiry or validity, still accepted', async () => {
      await expect(present(authenticator(), await signed({ exp: now - 20 }))).resolves.toMatchObject({ via: 'github' })
      await expect(present(authenticator(), await signed({ nbf: now + 20 }))).resolves.toMatchObject({ via: 'github' })
    })

    it("for another audience, including GitHub's default https://github.com/<owner>, or for several", async () => {
      await refusedWith(signed({ aud: 'https://github.com/acme' }), 'invalid_audience')
      await refusedWith(signed({ aud: 'sts.amazonaws.com' }), 'invalid_audience')
      await refusedWith(signed({ aud: [AUDIENCE, 'https://other.example.com'] }), 'invalid_audience')
      await refusedWith(signed({ aud: undefined }), 'missing_claim')
    })

    it('from another issuer (a look-alike host, a GitHub Enterprise Server)', async () => {
      await refusedWith(signed({ iss: 'https://token.actions.githubusercontent.com.evil.example' }), 'invalid_issuer')
      await refusedWith(signed({ iss: 'https://ghe.example.com/_services/token' }), 'invalid_issuer')
    })

    it('without a claim Waka relies on, or with a malformed one', async () => {
      await refusedWith(signed({ repository_id: undefined }), 'missing_claim')
      await refusedWith(signed({ jti: undefined }), 'missing_claim')
      await refusedWith(signed({ repository_id: '42abc' }), 'malformed')
      await refusedWith(signed({ sha: 'main' }), 'malformed')
    })

    it('when waka.yml has no github.oidc section', async () => {
      const text = 'version: 1\nservices:\n  web:\n    repository: { name: acme/web, id: 42 }\nenvironments:\n  staging: { driver: { type: local } }\n'
      await refusedWith(signed(), 'not_configured', authenticator(undefined, text))
    })
  })

  describe('refuses runs waka.yml does not let in (FORBIDDEN)', () => {
    const forbidden = async (jwt: Promise<string>) => {
      const error = await refusal(present(authenticator(), await jwt))
      expect(error.code).toBe('FORBIDDEN')
      return error.message
    }

    it('the right repository name with another id (deleted and re-created, or transferred)', async () => {
      expect(await forbidden(signed({ repository_id: '4242' }))).toBe(
        'GitHub repository acme/web has id 4242, but services.web.repository.id is 42: repositories are matched by id (a deleted and re-created, or transferred, repository gets a new one)',
      )
      expect(await forbidden(signed({ repository_id: '999', repository: 'mallory/web' }))).toBe(
        'no service in waka.yml has GitHub repository id 999 (mallory/web)',
      )
    })

    it('pull_request_target, workflow_run and pull requests (forks) unless listed', async () => {
      expect(await forbidden(signed({ event_name: 'pull_request_target' }))).toBe(
        'GitHub run of acme/web refused: runs triggered by pull_request_target are not allowed (services.web.repository.events: push, workflow_dispatch)',
      )
      expect(await forbidden(signed({ event_name: 'workflow_run' }))).toContain('runs triggered by workflow_run are not allowed')
      expect(await forbidden(signed({ event_name: 'pull_request', ref: 'refs/pull/7/merge' }))).toContain('runs triggered by pull_request')
      const api = { repository: 'acme/api', repository_id: '43', job_workflow_ref: 'acme/api/.github/workflows/ci.yml@refs/heads/main' }
      await expect(present(authenticator(), await signed({ ...api, event_name: 'workflow_run' }))).resolves.toMatchObject({
        identity: { name: 'github:acme/api' },
      })
    })

    it('a workflow, ref or GitHub environment that is not allowed', async () => {
      expect(await forbidden(signed({ job_workflow_ref: 'acme/web/.github/workflows/pwn.yml@refs/heads/main' }))).toContain(
        'workflow acme/web/.github/workflows/pwn.yml@refs/heads/main is not allowed (services.web.repository.workflows: acme/web/.github/workflows/release.yml@refs/heads/*)',
      )
      expect(await forbidden(signed({ ref: 'refs/heads/feature' }))).toContain('ref refs/heads/feature is not allowed')
      const docs = { repository: 'acme/docs', repository_id: '44' }
      expect(await forbidden(signed({ ...docs, environment: 'staging' }))).toContain('GitHub environment staging is not allowed')
      expect(await forbidden(signed(docs))).toContain('GitHub environment (none) is not allowed')
      await expect(present(authenticator(), await signed({ ...docs, environment: 'production' }))).resolves.toMatchObject({
        identity: { name: 'github:acme/docs', credential: { environment: 'production' } },
      })
      await expect(present(authenticator(), await signed({ ref: 'refs/tags/v1.2.0' }))).resolves.toMatchObject({ via: 'github' })
    })
  })

  describe('replay protection', () => {
    it('accepts a token once; the second use is refused, also after a restart', async () => {
      const jwt = await signed()
      await present(authenticator(), jwt)
      const replayed = await refusal(present(authenticator(), jwt))
      expect(replayed).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'token_replayed' } })
      expect(replayed.message).toContain('token replayed')

      await temp.reopen()
      expect(await refusal(present(authenticator(), jwt))).toMatchObject({ details: { reason: 'token_replayed' } })
      await expect(present(authenticator(), await signed())).resolves.toMatchObject({ via: 'github' })
    })

    it('does not spend a token that was refused', async () => {
      const jwt = await signed()
      const otherConfig = CONFIG(issuer.jwksUrl).replace('id: 42', 'id: 41')
      expect((await refusal(present(authenticator(undefined, otherConfig), jwt))).code).toBe('FORBIDDEN')
      await expect(present(authenticator(), jwt)).resolves.toMatchObject({ via: 'github' })
    })
  })

  describe('the key set', () => {
    it('is fetched once and cached', async () => {
      const auth = authenticator({ cooldownMs: 0 })
      for (let index = 0; index < 3; index++) await present(auth, await signed())
      expect(issuer.requests).toBe(1)
    })

    it('picks up a rotated key with one refetch', async () => {
      const auth = authenticator({ cooldownMs: 0 })
      await present(auth, await signed())
      const rotated = await makeKey('github-key-2')
      issuer.published = [key, rotated]
      await expect(present(auth, await issuer.sign(rotated, runClaims(now)))).resolves.toMatchObject({ via: 'github' })
      expect(issuer.requests).toBe(2)
    })

    it('when the JWKS server is down, cached keys still verify; an unknown kid triggers one refetch, then fails', async () => {
      // cacheMaxAgeMs 0: every verification tries to refresh the key set, so each one meets the outage
      const auth = authenticator({ cooldownMs: 0, cacheMaxAgeMs: 0 })
      await present(auth, await signed())
      issuer.mode = 'down'
      await expect(present(auth, await signed())).resolves.toMatchObject({ via: 'github' })

      const before = issuer.requests
      const unknown = await makeKey('github-key-9')
      const error = await refusal(present(auth, await issuer.sign(unknown, runClaims(now))))
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'unknown_key' } })
      expect(issuer.requests - before).toBe(1)
    })

    it('when the JWKS server is gone altogether, cached keys still verify', async () => {
      const auth = authenticator({ cooldownMs: 0, cacheMaxAgeMs: 0 })
      await present(auth, await signed())
      await issuer.close()
      await expect(present(auth, await signed())).resolves.toMatchObject({ via: 'github' })
    })

    it('refetches for an unknown kid at most once per cooldown', async () => {
      const auth = authenticator({ cooldownMs: 60_000 })
      await present(auth, await signed())
      const unknown = await makeKey('github-key-9')
      for (let index = 0; index < 3; index++)
        expect(await refusal(present(auth, await issuer.sign(unknown, runClaims(now))))).toMatchObject({ details: { reason: 'unknown_key' } })
      expect(issuer.requests).toBe(1)
    })

    it('without any key fetched yet and the server down, refuses: never accepts without verifying', async () => {
      issuer.mode = 'down'
      const error = await refusal(present(authenticator(), await signed()))
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'keys_unavailable' } })
      expect(error.message).toContain(issuer.jwksUrl)
    })
  })
})
