import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArtifactStore } from '../../src/artifacts/artifact-store.ts'
import { claimNext } from '../../src/app/claim.ts'
import type { AppContext } from '../../src/app/context.ts'
import { createRelease } from '../../src/app/create-release.ts'
import { decide } from '../../src/app/decide.ts'
import { deploy } from '../../src/app/deploy.ts'
import { parseConfigText } from '../../src/config/load.ts'
import type { Store } from '../../src/core/store.ts'
import { openPostgresStore } from '../../src/storage/postgres/postgres-store.ts'
import { sha256Hex } from '../../src/storage/sha256-hex.ts'
import { createTestDatabase, storeSelected, type TestDatabase } from '../helpers/postgres.ts'

const ROUNDS = 12

const YAML = `
version: 1
services:
  web: {}
environments:
  production:
    queue: fifo
    gates:
      approvals: { required: 2, from: [user:alice, user:bob, user:carol] }
    driver: { type: local }
  staging:
    queue: latest
    driver: { type: local }
access:
  roles:
    "*": { deployer: [user:dev], approver: [user:alice, user:bob, user:carol], admin: [user:root] }
`

/**
 * The use cases on two stores (two replicas' connection pools) over one PostgreSQL database: each
 * race runs the same use case on both at the same moment, as two replicas serving two requests would.
 */
describe.runIf(storeSelected('postgres'))('use cases racing on two replicas', () => {
  let database: TestDatabase
  let dir = ''
  const stores: Store[] = []
  let contexts: [AppContext, AppContext]

  beforeEach(async () => {
    database = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'waka-races-'))
    const parsed = parseConfigText(YAML, 'waka.yml')
    if (!parsed.ok) throw new Error('bad test config')
    const artifacts = createArtifactStore(join(dir, 'artifacts'))
    const context = async (): Promise<AppContext> => {
      const store = await openPostgresStore({ url: database.url })
      stores.push(store)
      return { store, clock: { now: () => new Date() }, policy: parsed.policy, artifacts, hash: sha256Hex }
    }
    contexts = [await context(), await context()]
  })
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close()
    await database.drop()
    await rm(dir, { recursive: true, force: true })
  })

  const release = async (version: string) => {
    const path = join(dir, 'builds', version)
    await mkdir(path, { recursive: true })
    await writeFile(join(path, 'app.txt'), version)
    const source = { repository: null, commit: null, branch: 'main', buildUrl: null, committedAt: null }
    return Promise.all(contexts.map((context) => createRelease(context, { actor: 'root', service: 'web', version, artifact: { path }, source })))
  }

  it('registers a version once when two replicas register it at the same moment', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const results = await release(`v${round}`)
      expect(results.filter((result) => result.created)).toHaveLength(1)
      expect(results[0]?.release).toEqual(results[1]?.release)
    }
  })

  it('counts one approval when the same approver approves on two replicas at once', async () => {
    await release('v1')
    for (let round = 0; round < ROUNDS; round++) {
      const { deployment } = await deploy(contexts[0], { actor: 'dev', service: 'web', environment: 'production', release: 'v1', reason: null })
      const outcomes = await Promise.allSettled(contexts.map((context) => decide(context, { actor: 'alice', deploymentId: deployment.id, decision: 'approve', comment: '' })))
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1)
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } })
      expect(await contexts[1].store.listApprovals(deployment.id)).toHaveLength(1)
      expect((await contexts[1].store.getDeployment(deployment.id))?.status).toBe('awaiting_approval')
    }
  })

  it('lets exactly one of two engines claim an environment', async () => {
    await release('v1')
    for (let round = 0; round < ROUNDS; round++) {
      const { deployment } = await deploy(contexts[0], { actor: 'dev', service: 'web', environment: 'staging', release: 'v1', reason: null })
      const results = await Promise.all(
        contexts.map((context, index) => claimNext(context, { service: 'web', environment: 'staging', owner: `replica-${index}:1`, leaseTtlMs: 60_000 })),
      )
      const claimed = results.flatMap((result) => (result && 'claimed' in result ? [result.claimed] : []))
      expect(claimed).toHaveLength(1)
      expect(claimed[0]?.deployment.id).toBe(deployment.id)
      const lease = await contexts[0].store.getLease('web', 'staging')
      await contexts[0].store.write((tx) => tx.releaseLease({ service: 'web', environment: 'staging', deploymentId: deployment.id, epoch: lease?.epoch ?? 0 }))
      await contexts[0].store.write((tx) =>
        tx.transitionDeployment({ id: deployment.id, from: ['running'], to: 'errored', patch: { updatedAt: new Date().toISOString() } }),
      )
    }
  })

  it('with queue: latest, leaves one of two simultaneous requests waiting and supersedes the other', async () => {
    await release('v1')
    await release('v2')
    for (let round = 0; round < ROUNDS; round++) {
      const requests = await Promise.all(
        contexts.map((context, index) => deploy(context, { actor: 'dev', service: 'web', environment: 'staging', release: `v${index + 1}`, reason: `round ${round}` })),
      )
      const waiting = await contexts[0].store.listDeployments({ environment: 'staging', statuses: ['pending', 'awaiting_approval', 'queued'] })
      expect(waiting).toHaveLength(1)
      expect(requests.flatMap((request) => request.superseded).map((superseded) => superseded.status)).toContain('superseded')
    }
  })
})
