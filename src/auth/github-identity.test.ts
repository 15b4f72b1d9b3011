import { describe, expect, it } from 'vitest'
import { WakaError } from '../core/errors.ts'
import { localIdentity, type Identity } from '../core/identity.ts'
import type { WakaPolicy } from '../core/policy.ts'
import { parseConfigText } from '../config/load.ts'
import { assertCommitMatches, assertServiceAllowed, commitOf, githubIdentity, servicesOf } from './github-identity.ts'
import type { GithubClaims } from './github-oidc.ts'

// A monorepo: web and worker come from acme/platform (id 42), with different allow-lists.
const POLICY: WakaPolicy = (() => {
  const parsed = parseConfigText(
    `version: 1
services:
  web:
    repository: { name: acme/platform, id: 42, refs: [refs/heads/main], roles: { staging: deployer } }
  worker:
    repository: { name: acme/platform, id: 42, refs: ["refs/tags/*"], roles: { production: deployer } }
  billing:
    repository: { name: acme/billing, id: 43, roles: { "*": deployer } }
environments:
  staging: { driver: { type: local } }
  production: { promoteFrom: staging, driver: { type: local } }
github:
  oidc: { audience: https://waka.example.com }
`,
    'waka.yml',
  )
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.policy
})()

const claims = (overrides: Partial<GithubClaims> = {}): GithubClaims => ({
  jti: 'jti-1',
  subject: 'repo:acme/platform:ref:refs/heads/main',
  repositoryId: 42,
  repository: 'acme/platform',
  sha: 'c'.repeat(40),
  ref: 'refs/heads/main',
  jobWorkflowRef: 'acme/platform/.github/workflows/release.yml@refs/heads/main',
  environment: null,
  eventName: 'push',
  runId: '1',
  expiresAtMs: 0,
  ...overrides,
})

const forbidden = (run: () => void): WakaError => {
  try {
    run()
  } catch (error) {
    if (error instanceof WakaError && error.code === 'FORBIDDEN') return error
    throw error
  }
  throw new Error('expected FORBIDDEN')
}

describe('GitHub run identities', () => {
  it('in a monorepo, a run acts only for the services whose allow-lists it passes, with their roles', () => {
    const main = githubIdentity(POLICY, claims())
    expect(main.grants).toEqual([{ subjects: ['user:github:acme/platform'], role: 'deployer', environments: ['staging'] }])
    expect(servicesOf(POLICY, main)).toEqual(['web'])
    assertServiceAllowed(POLICY, main, 'web')
    expect(forbidden(() => assertServiceAllowed(POLICY, main, 'worker')).message).toBe(
      "github:acme/platform may not act on service worker (its repository's services: web)",
    )
    expect(forbidden(() => assertServiceAllowed(POLICY, main, 'billing')).details).toEqual({ service: 'billing', services: ['web'] })

    const tag = githubIdentity(POLICY, claims({ ref: 'refs/tags/v2.0.0' }))
    expect(servicesOf(POLICY, tag)).toEqual(['worker'])
    expect(tag.grants.map((grant) => grant.environments)).toEqual([['production']])
  })

  it('people and API tokens are limited by their roles alone', () => {
    const person: Identity = localIdentity('alice')
    expect(servicesOf(POLICY, person)).toBeNull()
    assertServiceAllowed(POLICY, person, 'billing')
  })

  it('takes the commit from the token: a request naming another commit is refused', () => {
    const run = githubIdentity(POLICY, claims())
    expect(commitOf(run)).toBe('c'.repeat(40))
    assertCommitMatches(run, 'c'.repeat(40))
    assertCommitMatches(run, 'C'.repeat(40))
    assertCommitMatches(run, null)
    assertCommitMatches(run, undefined)
    const error = forbidden(() => assertCommitMatches(run, 'd'.repeat(40)))
    expect(error.message).toBe(`the request names commit ${'d'.repeat(40)}, but the GitHub token was issued to a run at ${'c'.repeat(40)}; the commit comes from the token`)
    forbidden(() => assertCommitMatches(run, 'c'.repeat(7)))
    assertCommitMatches(localIdentity('alice'), 'anything')
    expect(commitOf(localIdentity('alice'))).toBeNull()
  })
})
