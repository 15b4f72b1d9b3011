import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { githubIdentity } from '../auth/github-identity.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { isWakaError } from '../core/errors.ts'
import { claim, createTestApp, succeed, type TestApp } from '../../test/helpers/app-context.ts'
import { actingAs } from './acting.ts'
import { claimNext } from './claim.ts'
import { decide } from './decide.ts'
import { deploy, promote } from './deploy.ts'
import { recordFailure } from './finish.ts'
import { quarantine } from './quarantine.ts'
import { rollback } from './rollback.ts'

const YAML = `
version: 1
services:
  web:
    repository: { name: acme/web, id: 42, roles: { production: deployer, "*": viewer } }
  api: {}
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
  production:
    promoteFrom: staging
    driver: { type: local }
    rollback: { auto: true }
  vault:
    promoteFrom: staging
    gates:
      approvals: { required: 1, from: [user:bob] }
    driver: { type: local }
  edge:
    executor: runner
    driver: { type: local }
github:
  oidc: { audience: "https://waka.example.com", jwksUrl: "https://127.0.0.1/jwks" }
access:
  roles:
    "*": { admin: [user:root], deployer: [user:alice], viewer: [user:bob] }
    vault: { approver: [user:bob] }
`

/** What a path did with the quarantined release: refused with an error, or recorded a deployment that never runs. */
type Outcome = { readonly error: string; readonly message: string } | { readonly deployment: Deployment } | { readonly nothing: string }

const attempt = async (work: () => Promise<Outcome>): Promise<Outcome> => {
  try {
    return await work()
  } catch (error) {
    if (isWakaError(error)) return { error: error.code, message: error.message }
    throw error
  }
}

const staged = async (app: TestApp, service: string, version: string): Promise<Deployment> => {
  await app.release(service, version, { content: `${service} ${version}` })
  const [queued] = await app.context.store.listDeployments({ service, environment: 'staging', statuses: ['queued'], limit: 1 })
  if (!queued) throw new Error(`${service} ${version} was not auto-deployed to staging`)
  return succeed(app.context, queued)
}

const bar = (app: TestApp, version: string, service = 'web') =>
  quarantine(app.context, { actor: 'root', service, release: version, reason: 'corrupts sessions', lift: false })

/** v1 and v2 verified in staging and production; v2 is live in both. */
const twoReleasesLive = async (app: TestApp): Promise<void> => {
  for (const version of ['v1', 'v2']) {
    await staged(app, 'web', version)
    const requested = await promote(app.context, { actor: 'alice', service: 'web', to: 'production', from: null, release: null, reason: null })
    await succeed(app.context, requested.deployment)
  }
}

const GITHUB_CLAIMS = {
  jti: 'run-1',
  subject: 'repo:acme/web:ref:refs/heads/main',
  repositoryId: 42,
  repository: 'acme/web',
  sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  ref: 'refs/heads/main',
  jobWorkflowRef: 'acme/web/.github/workflows/waka-promote.yml@refs/heads/main',
  environment: null,
  eventName: 'workflow_dispatch',
  runId: '7',
  expiresAtMs: Date.parse('2026-11-26T11:00:00Z'),
}

interface PathCase {
  readonly path: string
  readonly run: (app: TestApp) => Promise<Outcome>
}

