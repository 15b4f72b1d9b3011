import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { claim, createTestApp, PIPELINE_YAML, succeed, type TestApp } from '../../test/helpers/app-context.ts'
import { cancel } from './cancel.ts'
import { deploy, promote } from './deploy.ts'
import { freeze } from './freeze.ts'
import { hold, unhold } from './hold.ts'
import { quarantine } from './quarantine.ts'
import { rollback } from './rollback.ts'

const FIFO_YAML = PIPELINE_YAML.replace('queue: latest', 'queue: fifo')

describe('requesting deployments (use cases, real SQLite ledger)', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await createTestApp(PIPELINE_YAML)
  })
  afterEach(() => app.close())

  const stagingDeployments = () => app.context.store.listDeployments({ service: 'web', environment: 'staging', order: 'oldest' })

  it('a release built from main is auto-deployed to staging, requested by its creator', async () => {
    await app.release('web', 'v1')
    const [deployment] = await stagingDeployments()
    expect(deployment).toMatchObject({ kind: 'deploy', status: 'queued', automatic: true, requestedBy: 'alice', releaseVersion: 'v1' })
  })

  it('a release from another branch is not auto-deployed', async () => {
    await app.release('web', 'v1', { branch: 'feature-x' })
    expect(await stagingDeployments()).toEqual([])
  })

  it('with queue: latest, a newer request supersedes the one still waiting, naming it', async () => {
    await app.release('web', 'v1')
    await app.release('web', 'v2')
    const [first, second] = await stagingDeployments()
    expect(first).toMatchObject({ status: 'superseded', statusReason: `superseded by #${second!.id} (deploy of v2)` })
    expect(second!.status).toBe('queued')
  })

  it('with queue: fifo, both wait and run in order', async () => {
    const fifo = await createTestApp(FIFO_YAML)
    try {
      await fifo.release('web', 'v1')
      await fifo.release('web', 'v2')
      const queued = await fifo.context.store.listDeployments({ service: 'web', environment: 'staging', order: 'oldest' })
      expect(queued.map((d) => d.status)).toEqual(['queued', 'queued'])
      const claimed = await claim(fifo.context, { service: 'web', environment: 'staging', owner: 'test:1', leaseTtlMs: 60_000 })
      expect(claimed?.deployment.releaseVersion).toBe('v1')
      expect(await claim(fifo.context, { service: 'web', environment: 'staging', owner: 'test:2', leaseTtlMs: 60_000 })).toBeNull()
    } finally {
      await fifo.close()
    }
  })

  it('a promotion of a release that never succeeded upstream is rejected with the reason', async () => {
    await app.release('web', 'v1')
    const requested = await deploy(app.context, { actor: 'alice', service: 'web', environment: 'production', release: 'v1', reason: null })
    expect(requested.deployment).toMatchObject({ kind: 'promotion', status: 'rejected' })
    expect(requested.deployment.statusReason).toContain('has not succeeded in staging')
  })

  it('refuses actors without a role (deny by default)', async () => {
    await app.release('web', 'v1')
    await expect(deploy(app.context, { actor: 'mallory', service: 'web', environment: 'staging', release: 'v1', reason: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await expect(app.release('web', 'v2', { actor: 'bob' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('re-registering a version with other bytes is refused; with the same bytes it is a no-op', async () => {
    const v1 = await app.release('web', 'v1')
    await expect(app.release('web', 'v1', { content: 'different bytes' })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await app.release('web', 'v1')).toEqual(v1)
  })

  it('a freeze rejects deploys but lets a rollback through', async () => {
    await app.release('web', 'v1', { content: 'one' })
    await succeed(app.context, (await stagingDeployments())[0]!)
    await app.release('web', 'v2', { content: 'two' })
    await succeed(app.context, (await stagingDeployments())[1]!)
    await freeze(app.context, { actor: 'alice', environment: 'staging', reason: 'incident 7', forMs: null })
    const blocked = await deploy(app.context, { actor: 'alice', service: 'web', environment: 'staging', release: 'v1', reason: null })
    expect(blocked.deployment.status).toBe('rejected')
    expect(blocked.deployment.statusReason).toContain('frozen by alice')
    const back = await rollback(app.context, { actor: 'alice', service: 'web', environment: 'staging', to: null, reason: 'incident' })
    expect(back.deployment).toMatchObject({ kind: 'rollback', status: 'queued', releaseVersion: 'v1' })
  })

  it('a hold keeps queued deployments from running until it is lifted', async () => {
    await hold(app.context, { actor: 'alice', service: 'web', environment: 'staging', reason: 'migrating the database' })
    await app.release('web', 'v1')
    const target = { service: 'web', environment: 'staging', owner: 'test:1', leaseTtlMs: 60_000 }
    expect(await claim(app.context, target)).toBeNull()
    await unhold(app.context, { actor: 'alice', service: 'web', environment: 'staging', reason: null })
    expect((await claim(app.context, target))?.deployment.releaseVersion).toBe('v1')
  })

  it('a quarantined release is rejected by every path', async () => {
    await app.release('web', 'v1', { branch: null })
    await quarantine(app.context, { actor: 'root', service: 'web', release: 'v1', reason: 'CVE-2026-1', lift: false })
    const requested = await deploy(app.context, { actor: 'alice', service: 'web', environment: 'staging', release: 'v1', reason: null })
    expect(requested.deployment.status).toBe('rejected')
    expect(requested.deployment.statusReason).toContain('quarantined by root: CVE-2026-1')
    await expect(quarantine(app.context, { actor: 'alice', service: 'web', release: 'v1', reason: 'x', lift: true })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('cancels only deployments that have not started', async () => {
    await app.release('web', 'v1')
    const [waiting] = await stagingDeployments()
    const cancelled = await cancel(app.context, { actor: 'alice', deploymentId: waiting!.id, reason: 'wrong build' })
    expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'cancelled by alice: wrong build' })
    await expect(cancel(app.context, { actor: 'alice', deploymentId: waiting!.id, reason: null })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
  })

  it('promotes the release live upstream by default, bound to its digest', async () => {
    const v1 = await app.release('web', 'v1')
    await succeed(app.context, (await stagingDeployments())[0]!)
    const requested = await promote(app.context, { actor: 'alice', service: 'web', to: 'production', from: 'staging', release: null, reason: null })
    expect(requested.deployment).toMatchObject({ releaseDigest: v1.digest, fromEnvironment: 'staging', status: 'awaiting_approval' })
    await expect(promote(app.context, { actor: 'alice', service: 'web', to: 'production', from: 'qa', release: null, reason: null })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })

  it('refuses a rollback to a release that never succeeded there', async () => {
    await app.release('web', 'v1')
    await succeed(app.context, (await stagingDeployments())[0]!)
    await app.release('web', 'v2', { branch: null })
    await expect(rollback(app.context, { actor: 'alice', service: 'web', environment: 'staging', to: 'v2', reason: null })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('never succeeded in staging') as string,
    })
    await expect(rollback(app.context, { actor: 'alice', service: 'web', environment: 'staging', to: null, reason: null })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
