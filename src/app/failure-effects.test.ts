import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { claim, createTestApp, PIPELINE_YAML, succeed, type TestApp } from '../../test/helpers/app-context.ts'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createRelease } from './create-release.ts'
import { recordFailure } from './finish.ts'

const AUTO_ROLLBACK_STAGING = PIPELINE_YAML.replace(
  '    queue: latest\n    driver: { type: local }',
  '    queue: latest\n    driver: { type: local }\n    rollback: { auto: true }',
)

describe('what a failure sets off (use case, real SQLite ledger)', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await createTestApp(AUTO_ROLLBACK_STAGING)
  })
  afterEach(() => app.close())

  const staging = { service: 'web', environment: 'staging', owner: 'test:1', leaseTtlMs: 60_000 }
  const failNext = async (options: { healthFailed: boolean; touchedTargets?: boolean }) => {
    const claimed = await claim(app.context, staging)
    if (!claimed) throw new Error('nothing claimed')
    return recordFailure(app.context, {
      deployment: claimed.deployment,
      epoch: claimed.epoch,
      status: 'failed',
      reason: 'health check failed: status 500',
      touchedTargets: options.touchedTargets ?? true,
      healthFailed: options.healthFailed,
    })
  }

  it('a failed health check quarantines the release, pauses auto-deploy and requests one rollback to the last verified release', async () => {
    await app.release('web', 'v1')
    await succeed(app.context, (await app.context.store.listDeployments({ service: 'web', environment: 'staging' }))[0]!)
    await app.release('web', 'v2')
    const effects = await failNext({ healthFailed: true })
    expect(effects.deployment.status).toBe('failed')
    expect(effects.rollback?.deployment).toMatchObject({ kind: 'rollback', releaseVersion: 'v1', automatic: true, rollbackOf: effects.deployment.id, status: 'queued' })
    expect(await app.context.store.getQuarantine('web', effects.deployment.releaseId)).not.toBeNull()
    expect(await app.context.store.getAutoDeployPause('web', 'staging')).not.toBeNull()
    expect((await app.context.store.getLease('web', 'staging'))?.deploymentId).toBeNull()
  })

  it('while auto-deploy is paused, a new release does not deploy and says why', async () => {
    await app.release('web', 'v1')
    await succeed(app.context, (await app.context.store.listDeployments({ service: 'web', environment: 'staging' }))[0]!)
    await app.release('web', 'v2')
    await failNext({ healthFailed: true })
    const build = join(app.dir, 'builds', 'web-v3')
    await mkdir(build, { recursive: true })
    await writeFile(join(build, 'app.txt'), 'v3')
    const result = await createRelease(app.context, {
      actor: 'alice',
      service: 'web',
      version: 'v3',
      artifact: { path: build },
      source: { repository: null, commit: null, branch: 'main', buildUrl: null, committedAt: null },
    })
    expect(result.deployments).toEqual([])
    expect(result.skipped[0]?.reason).toContain('auto-deploy is paused')
  })

  it('a failed rollback freezes the environment instead of rolling back again: nothing loops', async () => {
    await app.release('web', 'v1')
    await succeed(app.context, (await app.context.store.listDeployments({ service: 'web', environment: 'staging' }))[0]!)
    await app.release('web', 'v2')
    const first = await failNext({ healthFailed: true })
    expect(first.rollback).not.toBeNull()
    const second = await failNext({ healthFailed: true })
    expect(second.deployment.kind).toBe('rollback')
    expect(second.rollback).toBeNull()
    expect(await app.context.store.getFreeze('staging')).toMatchObject({ by: 'waka:engine' })
    expect(await app.context.store.listDeployments({ statuses: ['pending', 'awaiting_approval', 'queued'] })).toEqual([])
    expect(second.notes.join('\n')).toContain('frozen')
  })

  it('a failure with no earlier verified release records that there is nothing to roll back to', async () => {
    await app.release('web', 'v1')
    const effects = await failNext({ healthFailed: true })
    expect(effects.rollback).toBeNull()
    expect(effects.notes.join('\n')).toContain('no earlier verified release')
  })

  it('a failure before the targets were touched neither rolls back nor pauses', async () => {
    await app.release('web', 'v1')
    await succeed(app.context, (await app.context.store.listDeployments({ service: 'web', environment: 'staging' }))[0]!)
    await app.release('web', 'v2')
    const effects = await failNext({ healthFailed: false, touchedTargets: false })
    expect(effects.rollback).toBeNull()
    expect(await app.context.store.getAutoDeployPause('web', 'staging')).toBeNull()
    expect(await app.context.store.getQuarantine('web', effects.deployment.releaseId)).toBeNull()
  })
})