/** Every way a release can reach a target. Each row quarantines the release it then tries to move. */
const PATHS: readonly PathCase[] = [
  {
    path: 'deploy (a named release)',
    run: async (app) => {
      await app.release('web', 'v1', { branch: 'feature' })
      await bar(app, 'v1')
      return attempt(async () => ({ deployment: (await deploy(app.context, { actor: 'alice', service: 'web', environment: 'staging', release: 'v1', reason: null })).deployment }))
    },
  },
  {
    path: 'promote (the release live upstream)',
    run: async (app) => {
      await staged(app, 'web', 'v1')
      await bar(app, 'v1')
      return attempt(async () => ({ deployment: (await promote(app.context, { actor: 'alice', service: 'web', to: 'production', from: null, release: null, reason: null })).deployment }))
    },
  },
  {
    path: 'auto-deploy (queued before the quarantine, claimed after)',
    run: async (app) => {
      await app.release('web', 'v1')
      await bar(app, 'v1')
      const result = await claimNext(app.context, { service: 'web', environment: 'staging', owner: 'test:1', leaseTtlMs: 60_000 })
      return result && 'cancelled' in result ? { deployment: result.cancelled } : { nothing: JSON.stringify(result) }
    },
  },
  {
    path: 'auto-deploy (the same bytes registered again)',
    run: async (app) => {
      await app.release('web', 'v1', { branch: 'feature' })
      await bar(app, 'v1')
      await app.release('web', 'v1', { branch: 'feature' })
      const deployments = await app.context.store.listDeployments({ service: 'web', environment: 'staging' })
      return deployments[0] ? { deployment: deployments[0] } : { nothing: 'no auto-deploy was requested' }
    },
  },
  {
    path: 'approval of a waiting promotion',
    run: async (app) => {
      await staged(app, 'web', 'v1')
      const requested = await promote(app.context, { actor: 'alice', service: 'web', to: 'vault', from: null, release: null, reason: null })
      await bar(app, 'v1')
      return attempt(async () => ({ deployment: (await decide(app.context, { actor: 'bob', deploymentId: requested.deployment.id, decision: 'approve', comment: '' })).deployment }))
    },
  },
  {
    path: 'rollback --to (a named release)',
    run: async (app) => {
      await twoReleasesLive(app)
      await bar(app, 'v1')
      return attempt(async () => ({ deployment: (await rollback(app.context, { actor: 'alice', service: 'web', environment: 'production', to: 'v1', reason: null })).deployment }))
    },
  },
  {
    path: 'rollback (to the previous release)',
    run: async (app) => {
      await twoReleasesLive(app)
      await bar(app, 'v1')
      return attempt(async () => ({ deployment: (await rollback(app.context, { actor: 'alice', service: 'web', environment: 'production', to: null, reason: null })).deployment }))
    },
  },
  {
    path: 'automatic rollback after a failure',
    run: async (app) => {
      await twoReleasesLive(app)
      await staged(app, 'web', 'v3')
      const requested = await promote(app.context, { actor: 'alice', service: 'web', to: 'production', from: null, release: null, reason: null })
      await bar(app, 'v2')
      const claimed = await claim(app.context, { service: 'web', environment: 'production', owner: 'test:1', leaseTtlMs: 60_000 })
      if (claimed?.deployment.id !== requested.deployment.id) throw new Error('the promotion was not claimed')
      const effects = await recordFailure(app.context, { ...claimed, status: 'failed', reason: 'health failed', touchedTargets: true, healthFailed: true })
      return effects.rollback ? { deployment: effects.rollback.deployment } : { nothing: effects.notes.join('; ') }
    },
  },
  {
    path: 'executor claim (a runner asks for the queued deployment)',
    run: async (app) => {
      await app.release('web', 'v1', { branch: 'feature' })
      const requested = await deploy(app.context, { actor: 'alice', service: 'web', environment: 'edge', release: 'v1', reason: null })
      await bar(app, 'v1')
      const result = await claimNext(app.context, { service: 'web', environment: 'edge', owner: 'runner:1', leaseTtlMs: 60_000, deploymentId: requested.deployment.id, actor: 'alice' })
      return result && 'cancelled' in result ? { deployment: result.cancelled } : { nothing: JSON.stringify(result) }
    },
  },
  {
    path: 'GitHub Actions (a run of acme/web, as its OIDC identity)',
    run: async (app) => {
      await staged(app, 'web', 'v1')
      await bar(app, 'v1')
      const identity = githubIdentity(app.context.policy, GITHUB_CLAIMS)
      const context = actingAs(app.context, identity)
      return attempt(async () => ({ deployment: (await promote(context, { actor: identity.name, service: 'web', to: 'production', from: null, release: null, reason: null })).deployment }))
    },
  },
]

describe('a quarantined release is refused on every path (use cases, real SQLite ledger)', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await createTestApp(YAML)
  })
  afterEach(() => app.close())

  it.each(PATHS)('$path', async ({ run }) => {
    const outcome = await run(app)
    if ('error' in outcome) {
      expect(outcome.error).toBe('RELEASE_QUARANTINED')
      expect(outcome.message).toMatch(/quarantined by root: corrupts sessions/)
    } else if ('deployment' in outcome) {
      expect(['rejected', 'cancelled']).toContain(outcome.deployment.status)
      expect(outcome.deployment.statusReason).toMatch(/quarantined by root: corrupts sessions/)
    } else {
      expect(outcome.nothing).toMatch(/quarantined by root: corrupts sessions|no auto-deploy was requested/)
    }
    // whatever the path, nothing of a quarantined release waits to run or runs
    const active = await app.context.store.listDeployments({ statuses: ['pending', 'awaiting_approval', 'queued', 'running', 'verifying'] })
    const barred = await Promise.all(active.map((deployment) => app.context.store.getQuarantine(deployment.service, deployment.releaseId)))
    expect(active.filter((_, index) => barred[index] !== null)).toEqual([])
  })
})

describe('lifting a quarantine (real SQLite ledger)', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await createTestApp(YAML)
    await app.release('web', 'v1', { branch: 'feature' })
    await bar(app, 'v1')
  })
  afterEach(() => app.close())

  it('takes the admin role', async () => {
    await expect(quarantine(app.context, { actor: 'alice', service: 'web', release: 'v1', reason: 'fixed', lift: true })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await app.context.store.getQuarantine('web', 1)).not.toBeNull()
  })

  it('takes a reason', async () => {
    await expect(quarantine(app.context, { actor: 'root', service: 'web', release: 'v1', reason: '  ', lift: true })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /--reason is required/ })
    expect(await app.context.store.getQuarantine('web', 1)).not.toBeNull()
  })

  it('is audited with who and why, and the release deploys again', async () => {
    await quarantine(app.context, { actor: 'root', service: 'web', release: 'v1', reason: 'the session bug was in the proxy', lift: true })
    const events = await app.context.store.listAudit(0, 100)
    expect(events.filter((event) => event.action.startsWith('quarantine.')).map(({ action, actor, reason }) => ({ action, actor, reason }))).toEqual([
      { action: 'quarantine.placed', actor: 'root', reason: 'corrupts sessions' },
      { action: 'quarantine.lifted', actor: 'root', reason: 'the session bug was in the proxy' },
    ])
    const requested = await deploy(app.context, { actor: 'alice', service: 'web', environment: 'staging', release: 'v1', reason: null })
    expect(requested.deployment.status).toBe('queued')
  })
})
